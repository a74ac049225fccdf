import { Box } from '@mui/material';
import { BooleanInput, maxLength, NumberInput, SimpleForm, TextInput } from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { amountRules, nameRules, slugRules } from '../common/validators.ts';
import { DiscordRoleInput } from '../discord/DiscordRoleInput.tsx';
import { RuleInput } from './RuleInput.tsx';

/** An achievement: its rule, an optional reward (XP, coins, a Discord role) and whether it is live. */
export function AchievementForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      sx={{ maxWidth: 720 }}
    >
      {edit ? <VersionGuard /> : null}
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <TextInput source="name" validate={nameRules(100)} sx={{ flex: 2 }} />
        <TextInput
          source="slug"
          validate={slugRules}
          helperText="tandem.achievements.eGChatterbox"
          sx={{ flex: 1 }}
        />
      </Box>
      <TextInput source="description" multiline minRows={2} validate={maxLength(500)} />
      <RuleInput />
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <NumberInput
          source="rewardXp"
          label="resources.achievements.fields.rewardXp"
          validate={amountRules}
          defaultValue={0}
        />
        <NumberInput
          source="rewardCoins"
          label="resources.achievements.fields.rewardCoins"
          validate={amountRules}
          defaultValue={0}
        />
      </Box>
      <DiscordRoleInput
        source="discordRoleId"
        label="tandem.discord.role"
        helperText="tandem.achievements.optionalARoleGranted"
      />
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}
