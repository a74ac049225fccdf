import { Avatar, Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { PlayerRecord } from '../api/records.ts';
import { initialsOf } from './player-display.ts';

const avatarColors = ['#4f46e5', '#22b8cf', '#12b886', '#f59f00', '#e64980', '#7048e8', '#1c7ed6'];

function colorFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return avatarColors[Math.abs(hash) % avatarColors.length] ?? '#4f46e5';
}

export function PlayerAvatar({
  player,
  size = 30,
}: {
  player: Pick<PlayerRecord, 'id' | 'displayName'>;
  size?: number;
}) {
  return (
    <Avatar sx={{ width: size, height: size, fontSize: size * 0.42, bgcolor: colorFor(String(player.id)) }}>
      {initialsOf(player.displayName)}
    </Avatar>
  );
}

/** A player's avatar and name (and "merged" when the account was folded into another by linking). */
export function PlayerName() {
  const translate = useTranslate();
  const player = useRecordContext<PlayerRecord>();
  if (!player) return null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.25 }}>
      <PlayerAvatar player={player} />
      <Box>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {player.displayName}
        </Typography>
        {player.mergedIntoId ? (
          <Typography variant="caption" color="text.secondary">
            {translate('tandem.players.mergedIntoShort')}
          </Typography>
        ) : null}
      </Box>
    </Box>
  );
}
