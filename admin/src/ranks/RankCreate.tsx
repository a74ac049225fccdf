import { Create } from 'react-admin';
import { RankForm } from './RankForm.tsx';

export function RankCreate() {
  return (
    <Create redirect="list">
      <RankForm />
    </Create>
  );
}
