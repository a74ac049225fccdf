import { Create } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { TaskForm } from './TaskForm.tsx';

export function TaskCreate() {
  return (
    <Create redirect="list" title={<CreateTitle />}>
      <TaskForm />
    </Create>
  );
}
