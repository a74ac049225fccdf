import { Link as MuiLink } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';

/**
 * The player a row belongs to, linking to their page. The API sends `playerName` with every
 * player-owned record (ledger, sync events, submissions, payouts), so no extra request is needed;
 * without it the name is looked up.
 */
export function PlayerLinkField({ source = 'playerId' }: { source?: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  if (!record) return null;
  const playerId = record[source];
  if (typeof record.playerName === 'string' && typeof playerId === 'string') {
    return (
      <MuiLink
        href={`#/players/${encodeURIComponent(playerId)}/show`}
        onClick={(event) => event.stopPropagation()}
        underline="hover"
        variant="body2"
        sx={{ fontWeight: 600 }}
      >
        {record.playerName}
      </MuiLink>
    );
  }
  return <ReferenceField source={source} reference="players" link="show" emptyText="—" />;
}
