import { FormControlLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useState } from 'react';
import {
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  required,
  SelectInput,
  TextInput,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { wholeNumber } from '../common/validators.ts';
import { DiscordRoleInput } from '../discord/DiscordRoleInput.tsx';
import { useTelegramGroups } from '../telegram-chats/use-telegram-groups.ts';

/** The longest timed role the API takes (src/shop/manage-shop-items.ts). */
const maxDurationDays = 366;

/** A role kept for good, or for a number of days (then the worker takes it back). */
function RoleDurationInput() {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const saved = useWatch({ name: 'durationDays' });
  const [timed, setTimed] = useState(saved !== null && saved !== undefined && saved !== '');
  return (
    <>
      <RadioGroup
        row
        value={timed ? 'timed' : 'permanent'}
        onChange={(event) => {
          const nowTimed = event.target.value === 'timed';
          setTimed(nowTimed);
          setValue('durationDays', nowTimed ? 30 : null, { shouldDirty: true });
        }}
      >
        <FormControlLabel value="permanent" control={<Radio />} label={translate('tandem.shop.forGood')} />
        <FormControlLabel value="timed" control={<Radio />} label={translate('tandem.shop.forDays')} />
      </RadioGroup>
      {timed ? (
        <NumberInput
          source="durationDays"
          label="tandem.shop.fields.durationDays"
          helperText="tandem.shop.durationHint"
          validate={[required(), wholeNumber, minValue(1), maxValue(maxDurationDays)]}
        />
      ) : null}
    </>
  );
}

/**
 * The group where the bot sets the title: the groups it is in, by title. Before it has joined any,
 * the group's chat id is typed.
 */
function TelegramGroupInput() {
  const groups = useTelegramGroups();
  const stored = useWatch({ name: 'telegramChatId' }) as string | null | undefined;
  const choices = groups.current.map((group) => ({ id: group.id, name: group.title }));
  if (stored && !choices.some((choice) => choice.id === stored)) {
    choices.push({ id: stored, name: groups.byId.get(stored)?.title ?? stored });
  }
  if (choices.length === 0) {
    return (
      <TextInput
        source="telegramChatId"
        label="tandem.shop.fields.telegramChatId"
        helperText="tandem.shop.noGroupsHint"
        validate={required()}
      />
    );
  }
  return (
    <SelectInput
      source="telegramChatId"
      label="tandem.shop.fields.telegramChatId"
      helperText="tandem.shop.groupHint"
      choices={choices}
      validate={required()}
    />
  );
}

/** What the chosen kind grants: a Discord role, a title in a Telegram group, or nothing automatic. */
export function ItemKindFields() {
  const translate = useTranslate();
  const kind = useWatch({ name: 'kind' });
  if (kind === 'discord_role') {
    return (
      <>
        <DiscordRoleInput
          source="discordRoleId"
          label="tandem.shop.fields.discordRoleId"
          helperText="tandem.shop.roleHint"
          validate={[required()]}
        />
        <RoleDurationInput />
      </>
    );
  }
  if (kind === 'telegram_title') {
    return (
      <>
        <TelegramGroupInput />
        <TextInput
          source="telegramTitle"
          label="tandem.shop.fields.telegramTitle"
          helperText="tandem.shop.titleHint"
          validate={[required(), maxLength(16)]}
        />
      </>
    );
  }
  if (kind === 'custom') {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 640 }}>
        {translate('tandem.shop.customHint')}
      </Typography>
    );
  }
  return null;
}
