import { Typography } from '@mui/material';
import { useFieldValue, useTranslate } from 'react-admin';
import { DiscordChannelName, DiscordRoleName } from './DiscordName.tsx';

export interface DiscordFieldProps {
  source: string;
  /** Read by show layouts and lists for the label. */
  label?: string;
  /** What to show when no id is stored. @defaultValue "—" */
  emptyText?: string;
}

function Empty({ text }: { text?: string }) {
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {text ? translate(text, { _: text }) : '—'}
    </Typography>
  );
}

/** The record's Discord role (`source` holds its id) by colour and name; the id in a tooltip. */
export function DiscordRoleField({ source, emptyText }: DiscordFieldProps) {
  const id = useFieldValue({ source });
  if (typeof id !== 'string' || id === '') return <Empty text={emptyText} />;
  return <DiscordRoleName id={id} />;
}

/** The record's Discord channel (`source` holds its id) by kind and name; the id in a tooltip. */
export function DiscordChannelField({ source, emptyText }: DiscordFieldProps) {
  const id = useFieldValue({ source });
  if (typeof id !== 'string' || id === '') return <Empty text={emptyText} />;
  return <DiscordChannelName id={id} />;
}
