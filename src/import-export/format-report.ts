import type { ImportReport } from './import-xp.ts';

/** The report an operator reads: a line per row that changes or is refused, then the counts. */
export function formatImportReport(report: ImportReport, dryRun: boolean): string {
  const lines: string[] = [];
  for (const row of report.rows) {
    if (row.status === 'refused') lines.push(`refused   ${row.where}: ${row.reason}`);
    else if (row.status === 'already_imported') lines.push(`already   ${row.where}: imported before`);
    else if (row.status === 'unchanged')
      lines.push(`unchanged ${row.where}: the totals are the file's already`);
    else {
      const who = row.created ? 'new player' : `player ${row.playerId}`;
      const gains = row.newIdentities?.length ? ` (+ ${row.newIdentities.join(', ')} id)` : '';
      lines.push(
        `${dryRun ? 'would    ' : 'imported '} ${row.where}: ${who}${gains}, XP ${row.xp?.before} → ${row.xp?.after}, coins ${row.coins?.before} → ${row.coins?.after}`,
      );
    }
  }
  const { imported, already_imported, unchanged, refused } = report.counts;
  lines.push(
    `${dryRun ? 'would import' : 'imported'}: ${imported}`,
    `already imported: ${already_imported}`,
    `refused: ${refused}`,
  );
  // Only a replace by the totals players have already leaves rows unchanged.
  if (unchanged > 0) lines.push(`unchanged: ${unchanged}`);
  if (dryRun) lines.push('dry run: nothing was written');
  return `${lines.join('\n')}\n`;
}
