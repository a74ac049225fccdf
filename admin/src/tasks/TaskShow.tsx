import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import {
  BooleanField,
  DataTable,
  NumberField,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { ShowActions } from '../common/ShowActions.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { DecisionButtons } from '../task-submissions/DecisionButtons.tsx';

/** A task and the proof players sent for it, newest first, with the decision buttons. */
export function TaskShow() {
  return (
    <Show title={<RecordTitle />} actions={<ShowActions />}>
      <SimpleShowLayout>
        <TextField source="title" />
        <TextField source="description" emptyText="—" />
        <TextField source="proofHint" label="resources.tasks.fields.proofHint" emptyText="—" />
        <NumberField source="rewardXp" label="resources.tasks.fields.rewardXp" />
        <NumberField source="rewardCoins" label="resources.tasks.fields.rewardCoins" />
        <BooleanField source="active" />
        <ReferenceManyField
          label="resources.tasks.fields.submissions"
          reference="task_submissions"
          target="taskId"
          sort={{ field: 'createdAt', order: 'DESC' }}
          perPage={10}
          pagination={<Pagination />}
        >
          <DataTable
            bulkActionButtons={false}
            rowClick="show"
            empty={<EmptyState icon={<AssignmentTurnedInIcon />} title="tandem.tasks.noSubmissionsForThis" />}
          >
            <DataTable.Col source="createdAt" label="resources.tasks.fields.createdAt2">
              <TimeAgoField source="createdAt" />
            </DataTable.Col>
            <DataTable.Col source="playerName" label="resources.tasks.fields.playerName">
              <PlayerLinkField />
            </DataTable.Col>
            <DataTable.Col source="status">
              <StatusField />
            </DataTable.Col>
            <DataTable.Col label="" disableSort align="right">
              <DecisionButtons />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
