import { BooleanField, FunctionField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ShowActions } from '../common/ShowActions.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { describeRule } from './achievement-rules.ts';

export function AchievementShow() {
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="slug" />
        <TextField source="description" emptyText="—" />
        <FunctionField
          label="Unlocked when the player…"
          render={(achievement) => describeRule(achievement.rule)}
        />
        <NumberField source="rewardXp" label="Reward XP" />
        <NumberField source="rewardCoins" label="Reward coins" />
        <TextField source="discordRoleId" label="Discord role id" emptyText="No Discord role" />
        <NumberField source="unlockedBy" label="Players who unlocked it" />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
