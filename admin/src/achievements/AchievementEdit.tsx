import type { RaRecord } from 'react-admin';
import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { AchievementForm } from './AchievementForm.tsx';
import { cleanRule } from './achievement-rules.ts';

export function AchievementEdit() {
  return (
    <VersionedEdit redirect="list" transform={(data: RaRecord) => ({ ...data, rule: cleanRule(data.rule) })}>
      <AchievementForm edit />
    </VersionedEdit>
  );
}
