import FactCheckIcon from '@mui/icons-material/FactCheck';
import type { ResourceProps } from 'react-admin';
import { SyncStateList } from './SyncStateList.tsx';

/** Read-only; a row opens the player's page, where the rest of their story is. */
export const syncStates: ResourceProps = {
  name: 'sync_states',
  icon: FactCheckIcon,
  list: SyncStateList,
};
