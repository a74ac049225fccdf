import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { TaskForm } from './TaskForm.tsx';

export function TaskEdit() {
  return (
    <VersionedEdit redirect="list">
      <TaskForm edit />
    </VersionedEdit>
  );
}
