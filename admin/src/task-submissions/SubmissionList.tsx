import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { DataTable, List, ReferenceInput, SelectInput, useCanAccess } from 'react-admin';
import { platformChoices, submissionStatusChoices } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { EmptyState } from '../common/EmptyState.tsx';
import { ListToolbar } from '../common/ListToolbar.tsx';
import { NoResults } from '../common/NoResults.tsx';
import { PlatformField } from '../common/PlatformChip.tsx';
import { PlayerFilterInput } from '../common/PlayerFilterInput.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { SearchField } from '../common/SearchField.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { BulkApproveButton } from './BulkApproveButton.tsx';
import { DecisionButtons } from './DecisionButtons.tsx';
import { ProofCell, TaskTitleCell } from './submission-cells.tsx';

const filters = [
  <SearchField key="q" source="q" alwaysOn placeholder="tandem.taskSubmissions.proofTaskOrPlayer" />,
  <SelectInput key="status" source="status" choices={submissionStatusChoices} alwaysOn />,
  <ReferenceInput key="taskId" source="taskId" reference="tasks" sort={{ field: 'title', order: 'ASC' }}>
    <SelectInput label="resources.task_submissions.fields.task" optionText="title" />
  </ReferenceInput>,
  <PlayerFilterInput key="playerId" source="playerId" />,
  <SelectInput key="platform" source="platform" choices={platformChoices} />,
];

/** Proof players sent for tasks: pending first, approved or rejected in one click or in bulk. */
export function SubmissionList() {
  const { canAccess: canDecide } = useCanAccess({ resource: 'task_submissions', action: 'approve' });
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'pending' }}
      actions={<ListToolbar />}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={25}
      empty={
        <EmptyState icon={<TaskAltIcon />} title="tandem.taskSubmissions.noSubmissionsYet">
          {'tandem.taskSubmissions.whenAPlayerSends'}
        </EmptyState>
      }
    >
      <DataTable
        rowClick="show"
        bulkActionButtons={canDecide ? <BulkApproveButton /> : false}
        empty={
          <NoResults icon={<TaskAltIcon />} title="tandem.taskSubmissions.nothingToReviewHere">
            {'tandem.taskSubmissions.noSubmissionMatchesThese'}
          </NoResults>
        }
      >
        <DataTable.Col source="createdAt" label="resources.task_submissions.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="playerName" label="resources.task_submissions.fields.playerName">
          <PlayerLinkField />
        </DataTable.Col>
        <DataTable.Col source="taskTitle" label="resources.task_submissions.fields.taskTitle">
          <TaskTitleCell />
        </DataTable.Col>
        <DataTable.Col source="platform" disableSort>
          <PlatformField />
        </DataTable.Col>
        <DataTable.Col label="resources.task_submissions.fields.proof" disableSort>
          <ProofCell />
        </DataTable.Col>
        <DataTable.Col source="status">
          <StatusField />
        </DataTable.Col>
        <DataTable.Col label="" disableSort align="right">
          <DecisionButtons />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
