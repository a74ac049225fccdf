import { Link as MuiLink, Stack } from '@mui/material';
import { Labeled, useRecordContext, useTranslate } from 'react-admin';
import type { LedgerRecord } from '../api/records.ts';
import { listLink } from '../dashboard/list-link.ts';

/**
 * Where a shop or transfer row came from: the purchase's page, or the ledger filtered to the
 * transfer's two sides (the ids are in the row's metadata). Labelled by itself: other rows show nothing.
 */
export function LedgerLinks(_props: { label?: false }) {
  const translate = useTranslate();
  const metadata = (useRecordContext<LedgerRecord>()?.metadata ?? {}) as Record<string, unknown>;
  const purchaseId = typeof metadata.purchaseId === 'string' ? metadata.purchaseId : null;
  const transferId = typeof metadata.transferId === 'string' ? metadata.transferId : null;
  if (!purchaseId && !transferId) return null;
  return (
    <Labeled label="tandem.shop.relatedRows">
      <Stack direction="row" spacing={2}>
        {purchaseId ? (
          <MuiLink href={`#/shop_purchases/${encodeURIComponent(purchaseId)}/show`} underline="hover">
            {translate('tandem.shop.openPurchase')}
          </MuiLink>
        ) : null}
        {purchaseId ? (
          <MuiLink href={`#${listLink('ledger', { purchaseId })}`} underline="hover">
            {translate('tandem.shop.purchaseRows')}
          </MuiLink>
        ) : null}
        {transferId ? (
          <MuiLink href={`#${listLink('ledger', { transferId })}`} underline="hover">
            {translate('tandem.shop.transferSides')}
          </MuiLink>
        ) : null}
      </Stack>
    </Labeled>
  );
}
