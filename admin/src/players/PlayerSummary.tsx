import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import type { PlayerRecord } from '../api/records.ts';
import { Coins, formatNumber, RankChip } from '../common/amounts.tsx';
import { useFormatDateTime } from '../common/dates.tsx';
import { IdentitiesField } from '../common/PlatformChip.tsx';
import { PlayerAvatar } from './PlayerName.tsx';
import { rankNameOf } from './player-display.ts';

function Stat({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ textTransform: 'uppercase', fontWeight: 700 }}
      >
        {translate(label, { _: label })}
      </Typography>
      <Typography variant="h6" component="div" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Typography>
    </Box>
  );
}

/** The accounts linking folded into this one: zero rows, left out of the list, reachable from here. */
function MergedFrom({ player }: { player: PlayerRecord }) {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const createPath = useCreatePath();
  if (!player.mergedFrom?.length) return null;
  return (
    <Box sx={{ mt: 0.5, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
      <Typography variant="caption" color="text.secondary">
        {translate('tandem.players.mergedFrom')}
      </Typography>
      {player.mergedFrom.map((merged) => (
        <Chip
          key={merged.id}
          size="small"
          variant="outlined"
          label={
            <Link to={createPath({ resource: 'players', id: merged.id, type: 'show' })}>
              {translate('tandem.players.mergedSince', {
                name: merged.displayName,
                date: formatDateTime(merged.createdAt),
              })}
            </Link>
          }
        />
      ))}
    </Box>
  );
}

/** The head of a player's page: who they are, where they play, and their totals at a glance. */
export function PlayerSummary() {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const player = useRecordContext<PlayerRecord>();
  const createPath = useCreatePath();
  if (!player) return null;
  const hours = Math.floor((player.voiceMinutes ?? 0) / 60);
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'center' } }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flex: 1 }}>
            <PlayerAvatar player={player} size={56} />
            <Box>
              <Typography variant="h5" component="h2">
                {player.displayName}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, mt: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
                <RankChip name={rankNameOf(player)} />
                <IdentitiesField showNames />
              </Box>
              <Typography variant="caption" color="text.secondary">
                {translate('tandem.players.since', { date: formatDateTime(player.createdAt) })}
              </Typography>
              {player.mergedIntoId ? (
                <Chip
                  size="small"
                  color="warning"
                  sx={{ ml: 1 }}
                  label={
                    <Link to={createPath({ resource: 'players', id: player.mergedIntoId, type: 'show' })}>
                      {translate('tandem.players.mergedInto')}
                    </Link>
                  }
                />
              ) : null}
              <MergedFrom player={player} />
            </Box>
          </Box>
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Stat label="resources.players.fields.xp">{formatNumber(player.xp)}</Stat>
            <Stat label="resources.players.fields.coins">
              <Coins value={player.balance} />
            </Stat>
            {player.heldCoins ? (
              <Stat label="resources.players.fields.heldForPayouts">{formatNumber(player.heldCoins)}</Stat>
            ) : null}
            {player.dailyStreak !== undefined ? (
              <Stat label="resources.players.fields.dailyStreak">
                {translate('tandem.common.days', { count: player.dailyStreak })}
              </Stat>
            ) : null}
            {player.messages !== undefined ? (
              <Stat label="resources.players.fields.messages">{formatNumber(player.messages)}</Stat>
            ) : null}
            {player.voiceMinutes !== undefined ? (
              <Stat label="resources.players.fields.voice">
                {translate('tandem.common.hours', { count: hours })}
              </Stat>
            ) : null}
            {player.gamesWon !== undefined ? (
              <Stat label="resources.players.fields.gamesWon">{player.gamesWon}</Stat>
            ) : null}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
