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
        <StatusField label="Status" />
        <Labeled label="Task">
          <TaskTitleCell />
        </Labeled>
        <Labeled label="Player">
          <PlayerLinkField />
        </Labeled>
        <PlatformField label="Sent on" />
        <Labeled label="Sent">
          <TimeAgoField source="createdAt" />
        </Labeled>
        <ProofCell full label="Proof" />
        <TextField source="note" label="Note to the player" emptyText="—" />
        <TextField source="decidedBy" label="Decided by" emptyText="Not decided yet" />
        <Labeled label="Decided">
          <TimeAgoField source="decidedAt" empty="—" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
