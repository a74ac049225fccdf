import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import { Box, Typography } from '@mui/material';
import {
  DataTable,
  List,
  NullableBooleanInput,
  SelectInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { DiscordRoleName } from '../discord/DiscordName.tsx';
import { describeRule, ruleKinds } from './achievement-rules.ts';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.achievements.name" />,
  <NullableBooleanInput key="active" source="active" />,
  <SelectInput key="kind" source="kind" label="resources.achievements.fields.kind" choices={ruleKinds} />,
];

function NameCell() {
  const translate = useTranslate();
  const achievement = useRecordContext<{ name: string; description?: string; rule: unknown }>();
  if (!achievement) return null;
  return (
    <Box>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {achievement.name}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {describeRule(achievement.rule, translate)}
      </Typography>
    </Box>
  );
}

function RewardCell() {
  const achievement = useRecordContext<{
    rewardXp: number;
    rewardCoins: number;
    discordRoleId?: string | null;
  }>();
  if (!achievement) return null;
  const parts = [
    achievement.rewardXp ? `${formatNumber(achievement.rewardXp)} XP` : null,
    achievement.rewardCoins ? `${formatNumber(achievement.rewardCoins)} coins` : null,
  ].filter(Boolean);
  const role = achievement.discordRoleId;
  if (!parts.length && !role) return <span>—</span>;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}>
      {parts.join(' + ')}
      {parts.length && role ? ' + ' : null}
      {role ? <DiscordRoleName id={role} /> : null}
    </Box>
  );
}

/** Rule-based achievements; each unlocks once per player. */
export function AchievementList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      empty={
        <EmptyState icon={<EmojiEventsIcon />} title="tandem.achievements.noAchievements">
          {'tandem.achievements.achievementsRewardMilestonesA'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="name" label="resources.achievements.fields.name">
          <NameCell />
        </DataTable.Col>
        <DataTable.Col source="slug" />
        <DataTable.Col label="resources.achievements.fields.reward" disableSort>
          <RewardCell />
        </DataTable.Col>
        <DataTable.Col
          source="unlockedBy"
          label="resources.achievements.fields.unlockedBy"
          align="right"
          disableSort
          render={(achievement) => `${achievement.unlockedBy ?? 0} players`}
        />
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
