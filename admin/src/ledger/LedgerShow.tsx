import { FunctionField, Labeled, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import type { LedgerRecord } from '../api/records.ts';
import { DeltaField } from '../common/amounts.tsx';
import { choiceName, eventTypeChoices, sourceChoices } from '../common/choices.ts';
import { formatDateTime } from '../common/dates.tsx';
import { JsonField } from '../common/JsonField.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { RecordTitle } from '../common/titles.tsx';

/** One ledger row. Read-only: a wrong row is corrected by a new adjustment, never by an edit. */
export function LedgerShow() {
  return (
    <Show actions={false} title={<RecordTitle />}>
      <SimpleShowLayout>
        <FunctionField<LedgerRecord> label="When" render={(row) => formatDateTime(row.createdAt)} />
        <Labeled label="Player">
          <PlayerLinkField />
        </Labeled>
        <TextField source="reason" />
        <FunctionField<LedgerRecord> label="Source" render={(row) => choiceName(sourceChoices, row.source)} />
        <FunctionField<LedgerRecord> label="Type" render={(row) => choiceName(eventTypeChoices, row.type)} />
        <DeltaField source="xpDelta" label="XP change" unit="XP" />
        <DeltaField source="coinDelta" label="Coin change" unit="coins" />
        <NumberField source="xpAfter" label="XP after" />
        <NumberField source="balanceAfter" label="Coins after" />
        <TextField source="idempotencyKey" label="Idempotency key" />
        <JsonField source="metadata" label="Metadata" />
      </SimpleShowLayout>
    </Show>
  );
}
