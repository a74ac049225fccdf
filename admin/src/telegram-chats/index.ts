import GroupsIcon from '@mui/icons-material/Groups';
import type { ResourceProps } from 'react-admin';
import { TelegramChatList } from './TelegramChatList.tsx';

/** Read-only: Tandem's Telegram bot writes it from what Telegram tells it about its groups. */
export const telegramChats: ResourceProps = {
  name: 'telegram-chats',
  icon: GroupsIcon,
  list: TelegramChatList,
};
