import { BooleanInput, maxLength, NumberInput, required, SimpleForm, TextInput } from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { requiredAmountRules } from '../common/validators.ts';
import { ButtonTargetInput } from '../content/ButtonTargetInput.tsx';

/** A button of the Telegram bot's main menu (/start). */
export function MenuButtonForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      sx={{ maxWidth: 720 }}
    >
      {edit ? <VersionGuard /> : null}
      <TextInput
        source="label"
        validate={[required(), maxLength(64)]}
        helperText="tandem.menuButtons.whatPlayersTapE"
      />
      <ButtonTargetInput scenarioField="scenarioId" />
      <NumberInput
        source="position"
        validate={requiredAmountRules}
        defaultValue={0}
        helperText="tandem.menuButtons.lowerShowsFirst"
      />
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}
