import { Box } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  maxLength,
  NumberInput,
  required,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { amountRules, nameRules, slugRules } from '../common/validators.ts';
import { ButtonTargetInput } from '../content/ButtonTargetInput.tsx';

/** The scenario buttons' limit on the server (a message shows a handful). */
const maxButtons = 10;

const maxButtonsRule = (buttons: unknown) =>
  Array.isArray(buttons) && buttons.length > maxButtons
    ? { message: 'tandem.scenarios.maxButtons', args: { max: maxButtons } }
    : undefined;

/**
 * A page of the bot: its text, its inline buttons (to other pages, links or commands), and a reward
 * paid once to each player who opens it.
 */
export function ScenarioForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      sx={{ maxWidth: 860 }}
    >
      {edit ? <VersionGuard /> : null}
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <TextInput source="title" validate={nameRules(100)} sx={{ flex: 2 }} />
        <TextInput
          source="slug"
          validate={slugRules}
          helperText="tandem.scenarios.buttonsNamePagesBy"
          sx={{ flex: 1 }}
        />
      </Box>
      <TextInput
        source="text"
        multiline
        minRows={5}
        validate={[required(), maxLength(1800, 'tandem.scenarios.maxText')]}
        helperText="tandem.scenarios.whatTheBotReplies"
      />
      <ArrayInput source="buttons" label="resources.scenarios.fields.buttons" validate={maxButtonsRule}>
        <SimpleFormIterator disableReordering={false} inline={false} fullWidth>
          <TextInput
            source="label"
            label="resources.scenarios.fields.label"
            validate={[required(), maxLength(64)]}
          />
          <ButtonTargetInput scenarioField="scenario" cleared={undefined} />
        </SimpleFormIterator>
      </ArrayInput>
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <NumberInput
          source="rewardXp"
          label="resources.scenarios.fields.rewardXp"
          validate={amountRules}
          defaultValue={0}
        />
        <NumberInput
          source="rewardCoins"
          label="resources.scenarios.fields.rewardCoins"
          validate={amountRules}
          defaultValue={0}
        />
      </Box>
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}
