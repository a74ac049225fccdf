import AssignmentIcon from '@mui/icons-material/Assignment';
import { Box, Chip, Typography } from '@mui/material';
import { DataTable, List, NullableBooleanInput, useRecordContext } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { ActiveField } from '../common/StatusChip.tsx';
import { useEditOrShow } from '../common/use-row-click.ts';
import { listLink } from '../dashboard/list-link.ts';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.tasks.title" />,
  <NullableBooleanInput key="active" source="active" />,
];

function TitleCell() {
  const task = useRecordContext<{ title: string; proofHint?: string | null }>();
  if (!task) return null;
  return (
    <Box>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {task.title}
      </Typography>
      {task.proofHint ? (
        <Typography variant="caption" color="text.secondary">
          Proof: {task.proofHint}
        </Typography>
      ) : null}
    </Box>
  );
}

/** Tasks offered to players; their submissions wait under Task submissions. */
export function TaskList() {
  const rowClick = useEditOrShow();
  return (
    <List
      filters={filters}
      actions={<ListToolbar create />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      empty={
        <EmptyState icon={<AssignmentIcon />} title="tandem.tasks.noTasks">
          {'tandem.tasks.tasksAskPlayersTo'}
        </EmptyState>
      }
    >
      <DataTable rowClick={rowClick} bulkActionButtons={false}>
        <DataTable.Col source="title">
          <TitleCell />
        </DataTable.Col>
        <DataTable.Col
          source="rewardXp"
          label="resources.tasks.fields.rewardXp2"
          align="right"
          render={(task) => formatNumber(task.rewardXp)}
        />
        <DataTable.Col
          source="rewardCoins"
          label="resources.tasks.fields.rewardCoins2"
          align="right"
          render={(task) => formatNumber(task.rewardCoins)}
        />
        <DataTable.Col
          label="resources.tasks.fields.waiting"
          align="right"
          disableSort
          render={(task) =>
            task.pendingSubmissions ? (
              <Chip
                size="small"
                color="warning"
                label={`${task.pendingSubmissions} to review`}
                component="a"
                clickable
                href={`#${listLink('task_submissions', { status: 'pending', taskId: task.id })}`}
                onClick={(event: React.MouseEvent) => event.stopPropagation()}
              />
            ) : (
              '—'
            )
          }
        />
        <DataTable.Col source="active">
          <ActiveField />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="resources.tasks.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
