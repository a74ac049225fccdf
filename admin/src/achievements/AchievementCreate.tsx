import { Create, type RaRecord } from 'react-admin';
import { AchievementForm } from './AchievementForm.tsx';
import { cleanRule } from './achievement-rules.ts';

export function AchievementCreate() {
  return (
    <Create redirect="list" transform={(data: RaRecord) => ({ ...data, rule: cleanRule(data.rule) })}>
      <AchievementForm />
    </Create>
  );
}
