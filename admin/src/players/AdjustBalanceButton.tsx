import TuneIcon from '@mui/icons-material/Tune';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { HttpError, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { errorMessage } from '../api/http.ts';
import type { PlayerRecord } from '../api/records.ts';
import { formatDelta, formatNumber } from '../common/amounts.tsx';
import { useAction } from '../common/use-action.ts';

interface Draft {
  xpDelta: string;
  coinDelta: string;
  reason: string;
}

const emptyDraft: Draft = { xpDelta: '0', coinDelta: '0', reason: '' };

function parseWhole(text: string): number | null {
  const trimmed = text.trim().replace('−', '-');
  if (!/^[-+]?\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}

function check(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  const xp = parseWhole(draft.xpDelta);
  const coins = parseWhole(draft.coinDelta);
  if (xp === null) errors.xpDelta = 'tandem.players.wholeXp';
  if (coins === null) errors.coinDelta = 'tandem.players.wholeCoins';
  if (xp === 0 && coins === 0) errors.xpDelta = 'tandem.players.changeSomething';
  if (draft.reason.trim().length === 0) errors.reason = 'tandem.players.sayWhy';
  return errors;
}

/**
 * Adds or takes XP and coins by hand. The engine records it like any other event (a ledger row with
 * the admin and the reason), so totals, rank roles and achievements follow; nothing edits totals.
 * One id per opened dialog makes a double click a single change.
 */
export function AdjustBalanceButton() {
  const translate = useTranslate();
  const player = useRecordContext<PlayerRecord>();
  const { canAccess } = useCanAccess({ resource: 'players', action: 'adjust' });
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [requestId, setRequestId] = useState('');
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const adjust = useAction<{ xpDelta: number; coinDelta: number; reason: string }>({
    run: (dataProvider, input) => dataProvider.adjustPlayer(player?.id ?? '', { ...input, requestId }),
    success: (input) => {
      const parts = [
        input.xpDelta ? `${formatDelta(input.xpDelta)} XP` : '',
        input.coinDelta
          ? translate('tandem.players.coinsDelta', {
              amount: formatDelta(input.coinDelta),
              smart_count: Math.abs(input.coinDelta),
            })
          : '',
      ].filter(Boolean);
      return translate('tandem.players.adjusted', {
        changes: parts.join(translate('tandem.players.and')),
        name: player?.displayName,
      });
    },
    refresh: ['players', 'ledger', 'sync_events'],
    onSuccess: () => setOpen(false),
    quietErrors: true,
  });

  if (!player || !canAccess || player.mergedIntoId) return null;

  const errors = { ...check(draft), ...serverErrors };
  const show = (field: keyof Draft) => {
    const message = touched || field in serverErrors ? errors[field] : undefined;
    return message ? translate(message, { _: message }) : undefined;
  };
  const update = (field: keyof Draft) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setDraft({ ...draft, [field]: event.target.value });
    setServerErrors({});
  };

  const openDialog = () => {
    setDraft(emptyDraft);
    setTouched(false);
    setServerErrors({});
    setFailure(null);
    setRequestId(crypto.randomUUID());
    setOpen(true);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(check(draft)).length > 0) return;
    setFailure(null);
    adjust.mutate(
      {
        xpDelta: parseWhole(draft.xpDelta) ?? 0,
        coinDelta: parseWhole(draft.coinDelta) ?? 0,
        reason: draft.reason.trim(),
      },
      {
        onError: (error) => {
          const fields =
            error instanceof HttpError && error.body?.errors
              ? Object.entries(error.body.errors as Record<string, unknown>).filter(
                  (entry): entry is [string, string] => typeof entry[1] === 'string',
                )
              : [];
          // Field errors show next to their field; only what belongs to no field goes on top.
          if (fields.length > 0) setServerErrors(Object.fromEntries(fields));
          else setFailure(errorMessage(error));
        },
      },
    );
  };

  return (
    <>
      <Button startIcon={<TuneIcon />} onClick={openDialog} size="small">
        {translate('tandem.players.adjust')}
      </Button>
      <Dialog open={open} onClose={() => !adjust.isPending && setOpen(false)} fullWidth maxWidth="sm">
        <form onSubmit={submit} noValidate>
          <DialogTitle>{translate('tandem.players.adjustTitle', { name: player.displayName })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate('tandem.players.adjustHint', {
                xp: formatNumber(player.xp),
                coins: formatNumber(player.balance),
              })}
            </DialogContentText>
            {failure ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {translate(failure, { _: failure })}
              </Alert>
            ) : null}
            <Box sx={{ display: 'flex', gap: 2 }}>
              <TextField
                label={translate('resources.ledger.fields.xpDelta2')}
                name="xpDelta"
                value={draft.xpDelta}
                onChange={update('xpDelta')}
                error={Boolean(show('xpDelta'))}
                helperText={show('xpDelta') ?? ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
              <TextField
                label={translate('resources.ledger.fields.coinDelta2')}
                name="coinDelta"
                value={draft.coinDelta}
                onChange={update('coinDelta')}
                error={Boolean(show('coinDelta'))}
                helperText={show('coinDelta') ?? ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
            </Box>
            <TextField
              label={translate('resources.ledger.fields.reason')}
              name="reason"
              value={draft.reason}
              onChange={update('reason')}
              multiline
              minRows={2}
              error={Boolean(show('reason'))}
              helperText={show('reason') ?? translate('tandem.players.keptInLedger')}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={() => setOpen(false)} disabled={adjust.isPending}>
              {translate('ra.action.cancel')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              disabled={adjust.isPending}
              startIcon={adjust.isPending ? <CircularProgress size={16} color="inherit" /> : null}
            >
              {translate('tandem.players.recordAdjustment')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
