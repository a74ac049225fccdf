import SyncIcon from '@mui/icons-material/Sync';
import type { ResourceProps } from 'react-admin';
import { SyncEventList } from './SyncEventList.tsx';
import { SyncEventShow } from './SyncEventShow.tsx';

export const syncEvents: ResourceProps = {
  name: 'sync_events',
  icon: SyncIcon,
  list: SyncEventList,
  show: SyncEventShow,
  recordRepresentation: 'idempotencyKey',
};
