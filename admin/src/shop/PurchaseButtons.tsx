import UndoIcon from '@mui/icons-material/Undo';
import { useState } from 'react';
import { Confirm, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { Decision } from '../api/data-provider.ts';
import { postJson } from '../api/http.ts';
import { formatNumber } from '../common/amounts.tsx';
import { DecisionRow } from '../common/DecisionRow.tsx';
import { ReasonDialog } from '../common/ReasonDialog.tsx';
import { useAction } from '../common/use-action.ts';
import type { PurchaseRecord } from './shop-records.ts';

const affected = ['shop_purchases', 'shop_items', 'players', 'ledger'];
const path = (id: Decision['id'], action: 'fulfil' | 'refund') =>
  `/shop_purchases/${encodeURIComponent(String(id))}/${action}`;

/**
 * A pending purchase is fulfilled (the item was handed over: the held coins are spent) or refunded
 * with a reason the buyer reads (the hold is voided, the coins go back). The API settles a purchase
 * once, so a double click or a bot's grant racing the admin changes nothing twice; shown only while
 * pending, only to admins.
 */
export function PurchaseButtons({ size = 'small' }: { size?: 'small' | 'medium'; label?: string }) {
  const translate = useTranslate();
  const purchase = useRecordContext<PurchaseRecord>();
  const { canAccess } = useCanAccess({ resource: 'shop_purchases', action: 'fulfil' });
  const [fulfilling, setFulfilling] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const fulfil = useAction<Decision>({
    run: (_dataProvider, decision) => postJson(path(decision.id, 'fulfil'), { version: decision.version }),
    success: 'tandem.shop.fulfilled',
    refresh: affected,
    onSuccess: () => setFulfilling(false),
  });
  const refund = useAction<Decision>({
    run: (_dataProvider, decision) =>
      postJson(path(decision.id, 'refund'), { version: decision.version, note: decision.note }),
    success: 'tandem.shop.refunded',
    refresh: affected,
    onSuccess: () => setRefunding(false),
  });
  if (purchase?.status !== 'pending' || !canAccess) return null;
  const busy = fulfil.isPending || refund.isPending;
  const values = { item: purchase.itemName, who: purchase.playerName, price: formatNumber(purchase.price) };
  return (
    <DecisionRow
      size={size}
      busy={busy}
      accept={{ label: 'tandem.shop.fulfil', onClick: () => setFulfilling(true) }}
      refuse={{ label: 'tandem.shop.refund', icon: <UndoIcon />, onClick: () => setRefunding(true) }}
    >
      <Confirm
        isOpen={fulfilling}
        loading={fulfil.isPending}
        title="tandem.shop.fulfilTitle"
        content="tandem.shop.fulfilHint"
        translateOptions={values}
        confirm="tandem.shop.fulfil"
        onConfirm={() => fulfil.mutate({ id: purchase.id, version: purchase.version })}
        onClose={() => setFulfilling(false)}
      />
      <ReasonDialog
        open={refunding}
        title={translate('tandem.shop.refundTitle', values)}
        description={translate('tandem.shop.refundHint', values)}
        label="tandem.shop.fields.reason"
        confirmLabel="tandem.shop.refund"
        confirmColor="error"
        required
        busy={refund.isPending}
        onConfirm={(note) => refund.mutate({ id: purchase.id, version: purchase.version, note })}
        onClose={() => setRefunding(false)}
      />
    </DecisionRow>
  );
}
