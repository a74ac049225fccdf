import { Chip, type ChipProps, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatNumber } from '../common/amounts.tsx';
import { useFormatDateTime } from '../common/dates.tsx';
import type { PurchaseRecord, PurchaseStatus, ShopItemRecord } from './shop-records.ts';

const tones: Record<PurchaseStatus, NonNullable<ChipProps['color']>> = {
  pending: 'warning',
  granted: 'success',
  failed: 'error',
  refunded: 'default',
  expired: 'default',
};

/** A purchase's state: what waits for an admin is amber, what was handed over green. */
export function PurchaseStatusField(_props: { label?: string }) {
  const translate = useTranslate();
  const status = useRecordContext<PurchaseRecord>()?.status;
  if (!status) return null;
  return (
    <Chip
      size="small"
      label={translate(`tandem.shop.status.${status}`, { _: status })}
      color={tones[status] ?? 'default'}
      variant={status === 'pending' || status === 'failed' ? 'filled' : 'outlined'}
      data-status={status}
    />
  );
}

/** "3 left · 2 sold", or "Unlimited · 2 sold". */
export function StockCell() {
  const translate = useTranslate();
  const item = useRecordContext<ShopItemRecord>();
  if (!item) return null;
  const left =
    item.stock === null
      ? translate('tandem.shop.unlimited')
      : translate('tandem.shop.left', { count: formatNumber(Math.max(0, item.stock - item.sold)) });
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {left} · {translate('tandem.shop.sold', { count: formatNumber(item.sold) })}
    </span>
  );
}

/** From – until, either end open. */
export function WindowCell() {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const item = useRecordContext<ShopItemRecord>();
  if (!item) return null;
  if (!item.availableFrom && !item.availableUntil) {
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        {translate('tandem.shop.always')}
      </Typography>
    );
  }
  const from = item.availableFrom ? format(item.availableFrom) : '…';
  const until = item.availableUntil ? format(item.availableUntil) : '…';
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {from} – {until}
    </span>
  );
}

/** The kind, and for a role how long it lasts. */
export function KindCell() {
  const translate = useTranslate();
  const item = useRecordContext<ShopItemRecord>();
  if (!item) return null;
  const kind = translate(`tandem.shop.kind.${item.kind}`, { _: item.kind });
  if (item.kind !== 'discord_role') return <span>{kind}</span>;
  const term =
    item.durationDays === null
      ? translate('tandem.shop.forGoodInline')
      : translate('tandem.shop.days', { smart_count: item.durationDays });
  return (
    <span>
      {kind} ({term})
    </span>
  );
}
