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
        <StatusField label="resources.payouts.fields.status" />
        <PlayerLinkField label="resources.payouts.fields.player" />
        <CoinsField source="amount" label="resources.payouts.fields.amount" />
        <SelectField
          source="holdState"
          label="resources.payouts.fields.holdState"
          choices={holdStateChoices}
          emptyText="—"
        />
        <Labeled label="resources.payouts.fields.asked">
          <TimeAgoField source="createdAt" />
        </Labeled>
        <TextField
          source="decidedBy"
          label="resources.payouts.fields.decidedBy"
          emptyText="tandem.payouts.notDecidedYet"
        />
        <Labeled label="resources.payouts.fields.decided">
          <TimeAgoField source="decidedAt" empty="—" />
        </Labeled>
        <TextField source="note" label="resources.payouts.fields.note" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
