import { useMemo } from 'react';
import { type TranslateFunction, useTranslate, type Validator } from 'react-admin';
import { discordIdRule } from '../common/validators.ts';
import { type ChoiceView, DiscordMultiPicker, DiscordPicker } from './DiscordPicker.tsx';
import { notReadyText } from './discord-words.ts';
import { type DirectoryIndex, type GuildDirectory, indexDirectory } from './guild-directory.ts';
import { TypedIdInput } from './TypedIdInput.tsx';
import { useGuildDirectory } from './use-guild-directory.ts';

/** What one kind of input (roles, channels of a kind) offers from the server's directory. */
export interface DirectoryChoices {
  /** The ids offered, in the order shown, given the ids chosen now. */
  choices: (directory: GuildDirectory | undefined, chosen: string[]) => string[];
  view: (
    translate: TranslateFunction,
    index: DirectoryIndex,
    directory?: GuildDirectory,
  ) => (id: string) => ChoiceView;
  /** Lists the choices under their headings (a channel's category). @defaultValue false */
  grouped?: boolean;
  /** The panel text key of the warning under a chosen id the server does not have. */
  unknownHintKey: string;
}

export interface DirectoryInputProps {
  source: string;
  label: string;
  helperText?: string;
  /** Rules besides "a Discord id" (e.g. required). */
  validate?: Validator[];
}

function useDirectoryPicker(props: DirectoryInputProps, offered: DirectoryChoices) {
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
      grouped: offered.grouped,
      choices: (chosen: string[]) => offered.choices(state.directory, chosen),
      view: offered.view(translate, index, state.directory),
      unknownHint: translate(offered.unknownHintKey),
    },
  };
}

/**
 * One role or channel of the Discord server, by name; null for none. When the server cannot be
 * listed, its id is typed as before, with a note saying why.
 */
export function DirectoryInput(props: DirectoryInputProps & { offered: DirectoryChoices }) {
  const { state, note, validate, picker } = useDirectoryPicker(props, props.offered);
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

/** Several roles or channels of the server; typed by hand, as a list, when it cannot be listed. */
export function DirectoryListInput(
  props: Omit<DirectoryInputProps, 'validate'> & { offered: DirectoryChoices },
) {
  const { state, note, picker } = useDirectoryPicker(props, props.offered);
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
