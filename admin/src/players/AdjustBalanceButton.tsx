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
import { HttpError, useCanAccess, useRecordContext } from 'react-admin';
import { errorMessage } from '../api/http.ts';
import type { PlayerRecord } from '../api/records.ts';
import { formatDelta } from '../common/amounts.tsx';
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
  if (xp === null) errors.xpDelta = 'A whole number, e.g. 50 or -20.';
  if (coins === null) errors.coinDelta = 'A whole number, e.g. 100 or -10.';
  if (xp === 0 && coins === 0) errors.xpDelta = 'Change XP, coins or both.';
  if (draft.reason.trim().length === 0) errors.reason = 'Say why: it is kept in the ledger with your name.';
  return errors;
}

/**
 * Adds or takes XP and coins by hand. The engine records it like any other event (a ledger row with
 * the admin and the reason), so totals, rank roles and achievements follow; nothing edits totals.
 * One id per opened dialog makes a double click a single change.
 */
export function AdjustBalanceButton() {
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
        input.coinDelta ? `${formatDelta(input.coinDelta)} coins` : '',
      ].filter(Boolean);
      return `Recorded ${parts.join(' and ')} for ${player?.displayName}.`;
    },
    refresh: ['players', 'ledger', 'sync_events'],
    onSuccess: () => setOpen(false),
    quietErrors: true,
  });

  if (!player || !canAccess || player.mergedIntoId) return null;

  const errors = { ...check(draft), ...serverErrors };
  const show = (field: keyof Draft) => (touched || field in serverErrors ? errors[field] : undefined);
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
        Adjust XP / coins
      </Button>
      <Dialog open={open} onClose={() => !adjust.isPending && setOpen(false)} fullWidth maxWidth="sm">
        <form onSubmit={submit} noValidate>
          <DialogTitle>Adjust {player.displayName}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              Now {player.xp.toLocaleString('en-US')} XP and {player.balance.toLocaleString('en-US')} coins.
              Use a negative number to take some away; a player can never go below zero.
            </DialogContentText>
            {failure ? (
              <Alert severity="error" sx={{ mb: 2 }}>
                {failure}
              </Alert>
            ) : null}
            <Box sx={{ display: 'flex', gap: 2 }}>
              <TextField
                label="XP change"
                name="xpDelta"
                value={draft.xpDelta}
                onChange={update('xpDelta')}
                error={Boolean(show('xpDelta'))}
                helperText={show('xpDelta') ?? ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
              <TextField
                label="Coin change"
                name="coinDelta"
                value={draft.coinDelta}
                onChange={update('coinDelta')}
                error={Boolean(show('coinDelta'))}
                helperText={show('coinDelta') ?? ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
            </Box>
            <TextField
              label="Reason"
              name="reason"
              value={draft.reason}
              onChange={update('reason')}
              multiline
              minRows={2}
              error={Boolean(show('reason'))}
              helperText={show('reason') ?? 'Kept in the ledger with your name.'}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={() => setOpen(false)} disabled={adjust.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant="contained"
              disabled={adjust.isPending}
              startIcon={adjust.isPending ? <CircularProgress size={16} color="inherit" /> : null}
            >
              Record adjustment
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
