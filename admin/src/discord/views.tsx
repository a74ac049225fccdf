import CampaignIcon from '@mui/icons-material/Campaign';
import ForumIcon from '@mui/icons-material/Forum';
import TagIcon from '@mui/icons-material/Tag';
import VolumeUpIcon from '@mui/icons-material/VolumeUp';
import type { TranslateFunction } from 'react-admin';
import type { ChoiceView } from './DiscordPicker.tsx';
import { channelName, roleProblemText } from './discord-words.ts';
import {
  type DirectoryIndex,
  type DiscordChannelType,
  type GuildDirectory,
  roleColour,
} from './guild-directory.ts';

/**
 * How a role id shows in a picker: name, colour and position; with `assignableOnly` (a role Tandem
 * gives, as ranks and achievements do), a role it cannot give is listed but not offered, with why.
 */
export function roleView(
  translate: TranslateFunction,
  index: DirectoryIndex,
  options: { assignableOnly: boolean; bot?: GuildDirectory['bot'] },
): (id: string) => ChoiceView {
  return (id) => {
    const role = index.roles.get(id);
    if (!role) return { label: translate('tandem.discord.unknownRole', { id }), unknown: true };
    return {
      label: role.name,
      colour: roleColour(role.color),
      detail: translate('tandem.discord.position', { position: role.position }),
      unknown: false,
      disabledReason:
        options.assignableOnly && !role.assignable
          ? roleProblemText(translate, role, options.bot)
          : undefined,
    };
  };
}

const channelIcons: Partial<Record<DiscordChannelType, typeof TagIcon>> = {
  text: TagIcon,
  announcement: CampaignIcon,
  forum: ForumIcon,
  voice: VolumeUpIcon,
  stage: VolumeUpIcon,
};

export function ChannelIcon({ type }: { type: DiscordChannelType }) {
  const Icon = channelIcons[type] ?? TagIcon;
  return <Icon sx={{ fontSize: 16, color: 'text.secondary' }} />;
}

/** How a channel id shows in a picker: its name and kind, under its category. */
export function channelView(translate: TranslateFunction, index: DirectoryIndex): (id: string) => ChoiceView {
  return (id) => {
    const channel = index.channels.get(id);
    if (!channel) {
      return { label: translate('tandem.discord.unknownChannel', { id }), unknown: true };
    }
    const category = channel.parentId ? index.channels.get(channel.parentId)?.name : undefined;
    return {
      label: channelName(channel),
      icon: <ChannelIcon type={channel.type} />,
      unknown: false,
      group: category ?? '',
    };
  };
}
