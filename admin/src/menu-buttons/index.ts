import SmartButtonIcon from '@mui/icons-material/SmartButton';
import type { ResourceProps } from 'react-admin';
import { MenuButtonCreate } from './MenuButtonCreate.tsx';
import { MenuButtonEdit } from './MenuButtonEdit.tsx';
import { MenuButtonList } from './MenuButtonList.tsx';
import { MenuButtonShow } from './MenuButtonShow.tsx';

export const menuButtons: ResourceProps = {
  name: 'menu_buttons',
  icon: SmartButtonIcon,
  list: MenuButtonList,
  show: MenuButtonShow,
  edit: MenuButtonEdit,
  create: MenuButtonCreate,
  recordRepresentation: 'label',
};
