import { Create } from 'react-admin';
import { CreateTitle } from '../common/titles.tsx';
import { MenuButtonForm } from './MenuButtonForm.tsx';

export function MenuButtonCreate() {
  return (
    <Create redirect="list" title={<CreateTitle />}>
      <MenuButtonForm />
    </Create>
  );
}
