import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import PendingActionsIcon from '@mui/icons-material/PendingActions';
import PeopleIcon from '@mui/icons-material/People';
import SyncIcon from '@mui/icons-material/Sync';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import TollIcon from '@mui/icons-material/Toll';
import { Alert, Box, Card, CardContent, CardHeader, Skeleton, Typography } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Title, type TranslateFunction, useAuthenticated, useTranslate } from 'react-admin';
import { errorMessage } from '../api/http.ts';
import { formatNumber } from '../common/amounts.tsx';
import { statusCounts } from './dashboard-data.ts';
import { listLink } from './list-link.ts';
import { QueuesCard } from './QueuesCard.tsx';
import { ReconcileCard } from './ReconcileCard.tsx';
import { StatCard } from './StatCard.tsx';
import { TopPlayersCard } from './TopPlayersCard.tsx';
import { useDashboard } from './use-dashboard.ts';

/** recharts is ~100 kB gzip: it loads only with the chart, after the figures are on screen. */
const EventsChart = lazy(() => import('./EventsChart.tsx'));

const grid = { display: 'grid', gap: 2 } as const;

function waited(seconds: number, translate: TranslateFunction): string {
  if (seconds < 90) return translate('tandem.common.seconds', { count: Math.round(seconds) });
  if (seconds < 5400) return translate('tandem.common.minutes', { count: Math.round(seconds / 60) });
  return translate('tandem.common.hours', { count: Math.round(seconds / 3600) });
}

/**
 * Tandem at a glance: players and what waits for a decision, sync events by status and per minute,
 * the queues (with Bull Board), the last reconcile, and the leaderboard. Refreshed by live changes.
 */
export default function Dashboard() {
  const translate = useTranslate();
  useAuthenticated();
  const { data, error, isPending } = useDashboard();
  const counts = data ? statusCounts(data) : null;
  const totals = data?.totals;
  const figure = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value));

  return (
    <Box sx={{ py: 2 }}>
      <Title title="tandem.dashboard.overview" />
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {translate('tandem.dashboard.loadFailed', {
            error: translate(errorMessage(error), { _: errorMessage(error) }),
          })}
        </Alert>
      ) : null}
      <Box sx={{ ...grid, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' }, mb: 2 }}>
        <StatCard
          label="tandem.dashboard.players"
          icon={<PeopleIcon />}
          value={figure(totals?.players)}
          hint={
            totals?.linkedPlayers !== undefined
              ? translate('tandem.dashboard.linked', { count: formatNumber(totals.linkedPlayers) })
              : undefined
          }
          to="/players"
        />
        <StatCard
          label="tandem.dashboard.submissionsToReview"
          icon={<TaskAltIcon />}
          tone="warning.main"
          value={figure(totals?.pendingSubmissions)}
          hint="tandem.dashboard.taskProofWaitingFor"
          to={listLink('task_submissions', { status: 'pending' })}
        />
        <StatCard
          label="tandem.dashboard.payoutsOnHold"
          icon={<TollIcon />}
          tone="warning.main"
          value={figure(totals?.heldPayouts)}
          hint={
            totals?.heldCoins !== undefined
              ? translate('tandem.dashboard.heldCoins', { count: formatNumber(totals.heldCoins) })
              : 'tandem.dashboard.coinsHeld'
          }
          to={listLink('payouts', { status: 'held' })}
        />
        <StatCard
          label="tandem.dashboard.failedSyncEvents"
          icon={<ErrorIcon />}
          tone="error.main"
          value={counts ? formatNumber(counts.failed) : '—'}
          hint="tandem.dashboard.retryThemFromThe"
          to={listLink('sync_events', { status: 'failed' })}
        />
      </Box>

      <Box sx={{ ...grid, gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' }, mb: 2 }}>
        <Card>
          <CardHeader
            title={translate('tandem.dashboard.perMinute')}
            subheader={
              data?.throughputPerMinute !== undefined
                ? translate('tandem.dashboard.throughput', {
                    count: formatNumber(data.throughputPerMinute),
                  })
                : translate('tandem.dashboard.lastHour')
            }
            slotProps={{ title: { variant: 'h6' } }}
          />
          <CardContent sx={{ pt: 0 }}>
            {data?.eventsPerMinute ? (
              <Suspense fallback={<Skeleton variant="rounded" height={260} />}>
                <EventsChart points={data.eventsPerMinute} />
              </Suspense>
            ) : (
              <Skeleton variant="rounded" height={260} />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader
            title={translate('tandem.dashboard.byStatus')}
            slotProps={{ title: { variant: 'h6' } }}
          />
          <CardContent sx={{ pt: 0, display: 'grid', gap: 1.5 }}>
            {(
              [
                ['pending', 'tandem.status.pending', HourglassTopIcon, 'warning.main'],
                ['processing', 'tandem.status.processing', SyncIcon, 'info.main'],
                ['completed', 'tandem.status.completed', CheckCircleIcon, 'success.main'],
                ['failed', 'tandem.status.failed', ErrorIcon, 'error.main'],
              ] as const
            ).map(([status, label, Icon, tone]) => (
              <Box
                key={status}
                component="a"
                href={`#${listLink('sync_events', { status })}`}
                data-status-count={status}
                sx={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1.5,
                  p: 1.25,
                  borderRadius: 2,
                  color: 'inherit',
                  textDecoration: 'none',
                  bgcolor: 'action.hover',
                  '&:hover': { bgcolor: 'action.selected' },
                }}
              >
                <Icon sx={{ color: tone }} />
                <Typography sx={{ flex: 1, fontWeight: 600 }}>
                  {status === 'completed'
                    ? // The API counts completed events over a recent window only: the outbox keeps them all.
                      translate('tandem.dashboard.completedRecently', {
                        minutes: data?.completedWindowMinutes ?? 60,
                      })
                    : translate(label)}
                </Typography>
                <Typography variant="h6" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {counts ? formatNumber(counts[status]) : isPending ? '…' : '—'}
                </Typography>
              </Box>
            ))}
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary' }}>
              <PendingActionsIcon fontSize="small" />
              <Typography variant="caption">
                {data?.oldestPendingAgeSeconds
                  ? translate('tandem.dashboard.oldestWaited', {
                      time: waited(data.oldestPendingAgeSeconds, translate),
                    })
                  : translate('tandem.dashboard.nothingWaiting')}
                {counts?.failed ? ` ${translate('tandem.dashboard.retryHint')}` : ''}
              </Typography>
            </Box>
          </CardContent>
        </Card>
      </Box>

      <Box sx={{ ...grid, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', lg: '1.25fr 1fr 0.9fr' } }}>
        <QueuesCard queues={data?.queues ?? []} />
        <ReconcileCard run={data?.lastReconcile} />
        <TopPlayersCard players={data?.topPlayers ?? []} />
      </Box>
    </Box>
  );
}
