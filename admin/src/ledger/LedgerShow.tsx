import { FunctionField, Labeled, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import type { LedgerRecord } from '../api/records.ts';
import { DeltaField } from '../common/amounts.tsx';
import { eventTypeChoices, sourceChoices, useChoiceName } from '../common/choices.ts';
import { useFormatDateTime } from '../common/dates.tsx';
import { JsonField } from '../common/JsonField.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { RecordTitle } from '../common/titles.tsx';
import { LedgerLinks } from './LedgerLinks.tsx';

/** One ledger row. Read-only: a wrong row is corrected by a new adjustment, never by an edit. */
export function LedgerShow() {
  const formatDateTime = useFormatDateTime();
  const choice = useChoiceName();
  return (
    <Show actions={false} title={<RecordTitle />}>
      <SimpleShowLayout>
        <FunctionField<LedgerRecord>
          label="resources.ledger.fields.createdAt"
          render={(row) => formatDateTime(row.createdAt)}
        />
        <Labeled label="resources.ledger.fields.player">
          <PlayerLinkField />
        </Labeled>
        <TextField source="reason" />
        <FunctionField<LedgerRecord>
          label="resources.ledger.fields.source"
          render={(row) => choice(sourceChoices, row.source)}
        />
        <FunctionField<LedgerRecord>
          label="resources.ledger.fields.type"
          render={(row) => choice(eventTypeChoices, row.type)}
        />
        <DeltaField source="xpDelta" label="resources.ledger.fields.xpDelta2" unit="XP" />
        <DeltaField source="coinDelta" label="resources.ledger.fields.coinDelta2" unit="coins" />
        <NumberField source="xpAfter" label="resources.ledger.fields.xpAfter" />
        <NumberField source="balanceAfter" label="resources.ledger.fields.balanceAfter" />
        <TextField source="idempotencyKey" label="resources.ledger.fields.idempotencyKey" />
        <JsonField source="metadata" label="resources.ledger.fields.metadata" />
        <LedgerLinks label={false} />
      </SimpleShowLayout>
    </Show>
  );
}
