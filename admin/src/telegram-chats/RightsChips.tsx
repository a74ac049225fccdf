import { Chip, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

export interface TelegramChatRecord {
  id: string;
  title: string;
  type: 'group' | 'supergroup' | 'channel';
  status: 'member' | 'administrator' | 'restricted' | 'left' | 'kicked';
  rights: Record<string, boolean> | null;
  updatedAt: string;
}

/** The order an admin reads rights in: what matters for Tandem (posting, pinning, deleting) first. */
const rightOrder = [
  'canPostMessages',
  'canEditMessages',
  'canPinMessages',
  'canDeleteMessages',
  'canRestrictMembers',
  'canInviteUsers',
  'canChangeInfo',
  'canManageTopics',
  'canPromoteMembers',
  'canManageVideoChats',
  'canManageChat',
  'isAnonymous',
];
const rank = (name: string) => {
  const index = rightOrder.indexOf(name);
  return index < 0 ? rightOrder.length : index;
};

/** The rights the bot holds, one chip each; stories' rights are left out (Tandem posts none). */
export function RightsChips() {
  const chat = useRecordContext<TelegramChatRecord>();
  const translate = useTranslate();
  const granted = Object.entries(chat?.rights ?? {})
    .filter(([name, value]) => value && !name.includes('Stories'))
    .map(([name]) => name)
    .sort((a, b) => rank(a) - rank(b));
  if (granted.length === 0) {
    return (
      <Typography variant="body2" color="text.disabled">
        —
      </Typography>
    );
  }
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {granted.map((name) => (
        <Chip
          key={name}
          size="small"
          variant="outlined"
          label={translate(`tandem.telegramChats.rights.${name}`, { _: name })}
        />
      ))}
    </Stack>
  );
}

const statusTones = {
  administrator: 'success',
  member: 'info',
  restricted: 'warning',
  left: 'default',
  kicked: 'error',
} as const;

/** The bot's standing: green when it is an administrator, as Tandem needs it to be. */
export function BotStatusChip() {
  const chat = useRecordContext<TelegramChatRecord>();
  const translate = useTranslate();
  if (!chat) return null;
  return (
    <Chip
      size="small"
      color={statusTones[chat.status] ?? 'default'}
      variant={chat.status === 'administrator' ? 'filled' : 'outlined'}
      label={translate(`tandem.telegramChats.status.${chat.status}`, { _: chat.status })}
      data-status={chat.status}
    />
  );
}
