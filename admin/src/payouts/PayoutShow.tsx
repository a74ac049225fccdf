import { Labeled, SelectField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { CoinsField } from '../common/amounts.tsx';
import { holdStateChoices } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { StatusField } from '../common/StatusChip.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { PayoutDecisionButtons } from './PayoutDecisionButtons.tsx';

/** One payout request and its decision. */
export function PayoutShow() {
  return (
    <Show
      title={<RecordTitle />}
      actions={
        <TopToolbar>
          <PayoutDecisionButtons size="medium" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <StatusField label="Status" />
        <PlayerLinkField label="Player" />
        <CoinsField source="amount" label="Amount" />
        <SelectField source="holdState" label="Coins (ledger)" choices={holdStateChoices} emptyText="—" />
        <Labeled label="Asked">
          <TimeAgoField source="createdAt" />
        </Labeled>
        <TextField source="decidedBy" label="Decided by" emptyText="Not decided yet" />
        <Labeled label="Decided">
          <TimeAgoField source="decidedAt" empty="—" />
        </Labeled>
        <TextField source="note" label="Note to the player" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
