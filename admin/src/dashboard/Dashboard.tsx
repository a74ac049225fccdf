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
import { Title, useAuthenticated } from 'react-admin';
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

function waited(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * Tandem at a glance: players and what waits for a decision, sync events by status and per minute,
 * the queues (with Bull Board), the last reconcile, and the leaderboard. Refreshed by live changes.
 */
export default function Dashboard() {
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
          The dashboard could not be loaded: {errorMessage(error)}
        </Alert>
      ) : null}
      <Box sx={{ ...grid, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' }, mb: 2 }}>
        <StatCard
          label="tandem.dashboard.players"
          icon={<PeopleIcon />}
          value={figure(totals?.players)}
          hint={
            totals?.linkedPlayers !== undefined
              ? `${formatNumber(totals.linkedPlayers)} linked on both platforms`
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
              ? `${formatNumber(totals.heldCoins)} coins held until you decide`
              : 'Coins held until you decide'
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
            title="Sync events per minute"
            subheader={
              data?.throughputPerMinute !== undefined
                ? `Last 60 minutes · ${data.throughputPerMinute.toLocaleString('en-US')} per minute over the last 15`
                : 'Last 60 minutes'
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
          <CardHeader title="Sync events by status" slotProps={{ title: { variant: 'h6' } }} />
          <CardContent sx={{ pt: 0, display: 'grid', gap: 1.5 }}>
            {(
              [
                ['pending', 'Pending', HourglassTopIcon, 'warning.main'],
                ['processing', 'Processing', SyncIcon, 'info.main'],
                ['completed', 'Completed', CheckCircleIcon, 'success.main'],
                ['failed', 'Failed', ErrorIcon, 'error.main'],
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
                <Typography sx={{ flex: 1, fontWeight: 600 }}>{label}</Typography>
                <Typography variant="h6" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {counts ? formatNumber(counts[status]) : isPending ? '…' : '—'}
                </Typography>
              </Box>
            ))}
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary' }}>
              <PendingActionsIcon fontSize="small" />
              <Typography variant="caption">
                {data?.oldestPendingAgeSeconds
                  ? `The oldest pending event has waited ${waited(data.oldestPendingAgeSeconds)}.`
                  : 'No event is waiting to be carried.'}
                {counts?.failed ? ' Failed ones can be retried one by one or in bulk.' : ''}
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
