import {
  BooleanField,
  FunctionField,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { ShowActions } from '../common/ShowActions.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { DiscordRoleField } from '../discord/DiscordFields.tsx';
import { describeRule } from './achievement-rules.ts';

export function AchievementShow() {
  const translate = useTranslate();
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="slug" />
        <TextField source="description" emptyText="—" />
        <FunctionField
          label="resources.achievements.fields.unlockedWhenThePlayer"
          render={(achievement) => describeRule(achievement.rule, translate)}
        />
        <NumberField source="rewardXp" label="resources.achievements.fields.rewardXp" />
        <NumberField source="rewardCoins" label="resources.achievements.fields.rewardCoins" />
        <DiscordRoleField
          source="discordRoleId"
          label="tandem.discord.role"
          emptyText="tandem.achievements.noDiscordRole"
        />
        <NumberField source="unlockedBy" label="resources.achievements.fields.unlockedBy2" />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
