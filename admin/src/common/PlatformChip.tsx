import { Chip, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { IdentityRecord, Platform } from '../api/records.ts';
import { brand } from '../layout/theme.ts';

const platformLooks: Record<Platform, { label: string; color: string }> = {
  telegram: { label: 'Telegram', color: brand.telegram },
  discord: { label: 'Discord', color: brand.discord },
};

export function PlatformChip({ platform, detail }: { platform: string; detail?: string | null }) {
  const look = platformLooks[platform as Platform] ?? { label: platform, color: '#868e96' };
  const chip = (
    <Chip
      size="small"
      label={detail ? `${look.label} · ${detail}` : look.label}
      sx={{ bgcolor: look.color, color: '#fff', fontWeight: 600, maxWidth: 220 }}
    />
  );
  return detail ? <Tooltip title={`${look.label} account ${detail}`}>{chip}</Tooltip> : chip;
}

/** A player's linked identities as platform chips (with the platform username when known). */
export function IdentitiesField({ showNames = false }: { showNames?: boolean; label?: string }) {
  const translate = useTranslate();
  const record = useRecordContext<{ identities?: IdentityRecord[] }>();
  const identities = record?.identities ?? [];
  if (identities.length === 0) {
    return <Chip size="small" variant="outlined" label={translate('tandem.common.noPlatform')} />;
  }
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {identities.map((identity) => (
        <PlatformChip
          key={`${identity.platform}-${identity.platformUserId}`}
          platform={identity.platform}
          detail={showNames ? (identity.username ?? identity.platformUserId) : undefined}
        />
      ))}
    </span>
  );
}

/** A `platform` field as a chip. */
export function PlatformField({ source = 'platform' }: { source?: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  const value = record?.[source];
  return typeof value === 'string' ? <PlatformChip platform={value} /> : null;
}
