import type { Validator } from 'react-admin';
import { type DirectoryChoices, DirectoryInput } from './DirectoryInput.tsx';
import { type ChannelKind, channelChoices } from './guild-directory.ts';
import { channelView } from './views.tsx';

export interface DiscordChannelInputProps {
  source: string;
  label: string;
  helperText?: string;
  /** Text channels (messages) or voice channels (calls). */
  kind: ChannelKind;
  validate?: Validator[];
}

/** The server's channels of a kind, by name under their category. */
function channelsOfKind(kind: ChannelKind): DirectoryChoices {
  return {
    grouped: true,
    choices: (directory, chosen) => channelChoices(directory, kind, chosen).map((choice) => choice.id),
    view: channelView,
    unknownHintKey: 'tandem.discord.unknownChannelHint',
  };
}

/**
 * One of the Discord server's channels of a kind, by name under its category; null for none. When
 * the server cannot be listed, its id is typed as before, with a note saying why.
 */
export function DiscordChannelInput({ kind, ...props }: DiscordChannelInputProps) {
  return <DirectoryInput {...props} offered={channelsOfKind(kind)} />;
}
