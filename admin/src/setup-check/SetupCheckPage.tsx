import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RefreshIcon from '@mui/icons-material/Refresh';
import WarningIcon from '@mui/icons-material/Warning';
import {
  Alert,
  Box,
  Button,
  Card,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { Title, useAuthenticated, useTranslate } from 'react-admin';
import { errorMessage } from '../api/http.ts';
import { useFormatDateTime } from '../common/dates.tsx';
import { type CheckMark, markOf, problemCounts, type SetupCheckResult } from './setup-check-report.ts';
import { useSetupCheck } from './use-setup-check.ts';

const marks: Record<CheckMark, { icon: typeof CheckCircleIcon; color: string; label: string }> = {
  passed: { icon: CheckCircleIcon, color: 'success.main', label: 'tandem.setupCheck.passed' },
  failed: { icon: CancelIcon, color: 'error.main', label: 'tandem.setupCheck.failed' },
  warning: { icon: WarningIcon, color: 'warning.main', label: 'tandem.setupCheck.warning' },
};

function CheckRow({ result }: { result: SetupCheckResult }) {
  const translate = useTranslate();
  const mark = marks[markOf(result)];
  const Icon = mark.icon;
  return (
    <TableRow>
      <TableCell sx={{ width: 48, verticalAlign: 'top' }}>
        <Tooltip title={translate(mark.label)}>
          <Icon sx={{ color: mark.color }} aria-label={translate(mark.label)} />
        </Tooltip>
      </TableCell>
      <TableCell sx={{ verticalAlign: 'top', fontWeight: 600, whiteSpace: 'nowrap' }}>
        {result.name}
      </TableCell>
      <TableCell sx={{ verticalAlign: 'top' }}>
        <Typography variant="body2">{result.detail}</Typography>
        {!result.ok && result.fix ? (
          <Typography variant="body2" sx={{ mt: 0.5, color: mark.color }}>
            <strong>{translate('tandem.setupCheck.fix')}</strong> {result.fix}
          </Typography>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

/**
 * The setup doctor in the panel: the checks of `npm run doctor`, run by the server on what it
 * really uses, one row each with ✓, ✗ or ! and the fix. The checks speak English (as the command
 * does); the page around them speaks the panel's language.
 */
export function SetupCheckPage() {
  useAuthenticated();
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const { data, error, isFetching, refetch } = useSetupCheck();
  const counts = data ? problemCounts(data) : null;

  return (
    <Box sx={{ py: 2 }}>
      <Title title="tandem.setupCheck.title" />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1, minWidth: 240 }}>
          {translate('tandem.setupCheck.intro')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<RefreshIcon />}
          disabled={isFetching}
          onClick={() => void refetch()}
        >
          {translate(isFetching ? 'tandem.setupCheck.checking' : 'tandem.setupCheck.checkAgain')}
        </Button>
      </Box>
      {error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {translate('tandem.setupCheck.loadFailed', {
            error: translate(errorMessage(error), { _: errorMessage(error) }),
          })}
        </Alert>
      ) : null}
      {data && counts ? (
        <Alert
          severity={counts.blocking > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'success'}
          sx={{ mb: 2 }}
        >
          {counts.blocking > 0
            ? translate('tandem.setupCheck.blocking', { smart_count: counts.blocking })
            : translate('tandem.setupCheck.nothingBlocks')}
          {counts.warnings > 0
            ? ` ${translate('tandem.setupCheck.warnings', { smart_count: counts.warnings })}`
            : ''}{' '}
          {translate('tandem.setupCheck.checkedAt', { time: formatDateTime(data.checkedAt) })}
        </Alert>
      ) : null}
      <Card>
        {isFetching ? <LinearProgress /> : null}
        <Table size="small" aria-label={translate('tandem.setupCheck.title')}>
          <TableHead>
            <TableRow>
              <TableCell />
              <TableCell>{translate('tandem.setupCheck.check')}</TableCell>
              <TableCell>{translate('tandem.setupCheck.found')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {/* A check's name and what it found tell it apart (two ranks may share a name). */}
            {data?.results.map((result) => (
              <CheckRow key={`${result.name}: ${result.detail}`} result={result} />
            ))}
            {!data && !error ? (
              <TableRow>
                <TableCell colSpan={3}>
                  <Typography variant="body2" color="text.secondary">
                    {translate('tandem.setupCheck.checking')}
                  </Typography>
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </Card>
    </Box>
  );
}
