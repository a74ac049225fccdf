import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import type { QueueDepth } from './dashboard-data.ts';

/** Tandem's queues (src/sync/queues.ts on the server), named for people. */
const queueNames: Record<string, { label: string; description: string }> = {
  'economy-events': {
    label: 'tandem.dashboard.queue.economy',
    description: 'tandem.dashboard.queue.economyAbout',
  },
  'platform-sync': {
    label: 'tandem.dashboard.queue.platforms',
    description: 'tandem.dashboard.queue.platformsAbout',
  },
  notifications: {
    label: 'tandem.dashboard.queue.notifications',
    description: 'tandem.dashboard.queue.notificationsAbout',
  },
  maintenance: {
    label: 'tandem.dashboard.queue.maintenance',
    description: 'tandem.dashboard.queue.maintenanceAbout',
  },
};

const count = (value: number | null) => (value === null ? '—' : formatNumber(value));

function describe(name: string) {
  return queueNames[name] ?? { label: name, description: '' };
}

/** BullMQ queues' depths; failures in red, with Bull Board one click away. */
export function QueuesCard({ queues }: { queues: QueueDepth[] }) {
  const translate = useTranslate();
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title={translate('tandem.menu.queues')}
        subheader={translate('tandem.dashboard.jobsByState')}
        slotProps={{ title: { variant: 'h6' } }}
        action={
          <Button
            href="/admin/queues"
            target="_blank"
            rel="noopener"
            endIcon={<OpenInNewIcon />}
            size="small"
          >
            Bull Board
          </Button>
        }
      />
      <CardContent sx={{ pt: 0 }}>
        {queues.length === 0 ? (
          <Typography color="text.secondary">{translate('tandem.dashboard.noQueueFigures')}</Typography>
        ) : (
          <Table
            size="small"
            sx={{ '& th, & td': { px: 1 }, '& th:first-of-type, & td:first-of-type': { pl: 0 } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{translate('tandem.dashboard.queueColumn')}</TableCell>
                <TableCell align="right">{translate('tandem.dashboard.waiting')}</TableCell>
                <TableCell align="right">{translate('tandem.dashboard.active')}</TableCell>
                <TableCell align="right">{translate('tandem.dashboard.delayed')}</TableCell>
                <TableCell align="right">{translate('tandem.dashboard.failed')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {queues.map((queue) => {
                const { label, description } = describe(queue.name);
                return (
                  <TableRow key={queue.name} data-queue={queue.name}>
                    <TableCell>
                      <Tooltip title={description ? `${translate(description)} (${queue.name})` : queue.name}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {translate(label, { _: label })}
                        </Typography>
                      </Tooltip>
                    </TableCell>
                    {queue.error ? (
                      <TableCell colSpan={4} align="right">
                        <Chip size="small" color="error" variant="outlined" label={queue.error} />
                      </TableCell>
                    ) : (
                      <>
                        <TableCell align="right">{count(queue.waiting)}</TableCell>
                        <TableCell align="right">{count(queue.active)}</TableCell>
                        <TableCell align="right">{count(queue.delayed)}</TableCell>
                        <TableCell align="right">
                          {(queue.failed ?? 0) > 0 ? (
                            <Chip size="small" color="error" label={count(queue.failed)} />
                          ) : (
                            <Typography variant="body2" color="text.disabled">
                              0
                            </Typography>
                          )}
                        </TableCell>
                      </>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
