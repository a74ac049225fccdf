import { Labeled, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { TimeAgoField } from '../common/dates.tsx';
import { PlatformField } from '../common/PlatformChip.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { DecisionButtons } from './DecisionButtons.tsx';
import { ProofCell, TaskTitleCell } from './submission-cells.tsx';

/** One submission with its full proof, and the decision buttons while it is pending. */
export function SubmissionShow() {
  return (
    <Show
      title={<RecordTitle />}
      actions={
        <TopToolbar>
          <DecisionButtons size="medium" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <StatusField label="resources.task_submissions.fields.status" />
        <Labeled label="resources.task_submissions.fields.task">
          <TaskTitleCell />
        </Labeled>
        <Labeled label="resources.task_submissions.fields.player">
          <PlayerLinkField />
        </Labeled>
        <PlatformField label="resources.task_submissions.fields.sentOn" />
        <Labeled label="resources.task_submissions.fields.sent">
          <TimeAgoField source="createdAt" />
        </Labeled>
        <ProofCell full label="resources.task_submissions.fields.proof" />
        <TextField source="note" label="resources.task_submissions.fields.note" emptyText="—" />
        <TextField
          source="decidedBy"
          label="resources.task_submissions.fields.decidedBy"
          emptyText="tandem.taskSubmissions.notDecidedYet"
        />
        <Labeled label="resources.task_submissions.fields.decided">
          <TimeAgoField source="decidedAt" empty="—" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
