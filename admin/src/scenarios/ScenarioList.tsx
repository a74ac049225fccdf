import SlideshowIcon from '@mui/icons-material/Slideshow';
import { Box, Typography } from '@mui/material';
import { DataTable, List, NullableBooleanInput, useRecordContext } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.scenarios.titleOrSlug" />,
  <NullableBooleanInput key="active" source="active" />,
  <NullableBooleanInput key="rewarding" source="rewarding" label="resources.scenarios.fields.rewarding" />,
];

interface ScenarioRecord {
  title: string;
  text: string;
  buttons?: unknown[];
  rewardXp: number;
  rewardCoins: number;
}

function TitleCell() {
  const scenario = useRecordContext<ScenarioRecord>();
  if (!scenario) return null;
  return (
    <Box sx={{ maxWidth: 420 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {scenario.title}
      </Typography>
      <Typography variant="caption" color="text.secondary" noWrap component="div">
        {scenario.text}
      </Typography>
    </Box>
  );
}

function RewardCell() {
  const scenario = useRecordContext<ScenarioRecord>();
  if (!scenario || (!scenario.rewardXp && !scenario.rewardCoins)) return <span>—</span>;
  return (
    <span>
      {[
        scenario.rewardXp ? `${formatNumber(scenario.rewardXp)} XP` : '',
        scenario.rewardCoins ? `${formatNumber(scenario.rewardCoins)} coins` : '',
      ]
        .filter(Boolean)
        .join(' + ')}
    </span>
  );
}

/** The bot's pages: text, buttons and first-visit rewards. */
export function ScenarioList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'title', order: 'ASC' }}
      perPage={25}
      empty={
        <EmptyState icon={<SlideshowIcon />} title="tandem.scenarios.noScenarios">
          {'tandem.scenarios.scenariosAreTheBot'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="title">
          <TitleCell />
        </DataTable.Col>
        <DataTable.Col source="slug" />
        <DataTable.Col
          label="resources.scenarios.fields.buttons"
          align="right"
          disableSort
          render={(scenario) => scenario.buttons?.length ?? 0}
        />
        <DataTable.Col label="resources.scenarios.fields.reward" disableSort>
          <RewardCell />
        </DataTable.Col>
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
