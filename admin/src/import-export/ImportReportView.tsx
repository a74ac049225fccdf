import {
  Alert,
  Box,
  Chip,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import { type ReactNode, useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatDelta, formatNumber } from '../common/amounts.tsx';
import type { ImportAnswer, ImportRowOutcome } from './xp-transfer-api.ts';

const pageSizes = [25, 100];

/** Who a row is: the known player's name (a link) or the file's, and its ids. */
function Who({ row }: { row: ImportRowOutcome }) {
  const ids = [
    row.discordId ? `Discord ${row.discordId}` : null,
    row.telegramId ? `Telegram ${row.telegramId}` : null,
  ].filter(Boolean);
  const name = row.playerName ?? row.username ?? ids[0] ?? '—';
  return (
    <Box>
      {row.playerId ? (
        <Link
          href={`#/players/${encodeURIComponent(row.playerId)}/show`}
          underline="hover"
          sx={{ fontWeight: 600 }}
        >
          {name}
        </Link>
      ) : (
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {name}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="div">
        {ids.join(' · ')}
      </Typography>
    </Box>
  );
}

function BeforeAfter({ change }: { change?: { before: number; after: number } }) {
  if (!change) return <>—</>;
  const moved = change.after - change.before;
  return (
    <Box component="span" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatNumber(change.before)} → <b>{formatNumber(change.after)}</b>
      {moved !== 0 ? (
        <Box component="span" sx={{ color: moved > 0 ? 'success.main' : 'error.main', ml: 1 }}>
          ({formatDelta(moved)})
        </Box>
      ) : null}
    </Box>
  );
}

/** A page of rows at a time: a file may hold thousands. */
function usePage<T>(rows: T[]) {
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(pageSizes[0]!);
  const shown = rows.slice(page * size, (page + 1) * size);
  const pager =
    rows.length > pageSizes[0]! ? (
      <TablePagination
        component="div"
        count={rows.length}
        page={page}
        rowsPerPage={size}
        rowsPerPageOptions={pageSizes}
        onPageChange={(_event, next) => setPage(next)}
        onRowsPerPageChange={(event) => {
          setSize(Number(event.target.value));
          setPage(0);
        }}
      />
    ) : null;
  return { shown, pager };
}

/** A titled table of report rows, a page at a time; says when the report lists only the first rows. */
function ReportRows(props: {
  titleKey: string;
  testId: string;
  rows: ImportRowOutcome[];
  /** How many rows the import had of this kind; the report may list fewer. */
  total: number;
  /** Text keys of the headings after Where and Player ('' for a column without one). */
  headingKeys: string[];
  /** The cells after Where and Player, one a heading. */
  cells: (row: ImportRowOutcome) => ReactNode;
}) {
  const translate = useTranslate();
  const { shown, pager } = usePage(props.rows);
  if (props.rows.length === 0) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {translate(props.titleKey)}
      </Typography>
      {props.total > props.rows.length ? (
        <Typography variant="body2" color="text.secondary">
          {translate('tandem.importExport.report.firstRows', {
            shown: formatNumber(props.rows.length),
            total: formatNumber(props.total),
          })}
        </Typography>
      ) : null}
      <Table size="small" data-testid={props.testId}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('tandem.importExport.report.where')}</TableCell>
            <TableCell>{translate('tandem.importExport.report.player')}</TableCell>
            {props.headingKeys.map((key) => (
              <TableCell key={key || 'untitled'}>{key ? translate(key) : null}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((row) => (
            <TableRow key={row.where}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.where}</TableCell>
              <TableCell>
                <Who row={row} />
              </TableCell>
              {props.cells(row)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pager}
    </Box>
  );
}

function ChangesTable({ rows, total }: { rows: ImportRowOutcome[]; total: number }) {
  const translate = useTranslate();
  return (
    <ReportRows
      titleKey="tandem.importExport.report.changesTitle"
      testId="import-changes"
      rows={rows}
      total={total}
      headingKeys={['tandem.importExport.report.xp', 'tandem.importExport.report.coins', '']}
      cells={(row) => (
        <>
          <TableCell>
            <BeforeAfter change={row.xp} />
          </TableCell>
          <TableCell>
            <BeforeAfter change={row.coins} />
          </TableCell>
          <TableCell>
            {row.created ? (
              <Chip size="small" color="info" label={translate('tandem.importExport.report.newPlayer')} />
            ) : null}
            {row.newIdentities?.map((platform) => (
              <Chip
                key={platform}
                size="small"
                variant="outlined"
                label={translate('tandem.importExport.report.newIdentity', {
                  platform: platform === 'discord' ? 'Discord' : 'Telegram',
                })}
              />
            ))}
          </TableCell>
        </>
      )}
    />
  );
}

function RefusedTable({ rows, total }: { rows: ImportRowOutcome[]; total: number }) {
  return (
    <ReportRows
      titleKey="tandem.importExport.report.refusedTitle"
      testId="import-refused"
      rows={rows}
      total={total}
      headingKeys={['tandem.importExport.report.reason']}
      cells={(row) => <TableCell>{row.reason}</TableCell>}
    />
  );
}

/** What an import would do (a preview) or did: the counts, the totals moved, the rows. */
export function ImportReportView({ report }: { report: ImportAnswer }) {
  const translate = useTranslate();
  const { counts, totals } = report;
  const figures: Array<[string, number]> = [
    [
      report.dryRun ? 'tandem.importExport.report.wouldImport' : 'tandem.importExport.report.imported',
      counts.imported,
    ],
    ['tandem.importExport.report.alreadyImported', counts.already_imported],
    ['tandem.importExport.report.unchanged', counts.unchanged],
    ['tandem.importExport.report.refused', counts.refused],
    ['tandem.importExport.report.newPlayers', totals.newPlayers],
    ['tandem.importExport.report.newIdentities', totals.newIdentities],
  ];
  return (
    <Box data-testid="import-report">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 1 }}>
        {figures.map(([key, value]) => (
          <Chip key={key} variant="outlined" label={`${translate(key)}: ${formatNumber(value)}`} />
        ))}
      </Box>
      <Typography variant="body2">
        {translate('tandem.importExport.report.moved', {
          xp: formatDelta(totals.xp),
          coins: formatDelta(totals.coins),
        })}
      </Typography>
      {counts.already_imported > 0 && counts.imported === 0 ? (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate('tandem.importExport.report.allImportedBefore')}
        </Alert>
      ) : null}
      <ChangesTable rows={report.changes} total={counts.imported} />
      <RefusedTable rows={report.refused} total={counts.refused} />
    </Box>
  );
}
