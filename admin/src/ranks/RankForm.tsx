import { Box } from '@mui/material';
import { BooleanInput, minValue, NumberInput, required, SimpleForm, TextInput } from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { nameRules, requiredAmountRules, wholeNumber } from '../common/validators.ts';
import { DiscordRoleInput } from '../discord/DiscordRoleInput.tsx';

/**
 * A rank: players hold the highest active rank whose minimum XP they reached; its Discord role is set
 * on their member by the sync workers. Name and priority are unique (the API says which one clashes).
 */
export function RankForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      sx={{ maxWidth: 640 }}
    >
      {edit ? <VersionGuard /> : null}
      <TextInput source="name" validate={nameRules(64)} helperText="tandem.ranks.shownToPlayersE" />
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <NumberInput
          source="minXp"
          label="resources.ranks.fields.minXp"
          validate={requiredAmountRules}
          helperText="tandem.ranks.playersReachItAt"
        />
        <NumberInput
          source="priority"
          validate={[required(), wholeNumber, minValue(1, 'tandem.validation.atLeastOne')]}
          helperText="tandem.ranks.1LowestRankUnique"
        />
      </Box>
      <DiscordRoleInput
        source="discordRoleId"
        label="resources.ranks.fields.discordRoleId2"
        helperText="tandem.ranks.optionalTheRoleGiven"
      />
      <BooleanInput source="active" helperText="tandem.ranks.inactiveRanksAreSkipped" />
    </SimpleForm>
  );
}
