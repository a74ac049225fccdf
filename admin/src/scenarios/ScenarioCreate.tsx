import { Create } from 'react-admin';
import { ScenarioForm } from './ScenarioForm.tsx';

export function ScenarioCreate() {
  return (
    <Create redirect="list">
      <ScenarioForm />
    </Create>
  );
}
