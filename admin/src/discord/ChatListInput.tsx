import TelegramIcon from '@mui/icons-material/Telegram';
import type { TranslateFunction } from 'react-admin';
import { type TelegramGroups, useTelegramGroups } from '../telegram-chats/use-telegram-groups.ts';
import { DirectoryListInput } from './DirectoryInput.tsx';
import type { ChoiceView } from './DiscordPicker.tsx';
import { channelChoices, type DirectoryIndex } from './guild-directory.ts';
import { channelView } from './views.tsx';

/**
 * How a chat id shows where both platforms' chats are taken (message XP is earned in Discord text
 * channels and Telegram groups alike): a Telegram group by its title, else a Discord channel.
 */
export function chatView(groups: TelegramGroups) {
  return (translate: TranslateFunction, index: DirectoryIndex) => {
    const discord = channelView(translate, index);
    return (id: string): ChoiceView => {
      const group = groups.byId.get(id);
      if (!group) return discord(id);
      return {
        label: group.title,
        icon: <TelegramIcon sx={{ fontSize: 16, color: 'text.secondary' }} />,
        unknown: false,
        group: 'Telegram',
      };
    };
  };
}

/**
 * Several chats where messages earn nothing: the Discord server's text channels under their
 * categories, then the Telegram groups the bot is in, by title. The ids stay as stored (a Telegram
 * group's is negative).
 */
export function ChatListInput(props: { source: string; label: string; helperText?: string }) {
  const groups = useTelegramGroups();
  return (
    <DirectoryListInput
      {...props}
      offered={{
        grouped: true,
        choices: (directory, chosen) => {
          const isGroup = (id: string) => groups.byId.has(id);
          const discord = channelChoices(
            directory,
            'text',
            chosen.filter((id) => !isGroup(id)),
          );
          const telegram = groups.current.map((group) => group.id);
          const gone = chosen.filter((id) => isGroup(id) && !telegram.includes(id));
          return [...discord.map((choice) => choice.id), ...telegram, ...gone];
        },
        view: chatView(groups),
        unknownHintKey: 'tandem.discord.unknownChannelHint',
      }}
    />
  );
}
