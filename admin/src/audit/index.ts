import HistoryIcon from '@mui/icons-material/History';
import type { ResourceProps } from 'react-admin';
import { AuditList } from './AuditList.tsx';

export const audit: ResourceProps = {
  name: 'audit',
  icon: HistoryIcon,
  list: AuditList,
  recordRepresentation: (row) => `${row.action} ${row.entity} #${row.entityId}`,
};
