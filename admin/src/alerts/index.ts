import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import type { ResourceProps } from 'react-admin';
import { AlertList } from './AlertList.tsx';

export { PagerPage, pagerPath } from './PagerPage.tsx';

/** Read-only: the pager's incidents, opened and resolved by Tandem itself (src/alerts). */
export const alertIncidents: ResourceProps = {
  name: 'alert_incidents',
  icon: NotificationsActiveIcon,
  list: AlertList,
};
