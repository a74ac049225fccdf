import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { type AuditRecord, changedFields } from './audit-record.ts';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

function value(v: unknown): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** What an audited write changed, field by field: the row before and after it. */
export function AuditChanges() {
  const translate = useTranslate();
  const record = useRecordContext<AuditRecord>();
  if (!record) return null;
  const changes = changedFields(record);
  if (changes.length === 0) return <Box sx={{ p: 2 }}>{translate('tandem.audit.noFieldChanged')}</Box>;
  return (
    <Table size="small" sx={{ '& td': { verticalAlign: 'top', wordBreak: 'break-word' } }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('tandem.audit.field')}</TableCell>
          <TableCell>{translate('tandem.audit.before')}</TableCell>
          <TableCell>{translate('tandem.audit.after')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((change) => (
          <TableRow key={change.field}>
            <TableCell sx={mono}>{change.field}</TableCell>
            <TableCell sx={{ ...mono, color: 'error.main' }}>{value(change.before)}</TableCell>
            <TableCell sx={{ ...mono, color: 'success.main' }}>{value(change.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
