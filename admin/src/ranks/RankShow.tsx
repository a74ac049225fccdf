import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ShowActions } from '../common/ShowActions.tsx';
import { RecordTitle } from '../common/titles.tsx';

export function RankShow() {
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <NumberField source="minXp" label="Minimum XP" />
        <NumberField source="priority" />
        <TextField source="discordRoleId" label="Discord role id" emptyText="No Discord role" />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
