import { Box, Typography } from '@mui/material';
import {
  ArrayInput,
  maxValue,
  minValue,
  NumberInput,
  number,
  required,
  SaveButton,
  SimpleForm,
  SimpleFormIterator,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useFormatDateTime } from '../common/dates.tsx';
import { keepEdits, VersionedEdit, VersionGuard } from '../common/VersionedEdit.tsx';
import { wholeNumber } from '../common/validators.ts';
import { ChatListInput } from '../discord/ChatListInput.tsx';
import { DiscordChannelInput } from '../discord/DiscordChannelInput.tsx';
import { DiscordRoleInput, DiscordRoleListInput } from '../discord/DiscordRoleInput.tsx';
import type { EconomyForm } from './economy-model.ts';
import { Row, SettingsSection } from './SettingsSection.tsx';

const whole = (min: number, max: number) => [required(), number(), wholeNumber, minValue(min), maxValue(max)];
const xp = whole(0, 100_000);

function validate(values: Partial<EconomyForm>): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  const message = values.message;
  if (message && Number(message.minXp) > Number(message.maxXp)) {
    errors.message = { minXp: 'tandem.settings.notAboveMax' };
  }
  const seen = new Set<string>();
  const rows = values.roleMultipliers ?? [];
  const rowErrors = rows.map((row) => {
    const roleId = (row?.roleId ?? '').trim();
    if (roleId && seen.has(roleId)) return { roleId: 'tandem.settings.duplicateRole' };
    seen.add(roleId);
    return {};
  });
  if (rowErrors.some((row) => Object.keys(row).length > 0)) errors.roleMultipliers = rowErrors;
  return errors;
}

function VersionLine() {
  const translate = useTranslate();
  const formatDateTime = useFormatDateTime();
  const record = useRecordContext<EconomyForm>();
  if (!record) return null;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
      {record.updatedAt
        ? translate('tandem.settings.versionSaved', {
            version: record.version,
            at: formatDateTime(record.updatedAt),
          })
        : translate('tandem.settings.versionDefaults', { version: record.version })}
    </Typography>
  );
}

/**
 * The earning rules (the `economy` setting), edited as a form: message, voice, daily and game
 * sections and per-role multipliers. The API validates the whole value against the rules' schema and
 * refuses a save made on an older version.
 */
export function EconomySettingsEdit() {
  return (
    <VersionedEdit
      id="economy"
      resource="settings"
      redirect={false}
      title="tandem.settings.earningRules"
      actions={false}
    >
      <SimpleForm
        resetOptions={keepEdits}
        validate={validate}
        toolbar={
          <Toolbar>
            <SaveButton label="resources.settings.fields.saveRules" />
          </Toolbar>
        }
        sx={{ maxWidth: 960 }}
      >
        <VersionGuard />
        <VersionLine />
        <SettingsSection title="tandem.settings.messages" hint="tandem.settings.xpForChattingOnce">
          <Row>
            <NumberInput
              source="message.minXp"
              label="resources.settings.fields.leastXpPerMessage"
              validate={xp}
            />
            <NumberInput
              source="message.maxXp"
              label="resources.settings.fields.mostXpPerMessage"
              validate={xp}
            />
            <NumberInput
              source="message.cooldownSeconds"
              label="resources.settings.fields.cooldownSeconds"
              validate={whole(0, 86_400)}
            />
            <NumberInput
              source="message.minLength"
              label="resources.settings.fields.minimumLengthCharacters"
              validate={whole(0, 4_000)}
            />
          </Row>
          <Row>
            <ChatListInput
              source="message.noXpChannelIds"
              label="resources.settings.fields.channelsThatEarnNothing"
            />
            <DiscordRoleListInput
              source="message.noXpRoleIds"
              label="resources.settings.fields.rolesThatEarnNothing"
            />
          </Row>
        </SettingsSection>
        <SettingsSection title="tandem.settings.voice" hint="tandem.settings.xpPerMinuteIn">
          <Row>
            <NumberInput
              source="voice.xpPerMinute"
              label="resources.settings.fields.xpPerMinute"
              validate={xp}
            />
            <NumberInput
              source="voice.minMembers"
              label="resources.settings.fields.peopleNeededInTheChannel"
              validate={whole(1, 100)}
            />
            <DiscordChannelInput
              kind="voice"
              source="voice.afkChannelId"
              label="resources.settings.fields.afkChannel"
              helperText="tandem.settings.optional"
            />
          </Row>
        </SettingsSection>
        <SettingsSection title="tandem.settings.dailyReward" hint="tandem.settings.oncePerUtcDay">
          <Row>
            <NumberInput source="daily.baseXp" label="resources.settings.fields.xp" validate={xp} />
            <NumberInput
              source="daily.baseCoins"
              label="resources.settings.fields.coins"
              validate={whole(0, 100_000)}
            />
            <NumberInput
              source="daily.streakBonusXp"
              label="resources.settings.fields.streakBonusXpPerDay"
              validate={xp}
            />
            <NumberInput
              source="daily.maxStreakBonusDays"
              label="resources.settings.fields.bonusStopsGrowingAfterDays"
              validate={whole(0, 365)}
            />
            <NumberInput
              source="daily.graceHours"
              label="resources.settings.fields.streakGraceHours"
              validate={whole(0, 168)}
            />
          </Row>
        </SettingsSection>
        <SettingsSection title="tandem.settings.guessTheNumber" hint="tandem.settings.theTelegramGameGuess">
          <Row>
            <NumberInput source="game.winXp" label="resources.settings.fields.xpForAWin" validate={xp} />
            <NumberInput
              source="game.winCoins"
              label="resources.settings.fields.coinsForAWin"
              validate={whole(0, 100_000)}
            />
            <NumberInput
              source="game.maxNumber"
              label="resources.settings.fields.secretFrom1To"
              validate={whole(2, 1_000_000)}
            />
            <NumberInput
              source="game.maxAttempts"
              label="resources.settings.fields.guessesPerGame"
              validate={whole(1, 100)}
            />
            <NumberInput
              source="game.dailyGameLimit"
              label="resources.settings.fields.gamesPerDay"
              validate={whole(1, 1_000)}
            />
          </Row>
        </SettingsSection>
        <SettingsSection
          title="tandem.settings.roleMultipliers"
          hint="tandem.settings.multiplyMessageAndVoice"
        >
          <Box sx={{ width: '100%' }}>
            <ArrayInput source="roleMultipliers" label={false}>
              <SimpleFormIterator inline disableReordering>
                <Box sx={{ minWidth: 300 }}>
                  <DiscordRoleInput
                    source="roleId"
                    label="tandem.discord.multiplierRole"
                    validate={[required()]}
                    assignableOnly={false}
                  />
                </Box>
                <NumberInput
                  source="multiplier"
                  label="resources.settings.fields.multiplier"
                  step={0.1}
                  validate={[required(), number(), minValue(0), maxValue(10)]}
                  sx={{ maxWidth: 160 }}
                />
              </SimpleFormIterator>
            </ArrayInput>
          </Box>
        </SettingsSection>
        <SettingsSection title="tandem.boosts.channelMultipliers" hint="tandem.boosts.channelMultipliersHint">
          <NumberInput
            source="globalMultiplier"
            label="tandem.boosts.globalMultiplier"
            step={0.1}
            defaultValue={1}
            validate={[required(), number(), minValue(0), maxValue(10)]}
            sx={{ maxWidth: 200 }}
          />
          <Box sx={{ width: '100%' }}>
            <ArrayInput source="channelMultipliers" label={false}>
              <SimpleFormIterator inline disableReordering>
                <Box sx={{ minWidth: 360 }}>
                  <ChatListInput source="chatIds" label="tandem.boosts.chats" />
                </Box>
                <NumberInput
                  source="multiplier"
                  label="resources.settings.fields.multiplier"
                  step={0.1}
                  validate={[required(), number(), minValue(0), maxValue(10)]}
                  sx={{ maxWidth: 160 }}
                />
              </SimpleFormIterator>
            </ArrayInput>
          </Box>
        </SettingsSection>
      </SimpleForm>
    </VersionedEdit>
  );
}
