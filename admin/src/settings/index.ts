import TuneIcon from '@mui/icons-material/Tune';
import type { ResourceProps } from 'react-admin';
import { SettingsEdit } from './SettingsEdit.tsx';
import { SettingsList } from './SettingsList.tsx';
import { SettingsShow } from './SettingsShow.tsx';

export const settings: ResourceProps = {
  name: 'settings',
  icon: TuneIcon,
  list: SettingsList,
  edit: SettingsEdit,
  show: SettingsShow,
};
