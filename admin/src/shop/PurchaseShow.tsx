import { Link as MuiLink, Typography } from '@mui/material';
import {
  DataTable,
  Labeled,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CoinsField, DeltaField } from '../common/amounts.tsx';
import { holdStateChoices } from '../common/choices.ts';
import { TimeAgoField } from '../common/dates.tsx';
import { PlayerLinkField } from '../common/PlayerLinkField.tsx';
import { listLink } from '../dashboard/list-link.ts';
import { ChatName, DiscordRoleName } from '../discord/DiscordName.tsx';
import { PurchaseButtons } from './PurchaseButtons.tsx';
import { ShopTitle } from './ShopTitle.tsx';
import { PurchaseStatusField } from './shop-cells.tsx';
import { kindChoices, type PurchaseRecord } from './shop-records.ts';

/** What the purchase grants, as the item said when it was bought (a later edit changes nothing). */
function GrantSnapshot(_props: { label?: string }) {
  const translate = useTranslate();
  const grant = useRecordContext<PurchaseRecord>()?.grant;
  if (!grant) return null;
  if (grant.kind === 'discord_role') {
    return (
      <Typography variant="body2" component="div">
        {translate('tandem.shop.grantRole')} <DiscordRoleName id={grant.discordRoleId} />,{' '}
        {grant.durationDays === null
          ? translate('tandem.shop.forGoodInline')
          : translate('tandem.shop.days', { smart_count: grant.durationDays })}
      </Typography>
    );
  }
  if (grant.kind === 'telegram_title') {
    return (
      <Typography variant="body2" component="div">
        {translate('tandem.shop.grantTitle', { title: grant.telegramTitle })}{' '}
        <ChatName id={grant.telegramChatId} />
      </Typography>
    );
  }
  return (
    <Typography variant="body2">{translate('tandem.shop.grantCustom', { name: grant.name })}</Typography>
  );
}

/** The item's own page (its edit form), from the purchase. */
function ItemLink(_props: { label?: string }) {
  const purchase = useRecordContext<PurchaseRecord>();
  if (!purchase) return null;
  return (
    <MuiLink href={`#/shop_items/${purchase.itemId}`} underline="hover" sx={{ fontWeight: 600 }}>
      {purchase.itemName}
    </MuiLink>
  );
}

/** The purchase's rows in the ledger: its hold, and the refund if the coins went back. */
function LedgerRows(_props: { label?: string }) {
  const translate = useTranslate();
  const purchase = useRecordContext<PurchaseRecord>();
  if (!purchase) return null;
  return (
    <>
      <ReferenceManyField reference="ledger" target="purchaseId" sort={{ field: 'createdAt', order: 'ASC' }}>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="createdAt" label="resources.ledger.fields.createdAt">
            <TimeAgoField source="createdAt" />
          </DataTable.Col>
          <DataTable.Col source="reason" label="resources.ledger.fields.reason" />
          <DataTable.Col source="coinDelta" label="resources.ledger.fields.coinDelta" align="right">
            <DeltaField source="coinDelta" />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
      <MuiLink href={`#${listLink('ledger', { purchaseId: purchase.id })}`} variant="body2" underline="hover">
        {translate('tandem.shop.openInLedger')}
      </MuiLink>
    </>
  );
}

/** One purchase: what it grants, its coins in the ledger, and Fulfil / Refund while it is pending. */
export function PurchaseShow() {
  return (
    <Show
      title={<ShopTitle singular="tandem.shop.purchase" />}
      actions={
        <TopToolbar>
          <PurchaseButtons size="medium" />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <PurchaseStatusField label="tandem.shop.fields.status" />
        <ItemLink label="tandem.shop.fields.item" />
        <SelectField source="kind" label="tandem.shop.fields.kind" choices={kindChoices} />
        <GrantSnapshot label="tandem.shop.fields.grant" />
        <PlayerLinkField label="tandem.shop.fields.player" />
        <CoinsField source="price" label="tandem.shop.fields.price" />
        <SelectField
          source="holdState"
          label="tandem.shop.fields.holdState"
          choices={holdStateChoices}
          emptyText="—"
        />
        <Labeled label="tandem.shop.fields.createdAt">
          <TimeAgoField source="createdAt" />
        </Labeled>
        <Labeled label="tandem.shop.fields.grantedAt">
          <TimeAgoField source="grantedAt" />
        </Labeled>
        <Labeled label="tandem.shop.fields.expiresAt">
          <TimeAgoField source="expiresAt" />
        </Labeled>
        <TextField source="settledBy" label="tandem.shop.fields.settledBy" emptyText="—" />
        <Labeled label="tandem.shop.fields.settledAt">
          <TimeAgoField source="settledAt" />
        </Labeled>
        <TextField source="reason" label="tandem.shop.fields.reason" emptyText="—" />
        <LedgerRows label="tandem.shop.fields.ledger" />
      </SimpleShowLayout>
    </Show>
  );
}
