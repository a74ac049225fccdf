import { Create } from 'react-admin';
import { MenuButtonForm } from './MenuButtonForm.tsx';

export function MenuButtonCreate() {
  return (
    <Create redirect="list">
      <MenuButtonForm />
    </Create>
  );
}
