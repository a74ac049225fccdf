import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { MenuButtonForm } from './MenuButtonForm.tsx';

export function MenuButtonEdit() {
  return (
    <VersionedEdit redirect="list">
      <MenuButtonForm edit />
    </VersionedEdit>
  );
}
