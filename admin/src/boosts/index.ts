import BoltIcon from '@mui/icons-material/Bolt';
import type { ResourceProps } from 'react-admin';
import { BoostCreate, BoostEdit } from './BoostEditors.tsx';
import { BoostList } from './BoostList.tsx';

export const boosts: ResourceProps = {
  name: 'boosts',
  icon: BoltIcon,
  list: BoostList,
  edit: BoostEdit,
  create: BoostCreate,
  recordRepresentation: 'name',
};
