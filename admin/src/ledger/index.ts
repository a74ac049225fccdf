import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { ResourceProps } from 'react-admin';
import { LedgerList } from './LedgerList.tsx';
import { LedgerShow } from './LedgerShow.tsx';

export const ledger: ResourceProps = {
  name: 'ledger',
  icon: ReceiptLongIcon,
  list: LedgerList,
  show: LedgerShow,
  recordRepresentation: (row) => `${row.reason} #${row.id}`,
};
