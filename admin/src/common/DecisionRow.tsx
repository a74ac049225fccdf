import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Button, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

interface Choice {
  /** A translation key. */
  label: string;
  onClick: () => void;
  icon?: ReactNode;
}

/**
 * The two buttons of a pending decision (approve or reject a submission, a payout; fulfil or refund a
 * purchase): the one that goes ahead in green, the one that turns it down in red, right-aligned, with
 * the dialogs they open as children. A click here never opens the row the buttons sit in.
 */
export function DecisionRow({
  size,
  busy,
  accept,
  refuse,
  children,
}: {
  size: 'small' | 'medium';
  /** Either decision is on its way: both buttons wait. */
  busy: boolean;
  accept: Choice;
  refuse: Choice;
  children?: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Stack
      direction="row"
      spacing={1}
      onClick={(event) => event.stopPropagation()}
      sx={{ justifyContent: 'flex-end' }}
    >
      <Button
        size={size}
        variant="contained"
        color="success"
        startIcon={accept.icon ?? <CheckIcon />}
        disabled={busy}
        onClick={accept.onClick}
      >
        {translate(accept.label)}
      </Button>
      <Button
        size={size}
        color="error"
        startIcon={refuse.icon ?? <CloseIcon />}
        disabled={busy}
        onClick={refuse.onClick}
      >
        {translate(refuse.label)}
      </Button>
      {children}
    </Stack>
  );
}
