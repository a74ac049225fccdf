import { Box } from '@mui/material';
import {
  BooleanInput,
  CheckboxGroupInput,
  DateTimeInput,
  maxValue,
  minValue,
  NumberInput,
  number,
  required,
  SimpleForm,
  TextInput,
} from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { nameRules } from '../common/validators.ts';

/** The earnings a boost can multiply (src/boosts/boost-sources.ts on the server). */
export const boostSourceChoices = ['message', 'voice', 'daily', 'game', 'tasks'].map((id) => ({
  id,
  name: `tandem.boosts.source.${id}`,
}));

/** The window ends after it starts; the API says the same for a form that skips this check. */
function validate(values: { startsAt?: string; endsAt?: string }): Record<string, string> {
  if (values.startsAt && values.endsAt && new Date(values.endsAt) <= new Date(values.startsAt)) {
    return { endsAt: 'tandem.boosts.endAfterStart' };
  }
  return {};
}

/** A timed boost event: a factor on the chosen earnings between its start and its end. */
export function BoostForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      validate={validate}
      sx={{ maxWidth: 720 }}
    >
      {edit ? <VersionGuard /> : null}
      <TextInput source="name" validate={nameRules(100)} helperText="tandem.boosts.nameHint" />
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <DateTimeInput source="startsAt" validate={required()} />
        <DateTimeInput source="endsAt" validate={required()} helperText="tandem.boosts.endHint" />
      </Box>
      <NumberInput
        source="factor"
        step={0.1}
        defaultValue={2}
        validate={[required(), number(), minValue(0.1), maxValue(10)]}
        helperText="tandem.boosts.factorHint"
      />
      <CheckboxGroupInput
        source="sources"
        choices={boostSourceChoices}
        defaultValue={['message', 'voice']}
        validate={required()}
      />
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}
