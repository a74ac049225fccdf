import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { type ReactNode, useState } from 'react';
import { useTranslate } from 'react-admin';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  /** The label of the text field; the note is required when `required`. */
  label: string;
  confirmLabel: string;
  confirmColor?: 'primary' | 'error' | 'success' | 'warning';
  required?: boolean;
  busy?: boolean;
  onConfirm(note: string): void;
  onClose(): void;
}

/** A confirmation that asks why (a rejection note, a decline reason): the note reaches the player. */
export function ReasonDialog(props: ReasonDialogProps) {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = props.required === true && note.trim().length === 0;
  const close = () => {
    if (props.busy) return;
    setNote('');
    setTouched(false);
    props.onClose();
  };
  return (
    <Dialog open={props.open} onClose={close} fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!missing) props.onConfirm(note.trim());
        }}
      >
        <DialogTitle>{translate(props.title, { _: props.title })}</DialogTitle>
        <DialogContent>
          {props.description ? (
            <DialogContentText sx={{ mb: 1 }}>{props.description}</DialogContentText>
          ) : null}
          <TextField
            autoFocus
            multiline
            minRows={2}
            label={translate(props.label, { _: props.label })}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            error={touched && missing}
            helperText={touched && missing ? translate('tandem.common.sayWhy') : ' '}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={close} disabled={props.busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={props.confirmColor ?? 'primary'}
            disabled={props.busy}
            startIcon={props.busy ? <CircularProgress size={16} color="inherit" /> : null}
          >
            {translate(props.confirmLabel, { _: props.confirmLabel })}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
