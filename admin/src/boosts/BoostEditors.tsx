import { Create } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { BoostForm } from './BoostForm.tsx';

export function BoostCreate() {
  return (
    <Create redirect="list" title={<CreateTitle />}>
      <BoostForm />
    </Create>
  );
}

export function BoostEdit() {
  return (
    <VersionedEdit redirect="list">
      <BoostForm edit />
    </VersionedEdit>
  );
}
