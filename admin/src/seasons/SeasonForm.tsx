import { Box } from '@mui/material';
import {
  ArrayInput,
  DateTimeInput,
  minValue,
  NumberInput,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { amountRules, nameRules, wholeNumber } from '../common/validators.ts';
import { DiscordRoleInput } from '../discord/DiscordRoleInput.tsx';

const recurrences = [
  { id: 'none', name: 'tandem.seasons.custom' },
  { id: 'weekly', name: 'tandem.seasons.weekly' },
  { id: 'monthly', name: 'tandem.seasons.monthly' },
];

/** The API takes instants with their offset: the browser's local time, sent as UTC. */
const toInstant = (value: unknown) => (value ? new Date(value as string).toISOString() : undefined);

/**
 * A season: its board is the XP gained between start and end (lifetime XP untouched); when it ends,
 * its first N places get their rewards and the role once, and a weekly or monthly one starts again.
 */
export function SeasonForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      sx={{ maxWidth: 720 }}
    >
      {edit ? <VersionGuard /> : null}
      <TextInput source="name" validate={nameRules(100)} />
      <SelectInput
        source="recurrence"
        choices={recurrences}
        defaultValue="none"
        helperText="tandem.seasons.recurrenceHint"
      />
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <DateTimeInput source="startsAt" validate={required()} parse={toInstant} />
        <DateTimeInput source="endsAt" parse={toInstant} helperText="tandem.seasons.endsAtHint" />
      </Box>
      <NumberInput
        source="winners"
        defaultValue={3}
        validate={[required(), wholeNumber, minValue(1, 'tandem.validation.atLeastOne')]}
        helperText="tandem.seasons.winnersHint"
      />
      <ArrayInput
        source="rewards"
        label="resources.seasons.fields.rewards"
        helperText="tandem.seasons.rewardsHint"
      >
        <SimpleFormIterator inline disableReordering>
          <NumberInput
            source="xp"
            label="resources.seasons.fields.xp"
            defaultValue={0}
            validate={amountRules}
          />
          <NumberInput
            source="coins"
            label="resources.seasons.fields.coins"
            defaultValue={0}
            validate={amountRules}
          />
        </SimpleFormIterator>
      </ArrayInput>
      <DiscordRoleInput
        source="discordRoleId"
        label="resources.seasons.fields.discordRoleId"
        helperText="tandem.seasons.roleHint"
      />
    </SimpleForm>
  );
}
