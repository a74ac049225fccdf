import { Box, Chip, Typography } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import type { EconomyForm } from './economy-model.ts';
import { Row, SettingsSection } from './SettingsSection.tsx';

function Value({ label, value }: { label: string; value: string | number | null | undefined }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontWeight: 600 }}>
        {value === null || value === undefined || value === ''
          ? '—'
          : typeof value === 'number'
            ? formatNumber(value)
            : value}
      </Typography>
    </Box>
  );
}

function Ids({ label, ids }: { label: string; ids: string[] | undefined }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        {ids?.length ? (
          ids.map((id) => <Chip key={id} size="small" label={id} />)
        ) : (
          <Typography>None</Typography>
        )}
      </Box>
    </Box>
  );
}

function EconomyView() {
  const rules = useRecordContext<EconomyForm>();
  if (!rules) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Version {rules.version}. Only admins change the earning rules.
      </Typography>
      <SettingsSection title="Messages" hint="XP for chatting, once per cooldown.">
        <Row>
          <Value label="XP per message" value={`${rules.message.minXp}–${rules.message.maxXp}`} />
          <Value label="Cooldown (seconds)" value={rules.message.cooldownSeconds} />
          <Value label="Minimum length" value={rules.message.minLength} />
        </Row>
        <Row>
          <Ids label="Channels that earn nothing" ids={rules.message.noXpChannelIds} />
          <Ids label="Roles that earn nothing" ids={rules.message.noXpRoleIds} />
        </Row>
      </SettingsSection>
      <SettingsSection title="Voice" hint="XP per eligible minute in Discord voice.">
        <Row>
          <Value label="XP per minute" value={rules.voice.xpPerMinute} />
          <Value label="People needed" value={rules.voice.minMembers} />
          <Value label="AFK channel" value={rules.voice.afkChannelId} />
        </Row>
      </SettingsSection>
      <SettingsSection title="Daily reward" hint="Once per UTC day, with a streak bonus.">
        <Row>
          <Value label="XP" value={rules.daily.baseXp} />
          <Value label="Coins" value={rules.daily.baseCoins} />
          <Value label="Streak bonus XP" value={rules.daily.streakBonusXp} />
          <Value label="Bonus cap (days)" value={rules.daily.maxStreakBonusDays} />
          <Value label="Grace (hours)" value={rules.daily.graceHours} />
        </Row>
      </SettingsSection>
      <SettingsSection title="Guess the number" hint="The Telegram game.">
        <Row>
          <Value label="XP for a win" value={rules.game.winXp} />
          <Value label="Coins for a win" value={rules.game.winCoins} />
          <Value label="Secret from 1 to" value={rules.game.maxNumber} />
          <Value label="Guesses" value={rules.game.maxAttempts} />
          <Value label="Games per day" value={rules.game.dailyGameLimit} />
        </Row>
      </SettingsSection>
      <SettingsSection title="Role multipliers" hint="The highest multiplier among a member's roles applies.">
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {rules.roleMultipliers.length
            ? rules.roleMultipliers.map((row) => (
                <Chip key={row.roleId} label={`${row.roleId} × ${row.multiplier}`} />
              ))
            : 'None'}
        </Box>
      </SettingsSection>
    </Box>
  );
}

/** The earning rules, read-only (what operators see). */
export function EconomySettingsShow() {
  return (
    <Show id="economy" resource="settings" title="Earning rules" actions={false}>
      <EconomyView />
    </Show>
  );
}
