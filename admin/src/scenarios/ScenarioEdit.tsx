import { VersionedEdit } from '../common/VersionedEdit.tsx';
import { ScenarioForm } from './ScenarioForm.tsx';

export function ScenarioEdit() {
  return (
    <VersionedEdit redirect="list">
      <ScenarioForm edit />
    </VersionedEdit>
  );
}
