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
  Typography,
} from '@mui/material';
import { formatNumber } from '../common/amounts.tsx';
import type { QueueDepth } from './dashboard-data.ts';

const queueDescriptions: Record<string, string> = {
  economy: 'Carries XP and coin changes to the platforms',
  platform: 'Rate-limited Discord and Telegram calls',
  notifications: 'Messages to players',
  maintenance: 'Reconcile and cleanup',
};

const count = (value: number | null) => (value === null ? '—' : formatNumber(value));

function queueLabel(name: string): string {
  const short = name.split(/[:/]/).pop() ?? name;
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** BullMQ queues' depths; failures in red, with Bull Board one click away. */
export function QueuesCard({ queues }: { queues: QueueDepth[] }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Queues"
        subheader="Jobs waiting, running, delayed and failed"
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
          <Table size="small">
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
                const key = (queue.name.split(/[:/]/).pop() ?? queue.name).toLowerCase();
                return (
                  <TableRow key={queue.name} data-queue={queue.name}>
                    <TableCell>
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {queueLabel(queue.name)}
                      </Typography>
                      {queueDescriptions[key] ? (
                        <Typography variant="caption" color="text.secondary">
                          {queueDescriptions[key]}
                        </Typography>
                      ) : null}
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
