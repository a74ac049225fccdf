import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { RankForm } from './RankForm.tsx';

export function RankEdit() {
  return (
    <VersionedEdit redirect="list">
      <RankForm edit />
    </VersionedEdit>
  );
}
