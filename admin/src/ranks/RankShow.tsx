import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ShowActions } from '../common/ShowActions.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { DiscordRoleField } from '../discord/DiscordFields.tsx';

export function RankShow() {
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <NumberField source="minXp" label="resources.ranks.fields.minXp" />
        <NumberField source="priority" />
        <DiscordRoleField
          source="discordRoleId"
          label="resources.ranks.fields.discordRoleId2"
          emptyText="tandem.ranks.noDiscordRole"
        />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
