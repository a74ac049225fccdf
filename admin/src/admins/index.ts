import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import type { ResourceProps } from 'react-admin';
import { AdminCreate } from './AdminCreate.tsx';
import { AdminEdit } from './AdminEdit.tsx';
import { AdminList } from './AdminList.tsx';

export const admins: ResourceProps = {
  name: 'admins',
  icon: AdminPanelSettingsIcon,
  list: AdminList,
  edit: AdminEdit,
  create: AdminCreate,
  recordRepresentation: 'username',
};
