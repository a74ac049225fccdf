import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { PlayerRecord } from '../api/records.ts';
import { useFormatDateTime } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';

/** The achievements a player unlocked, from the player record the API sends with the page. */
export function PlayerAchievements() {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const player = useRecordContext<PlayerRecord>();
  const unlocked = player?.achievements ?? [];
  if (unlocked.length === 0) {
    return (
      <EmptyState icon={<EmojiEventsIcon />} title="tandem.players.noAchievementsYet">
        {'tandem.players.achievementsUnlockByThemselves'}
      </EmptyState>
    );
  }
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', py: 1 }}>
      {unlocked.map((achievement) => (
        <Chip
          key={achievement.id}
          icon={<EmojiEventsIcon />}
          color="warning"
          variant="outlined"
          label={achievement.name}
          title={translate('tandem.players.unlockedAt', { date: formatDateTime(achievement.unlockedAt) })}
        />
      ))}
    </Stack>
  );
}
