import { Create } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { ScenarioForm } from './ScenarioForm.tsx';

export function ScenarioCreate() {
  return (
    <Create redirect="list" title={<CreateTitle />}>
      <ScenarioForm />
    </Create>
  );
}
