import { maxLength, required, SimpleForm, TextInput } from 'react-admin';
import { keepEdits, VersionedEdit, VersionGuard } from '../common/VersionedEdit.tsx';

/** Only the display name is edited here; XP and coins change through "Adjust XP / coins". */
export function PlayerEdit() {
  return (
    <VersionedEdit title="tandem.players.renamePlayer">
      <SimpleForm resetOptions={keepEdits} sx={{ maxWidth: 560 }}>
        <VersionGuard />
        <TextInput
          source="displayName"
          label="resources.players.fields.displayName"
          validate={[required(), maxLength(100)]}
          helperText="tandem.players.shownInLeaderboardsAnd"
        />
      </SimpleForm>
    </VersionedEdit>
  );
}
