import { useMemo } from 'react';
import { useTranslate, type Validator } from 'react-admin';
import { discordIdRule } from '../common/validators.ts';
import { DiscordMultiPicker, DiscordPicker } from './DiscordPicker.tsx';
import { notReadyText } from './discord-words.ts';
import { type ChannelKind, channelChoices, indexDirectory } from './guild-directory.ts';
import { TypedIdInput } from './TypedIdInput.tsx';
import { useGuildDirectory } from './use-guild-directory.ts';
import { channelView } from './views.tsx';

export interface DiscordChannelInputProps {
  source: string;
  label: string;
  helperText?: string;
  /** Text channels (messages) or voice channels (calls). */
  kind: ChannelKind;
  validate?: Validator[];
}

function useChannelPicker(props: DiscordChannelInputProps) {
  const translate = useTranslate();
  const state = useGuildDirectory();
  const index = useMemo(() => indexDirectory(state.directory), [state.directory]);
  return {
    state,
    note: notReadyText(translate, state),
    validate: [discordIdRule, ...(props.validate ?? [])],
    picker: {
      source: props.source,
      label: props.label,
      helperText: props.helperText,
      loading: state.loading,
      grouped: true,
      choices: (chosen: string[]) =>
        channelChoices(state.directory, props.kind, chosen).map((choice) => choice.id),
      view: channelView(translate, index),
      unknownHint: translate('tandem.discord.unknownChannelHint'),
    },
  };
}

/**
 * One of the Discord server's channels of a kind, by name under its category; null for none. When
 * the server cannot be listed, its id is typed as before, with a note saying why.
 */
export function DiscordChannelInput(props: DiscordChannelInputProps) {
  const { state, note, validate, picker } = useChannelPicker(props);
  if (state.notReady) {
    return (
      <TypedIdInput
        source={props.source}
        label={props.label}
        helperText={props.helperText}
        note={note}
        validate={validate}
      />
    );
  }
  return <DiscordPicker {...picker} validate={validate} />;
}

/** Several of the server's channels of a kind (e.g. the channels that earn no XP). */
export function DiscordChannelListInput(props: Omit<DiscordChannelInputProps, 'validate'>) {
  const { state, note, picker } = useChannelPicker(props);
  if (state.notReady) {
    return (
      <TypedIdInput
        multiple
        source={props.source}
        label={props.label}
        helperText={props.helperText}
        note={note}
      />
    );
  }
  return <DiscordMultiPicker {...picker} />;
}
