import { Create } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { RankForm } from './RankForm.tsx';

export function RankCreate() {
  return (
    <Create redirect="list" title={<CreateTitle />}>
      <RankForm />
    </Create>
  );
}
