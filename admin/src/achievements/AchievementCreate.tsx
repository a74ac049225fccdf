import { Create, type RaRecord } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { AchievementForm } from './AchievementForm.tsx';
import { cleanRule } from './achievement-rules.ts';

export function AchievementCreate() {
  return (
    <Create
      redirect="list"
      title={<CreateTitle />}
      transform={(data: RaRecord) => ({ ...data, rule: cleanRule(data.rule) })}
    >
      <AchievementForm />
    </Create>
  );
}
