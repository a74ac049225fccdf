import PeopleIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';
import { PlayerEdit } from './PlayerEdit.tsx';
import { PlayerList } from './PlayerList.tsx';
import { PlayerShow } from './PlayerShow.tsx';

export const players: ResourceProps = {
  name: 'players',
  icon: PeopleIcon,
  list: PlayerList,
  show: PlayerShow,
  edit: PlayerEdit,
  recordRepresentation: 'displayName',
};
