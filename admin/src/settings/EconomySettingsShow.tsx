import { Box, Chip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { ChatName, DiscordChannelName, DiscordRoleName } from '../discord/DiscordName.tsx';
import type { EconomyForm } from './economy-model.ts';
import { Row, SettingsSection } from './SettingsSection.tsx';

function Value({ label, value }: { label: string; value: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {translate(label, { _: label })}
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

/** Roles or channels of the Discord server, by name (ids in their tooltips). */
function Ids({ label, ids, kind }: { label: string; ids: string[] | undefined; kind: 'role' | 'chat' }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {translate(label, { _: label })}
      </Typography>
      <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
        {ids?.length ? (
          ids.map((id) => (
            <Chip
              key={id}
              size="small"
              variant="outlined"
              label={kind === 'role' ? <DiscordRoleName id={id} /> : <ChatName id={id} />}
            />
          ))
        ) : (
          <Typography>{translate('tandem.common.none')}</Typography>
        )}
      </Box>
    </Box>
  );
}

function EconomyView() {
  const translate = useTranslate();
  const rules = useRecordContext<EconomyForm>();
  if (!rules) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Version {rules.version}. Only admins change the earning rules.
      </Typography>
      <SettingsSection title="tandem.settings.messages" hint="tandem.settings.xpForChattingOnce2">
        <Row>
          <Value
            label="resources.settings.fields.xpPerMessage"
            value={`${rules.message.minXp}–${rules.message.maxXp}`}
          />
          <Value label="resources.settings.fields.cooldownSeconds" value={rules.message.cooldownSeconds} />
          <Value label="resources.settings.fields.minimumLength" value={rules.message.minLength} />
        </Row>
        <Row>
          <Ids
            kind="chat"
            label="resources.settings.fields.channelsThatEarnNothing"
            ids={rules.message.noXpChannelIds}
          />
          <Ids
            kind="role"
            label="resources.settings.fields.rolesThatEarnNothing"
            ids={rules.message.noXpRoleIds}
          />
        </Row>
      </SettingsSection>
      <SettingsSection title="tandem.settings.voice" hint="tandem.settings.xpPerEligibleMinute">
        <Row>
          <Value label="resources.settings.fields.xpPerMinute" value={rules.voice.xpPerMinute} />
          <Value label="resources.settings.fields.peopleNeeded" value={rules.voice.minMembers} />
          <Value
            label="resources.settings.fields.afkChannel"
            value={rules.voice.afkChannelId ? <DiscordChannelName id={rules.voice.afkChannelId} /> : null}
          />
        </Row>
      </SettingsSection>
      <SettingsSection title="tandem.settings.dailyReward" hint="tandem.settings.oncePerUtcDay2">
        <Row>
          <Value label="resources.settings.fields.xp" value={rules.daily.baseXp} />
          <Value label="resources.settings.fields.coins" value={rules.daily.baseCoins} />
          <Value label="resources.settings.fields.streakBonusXp" value={rules.daily.streakBonusXp} />
          <Value label="resources.settings.fields.bonusCapDays" value={rules.daily.maxStreakBonusDays} />
          <Value label="resources.settings.fields.graceHours" value={rules.daily.graceHours} />
        </Row>
      </SettingsSection>
      <SettingsSection title="tandem.settings.guessTheNumber" hint="tandem.settings.theTelegramGame">
        <Row>
          <Value label="resources.settings.fields.xpForAWin" value={rules.game.winXp} />
          <Value label="resources.settings.fields.coinsForAWin" value={rules.game.winCoins} />
          <Value label="resources.settings.fields.secretFrom1To" value={rules.game.maxNumber} />
          <Value label="resources.settings.fields.guesses" value={rules.game.maxAttempts} />
          <Value label="resources.settings.fields.gamesPerDay" value={rules.game.dailyGameLimit} />
        </Row>
      </SettingsSection>
      <SettingsSection
        title="tandem.settings.roleMultipliers"
        hint="tandem.settings.theHighestMultiplierAmong"
      >
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {rules.roleMultipliers.length
            ? rules.roleMultipliers.map((row) => (
                <Chip
                  key={row.roleId}
                  variant="outlined"
                  label={
                    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                      <DiscordRoleName id={row.roleId} /> × {row.multiplier}
                    </Box>
                  }
                />
              ))
            : translate('tandem.common.none')}
        </Box>
      </SettingsSection>
      <SettingsSection title="tandem.boosts.channelMultipliers" hint="tandem.boosts.channelMultipliersHint">
        <Row>
          <Value label="tandem.boosts.globalMultiplier" value={rules.globalMultiplier} />
        </Row>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {rules.channelMultipliers.length
            ? rules.channelMultipliers.flatMap((row) =>
                row.chatIds.map((chatId) => (
                  <Chip
                    key={chatId}
                    variant="outlined"
                    label={
                      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
                        <ChatName id={chatId} /> × {row.multiplier}
                      </Box>
                    }
                  />
                )),
              )
            : translate('tandem.common.none')}
        </Box>
      </SettingsSection>
    </Box>
  );
}

/** The earning rules, read-only (what operators see). */
export function EconomySettingsShow() {
  return (
    <Show id="economy" resource="settings" title="tandem.settings.earningRules" actions={false}>
      <EconomyView />
    </Show>
  );
}
