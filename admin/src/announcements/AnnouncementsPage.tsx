import CampaignIcon from '@mui/icons-material/Campaign';
import { Typography } from '@mui/material';
import {
  BooleanInput,
  NumberInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  Toolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { keepEdits, VersionedEdit, VersionGuard } from '../common/VersionedEdit.tsx';
import { DiscordChannelInput } from '../discord/DiscordChannelInput.tsx';
import { useTelegramGroups } from '../telegram-chats/use-telegram-groups.ts';

/** The page's address; the menu links to it. */
export const announcementsPath = '/announcements';
export const AnnouncementsIcon = CampaignIcon;

/** The form's "none" for a picker: the API stores null, not an empty string. */
const noneAsNull = (value: unknown) => (value === '' || value === undefined ? null : value);

function TelegramGroupInput({ source }: { source: string }) {
  const groups = useTelegramGroups();
  const choices = groups.current.map((group) => ({ id: group.id, name: group.title }));
  return (
    <SelectInput
      source={source}
      label="tandem.announcements.telegramGroup"
      helperText="tandem.announcements.telegramGroupHint"
      choices={choices}
      emptyText="tandem.announcements.none"
      parse={noneAsNull}
      format={(value) => value ?? ''}
    />
  );
}

/** Where one kind of news goes: a Discord channel, a Telegram group, the player's DMs. */
function Targets({ kind }: { kind: 'rankUp' | 'achievement' }) {
  return (
    <>
      <DiscordChannelInput
        source={`${kind}.discordChannelId`}
        kind="text"
        label="tandem.announcements.discordChannel"
        helperText="tandem.announcements.discordChannelHint"
      />
      <TelegramGroupInput source={`${kind}.telegramChatId`} />
      <BooleanInput
        source={`${kind}.dm`}
        label="tandem.announcements.dm"
        helperText="tandem.announcements.dmHint"
      />
    </>
  );
}

function Heading({ label }: { label: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" sx={{ mt: 2 }}>
      {translate(label)}
    </Typography>
  );
}

/**
 * Where rank-ups and achievements are announced (the `announcements` setting): a Discord channel,
 * a Telegram group the bot is in, the player's DMs, each on or off, with the throttles. Saved over
 * its version; operators see it read-only.
 */
export function AnnouncementsPage() {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'settings', action: 'edit' });
  return (
    <VersionedEdit
      id="announcements"
      resource="settings"
      redirect={false}
      title={translate('tandem.announcements.title')}
      actions={false}
    >
      <SimpleForm
        resetOptions={keepEdits}
        disabled={!canAccess}
        toolbar={
          canAccess ? (
            <Toolbar>
              <SaveButton />
            </Toolbar>
          ) : (
            false
          )
        }
      >
        <VersionGuard />
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 640 }}>
          {translate('tandem.announcements.hint')}
        </Typography>
        <Heading label="tandem.announcements.rankUps" />
        <Targets kind="rankUp" />
        <NumberInput
          source="rankUp.fromRank"
          label="tandem.announcements.fromRank"
          helperText="tandem.announcements.fromRankHint"
          min={1}
          step={1}
        />
        <NumberInput
          source="rankUp.everyRanks"
          label="tandem.announcements.everyRanks"
          helperText="tandem.announcements.everyRanksHint"
          min={1}
          step={1}
        />
        <Heading label="tandem.announcements.achievements" />
        <Targets kind="achievement" />
        <BooleanInput
          source="achievement.rewardsOnly"
          label="tandem.announcements.rewardsOnly"
          helperText="tandem.announcements.rewardsOnlyHint"
        />
      </SimpleForm>
    </VersionedEdit>
  );
}
