import { Box } from '@mui/material';
import { BooleanInput, maxLength, NumberInput, SimpleForm, TextInput } from 'react-admin';
import { EditToolbar } from '../common/EditToolbar.tsx';
import { keepEdits, VersionGuard } from '../common/VersionedEdit.tsx';
import { amountRules, nameRules } from '../common/validators.ts';

/** A task players do for a reward, paid when an admin approves their proof. */
export function TaskForm({ edit = false }: { edit?: boolean }) {
  return (
    <SimpleForm
      resetOptions={edit ? keepEdits : undefined}
      toolbar={edit ? <EditToolbar /> : undefined}
      sx={{ maxWidth: 720 }}
    >
      {edit ? <VersionGuard /> : null}
      <TextInput source="title" validate={nameRules(100)} />
      <TextInput source="description" multiline minRows={3} validate={maxLength(1500)} />
      <TextInput
        source="proofHint"
        label="resources.tasks.fields.proofHint"
        validate={maxLength(200)}
        helperText="tandem.tasks.tellsPlayersWhatTo"
        parse={(value: string) => (value === '' ? null : value)}
      />
      <Box sx={{ display: 'flex', gap: 2, width: '100%' }}>
        <NumberInput
          source="rewardXp"
          label="resources.tasks.fields.rewardXp"
          validate={amountRules}
          defaultValue={0}
        />
        <NumberInput
          source="rewardCoins"
          label="resources.tasks.fields.rewardCoins"
          validate={amountRules}
          defaultValue={0}
        />
      </Box>
      <BooleanInput source="active" defaultValue helperText="tandem.tasks.inactiveTasksAreHidden" />
    </SimpleForm>
  );
}
