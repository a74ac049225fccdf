import { Create } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { SeasonForm } from './SeasonForm.tsx';

export function SeasonCreate() {
  return (
    <Create redirect="list" title={<CreateTitle />}>
      <SeasonForm />
    </Create>
  );
}

export function SeasonEdit() {
  return (
    <VersionedEdit redirect="list">
      <SeasonForm edit />
    </VersionedEdit>
  );
}
