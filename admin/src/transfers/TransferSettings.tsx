import { Link as MuiLink, Typography } from '@mui/material';
import { maxValue, minValue, NumberField, NumberInput, number, required, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { wholeNumber } from '../common/validators.ts';
import { listLink } from '../dashboard/list-link.ts';
import { SettingEditPage, SettingShowPage } from '../settings/SettingPage.tsx';

/** The ledger filtered to transfers: both sides of each, newest first. */
export const transfersInLedger = `#${listLink('ledger', { reason: ['transfer_out', 'transfer_in'] })}`;

function LedgerLink() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" sx={{ mb: 2, maxWidth: 640 }}>
      <MuiLink href={transfersInLedger} underline="hover">
        {translate('tandem.transfers.seeInLedger')}
      </MuiLink>
    </Typography>
  );
}

/** Says in words what a daily limit of 0 does before the admin saves it. */
function OffNote() {
  const translate = useTranslate();
  const limit = useWatch({ name: 'dailyLimit' });
  if (limit !== 0) return null;
  return (
    <Typography variant="body2" color="warning.main" sx={{ mb: 2 }}>
      {translate('tandem.transfers.off')}
    </Typography>
  );
}

/**
 * The `transfers` setting: how many coins a player may send others a day (0 turns /pay off) and how
 * old an account must be to send any (0: no minimum). Saved over its version; applies at once.
 */
export function TransferSettingsEdit() {
  return (
    <SettingEditPage id="transfers" title="tandem.transfers.title" hint="tandem.transfers.hint">
      <NumberInput
        source="dailyLimit"
        label="tandem.transfers.dailyLimit"
        helperText="tandem.transfers.dailyLimitHint"
        sx={{ maxWidth: 420 }}
        validate={[required(), number(), wholeNumber, minValue(0), maxValue(1_000_000)]}
      />
      <OffNote />
      <NumberInput
        source="minAccountAgeDays"
        label="tandem.transfers.minAccountAgeDays"
        helperText="tandem.transfers.minAccountAgeHint"
        sx={{ maxWidth: 420 }}
        validate={[required(), number(), wholeNumber, minValue(0), maxValue(3650)]}
      />
      <LedgerLink />
    </SettingEditPage>
  );
}

export function TransferSettingsShow() {
  return (
    <SettingShowPage id="transfers" title="tandem.transfers.title" hint="tandem.transfers.hint">
      <NumberField source="dailyLimit" label="tandem.transfers.dailyLimit" />
      <NumberField source="minAccountAgeDays" label="tandem.transfers.minAccountAgeDays" />
      <LedgerLink />
    </SettingShowPage>
  );
}
