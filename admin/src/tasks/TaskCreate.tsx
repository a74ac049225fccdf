import { Create } from 'react-admin';
import { TaskForm } from './TaskForm.tsx';

export function TaskCreate() {
  return (
    <Create redirect="list">
      <TaskForm />
    </Create>
  );
}
