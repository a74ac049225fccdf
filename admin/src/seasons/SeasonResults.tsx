import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** One winner as the seasons API lists them. */
export interface SeasonResultRow {
  place: number;
  xpGained: number;
  roleGrantedAt: string | null;
  roleRefusedAt: string | null;
  roleRefusal: string | null;
}

/**
 * A closed season's winners, one a line; a winner Discord would not give the season's role to shows
 * why (Tandem stopped trying: the admin's move, e.g. giving the role by hand).
 */
export function SeasonResults({ results }: { results?: SeasonResultRow[] }) {
  const translate = useTranslate();
  if (!results?.length) return <>—</>;
  return (
    <Box>
      {results.map((r) => (
        <Box key={r.place}>
          {`${r.place}. ${r.xpGained} XP`}
          {r.roleRefusedAt && (
            <Typography variant="caption" color="warning.main" component="div">
              {translate('tandem.seasons.roleRefused', { reason: r.roleRefusal ?? '' })}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
