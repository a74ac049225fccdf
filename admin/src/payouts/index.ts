import TollIcon from '@mui/icons-material/Toll';
import type { ResourceProps } from 'react-admin';
import { PayoutList } from './PayoutList.tsx';
import { PayoutShow } from './PayoutShow.tsx';

export const payouts: ResourceProps = {
  name: 'payouts',
  icon: TollIcon,
  list: PayoutList,
  show: PayoutShow,
  recordRepresentation: (payout) => `${payout.amount} coins`,
};
