import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { type TranslateFunction, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { timeAgo, useFormatDateTime } from '../common/dates.tsx';
import { useAction } from '../common/use-action.ts';
import type { ReconcileFinding, ReconcileSummary } from './dashboard-data.ts';

function describe(finding: ReconcileFinding, translate: TranslateFunction): string {
  switch (finding.kind) {
    case 'totals':
      return translate('tandem.dashboard.finding.totals');
    case 'chain':
      return translate('tandem.dashboard.finding.chain');
    case 'rank':
      return translate('tandem.dashboard.finding.rank');
    case 'roles':
      return finding.action === 'reported'
        ? translate('tandem.dashboard.finding.rolesReported')
        : finding.action === 'error'
          ? `${translate('tandem.dashboard.finding.rolesFailed')}${finding.error ? `: ${String(finding.error)}` : ''}`
          : translate('tandem.dashboard.finding.rolesFixed');
    case 'stuck':
      return translate('tandem.dashboard.finding.stuck');
    case 'error':
      return `${translate('tandem.dashboard.finding.stepFailed')}${finding.step ? ` (${String(finding.step)})` : ''}: ${finding.message ?? '?'}`;
    case 'truncated':
      return translate('tandem.dashboard.finding.more', { count: finding.omitted ?? '…' });
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

/**
 * Starts a full audit: every player's totals recomputed from the ledger, in the background (the
 * scheduled pass checks only the players that changed). Operators may: it is queue work.
 */
function StartAuditButton() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'reconcile', action: 'audit' });
  const start = useAction({
    run: (dataProvider) => dataProvider.startReconcileAudit(),
    success: 'tandem.dashboard.auditStarted',
    refresh: [],
  });
  if (!canAccess) return null;
  return (
    <Button
      size="small"
      startIcon={<FactCheckIcon />}
      disabled={start.isPending}
      onClick={() => start.mutate()}
    >
      {translate('tandem.dashboard.startAudit')}
    </Button>
  );
}

/** The last reconcile pass: when it ran, what it checked and what it had to put right. */
export function ReconcileCard({ run }: { run: ReconcileSummary | null | undefined }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const formatDateTime = useFormatDateTime();
  const findings = Array.isArray(run?.findings) ? run.findings : [];
  const findingCount =
    run?.findingsCount ?? (Array.isArray(run?.findings) ? run.findings.length : (run?.findings ?? 0));
  const clean = run && findingCount === 0 && run.errors === 0;
  return (
    <Card sx={{ height: '100%' }}>
      <CardHeader
        title={translate('tandem.dashboard.lastReconcile')}
        slotProps={{ title: { variant: 'h6' } }}
        subheader={
          run
            ? run.finishedAt
              ? translate('tandem.dashboard.finished', {
                  ago: timeAgo(new Date(run.finishedAt), Date.now(), locale),
                  at: formatDateTime(run.finishedAt),
                })
              : translate('tandem.dashboard.running', {
                  ago: timeAgo(new Date(run.startedAt), Date.now(), locale),
                })
            : translate('tandem.dashboard.notRunYet')
        }
        action={
          run ? (
            clean ? (
              <Chip
                icon={<CheckCircleIcon />}
                color="success"
                variant="outlined"
                label={translate('tandem.dashboard.allInStep')}
              />
            ) : (
              <Chip
                icon={<WarningAmberIcon />}
                color="warning"
                label={translate('tandem.dashboard.found', { count: findingCount })}
              />
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
                    primary={describe(finding, translate)}
                    secondary={
                      finding.playerId ? (
                        <Link to={`/players/${finding.playerId}/show`}>
                          {translate('tandem.dashboard.openPlayer')}
                        </Link>
                      ) : null
                    }
                  />
                </ListItem>
              ))}
            </List>
          ) : null}
        </CardContent>
      ) : null}
      <Box sx={{ px: 2, pb: 2 }}>
        <StartAuditButton />
      </Box>
    </Card>
  );
}
