import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { formatDateTime, timeAgo } from '../common/dates.tsx';
import type { ReconcileFinding, ReconcileSummary } from './dashboard-data.ts';

function describe(finding: ReconcileFinding): string {
  switch (finding.kind) {
    case 'totals':
      return 'Account totals differed from the ledger and were restored';
    case 'rank':
      return 'Rank differed from XP and was re-announced';
    case 'roles':
      return finding.action === 'reported'
        ? 'Discord roles differ from the rank (reported only)'
        : finding.action === 'error'
          ? `Discord roles could not be fixed${finding.error ? `: ${String(finding.error)}` : ''}`
          : 'Discord roles were put back to match the rank';
    case 'stuck':
      return 'A stuck sync event was queued again';
    case 'error':
      return `A step failed${finding.step ? ` (${String(finding.step)})` : ''}: ${finding.message ?? 'unknown error'}`;
    case 'truncated':
      return `…and ${finding.omitted ?? 'more'} more`;
    default:
      return finding.kind;
  }
}

function Figure({ label, value, alert }: { label: string; value: number; alert?: boolean }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="h6" component="div" color={alert && value > 0 ? 'error.main' : 'text.primary'}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate(label, { _: label })}
      </Typography>
    </Box>
  );
}

/** The last reconcile pass: when it ran, what it checked and what it had to put right. */
export function ReconcileCard({ run }: { run: ReconcileSummary | null | undefined }) {
  const findings = Array.isArray(run?.findings) ? run.findings : [];
  const findingCount =
    run?.findingsCount ?? (Array.isArray(run?.findings) ? run.findings.length : (run?.findings ?? 0));
  const clean = run && findingCount === 0 && run.errors === 0;
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title="Last reconcile"
        slotProps={{ title: { variant: 'h6' } }}
        subheader={
          run
            ? run.finishedAt
              ? `Finished ${timeAgo(new Date(run.finishedAt))} · ${formatDateTime(run.finishedAt)}`
              : `Running since ${timeAgo(new Date(run.startedAt))}`
            : 'Not run yet: it runs every 15 minutes'
        }
        action={
          run ? (
            clean ? (
              <Chip icon={<CheckCircleIcon />} color="success" variant="outlined" label="All in step" />
            ) : (
              <Chip icon={<WarningAmberIcon />} color="warning" label={`${findingCount} found`} />
            )
          ) : null
        }
      />
      {run ? (
        <CardContent sx={{ pt: 0 }}>
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fit, minmax(84px, 1fr))',
              gap: 1,
              mb: findings.length ? 2 : 0,
            }}
          >
            <Figure label="tandem.dashboard.playersChecked" value={run.playersChecked} />
            <Figure label="tandem.dashboard.totalsFixed" value={run.totalsFixed} alert />
            <Figure label="tandem.dashboard.rolesFixed" value={run.rolesFixed} alert />
            <Figure label="tandem.dashboard.eventsRequeued" value={run.eventsRequeued} alert />
            <Figure label="tandem.dashboard.errors" value={run.errors} alert />
          </Box>
          {findings.length > 0 ? (
            <List dense disablePadding sx={{ maxHeight: 180, overflow: 'auto' }}>
              {findings.slice(0, 20).map((finding, index) => (
                <ListItem key={`${finding.kind}-${finding.playerId ?? index}`} disableGutters>
                  <ListItemText
                    primary={describe(finding)}
                    secondary={
                      finding.playerId ? (
                        <Link to={`/players/${finding.playerId}/show`}>Open the player</Link>
                      ) : null
                    }
                  />
                </ListItem>
              ))}
            </List>
          ) : null}
        </CardContent>
      ) : null}
    </Card>
  );
}
