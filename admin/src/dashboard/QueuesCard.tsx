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
import { formatNumber } from '../common/amounts.tsx';
import type { QueueDepth } from './dashboard-data.ts';

/** Tandem's queues (src/sync/queues.ts on the server), named for people. */
const queueNames: Record<string, { label: string; description: string }> = {
  'economy-events': { label: 'Economy', description: 'Carries XP and coin changes to the platforms' },
  'platform-sync': { label: 'Platforms', description: 'Rate-limited Discord and Telegram calls' },
  notifications: { label: 'Notifications', description: 'Messages to players' },
  maintenance: { label: 'Maintenance', description: 'Reconcile and cleanup' },
};

const count = (value: number | null) => (value === null ? '—' : formatNumber(value));

function describe(name: string) {
  return queueNames[name] ?? { label: name, description: '' };
}

/** BullMQ queues' depths; failures in red, with Bull Board one click away. */
export function QueuesCard({ queues }: { queues: QueueDepth[] }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Queues"
        subheader="Jobs by state, right now"
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
          <Typography color="text.secondary">No queue figures yet.</Typography>
        ) : (
          <Table
            size="small"
            sx={{ '& th, & td': { px: 1 }, '& th:first-of-type, & td:first-of-type': { pl: 0 } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>Queue</TableCell>
                <TableCell align="right">Waiting</TableCell>
                <TableCell align="right">Active</TableCell>
                <TableCell align="right">Delayed</TableCell>
                <TableCell align="right">Failed</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {queues.map((queue) => {
                const { label, description } = describe(queue.name);
                return (
                  <TableRow key={queue.name} data-queue={queue.name}>
                    <TableCell>
                      <Tooltip title={description ? `${description} (${queue.name})` : queue.name}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {label}
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
