import { useMemo } from 'react';
import { useTranslate, type Validator } from 'react-admin';
import { discordIdRule } from '../common/validators.ts';
import { DiscordMultiPicker, DiscordPicker } from './DiscordPicker.tsx';
import { notReadyText } from './discord-words.ts';
import { indexDirectory, roleChoices } from './guild-directory.ts';
import { TypedIdInput } from './TypedIdInput.tsx';
import { useGuildDirectory } from './use-guild-directory.ts';
import { roleView } from './views.tsx';

export interface DiscordRoleInputProps {
  source: string;
  label: string;
  helperText?: string;
  /** Rules besides "a Discord id" (e.g. required). */
  validate?: Validator[];
  /**
   * Only roles Tandem can give and take may be chosen (ranks, achievements); roles it only reads
   * (no-XP roles, multipliers) need not be below its own. @defaultValue true
   */
  assignableOnly?: boolean;
}

function useRolePicker(props: DiscordRoleInputProps) {
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
      choices: (chosen: string[]) => roleChoices(state.directory, chosen),
      view: roleView(translate, index, {
        assignableOnly: props.assignableOnly ?? true,
        bot: state.directory?.bot,
      }),
      unknownHint: translate('tandem.discord.unknownRoleHint'),
    },
  };
}

/**
 * One of the Discord server's roles, by name, colour and position, highest first; null for none.
 * When the server cannot be listed, its id is typed as before, with a note saying why.
 */
export function DiscordRoleInput(props: DiscordRoleInputProps) {
  const { state, note, validate, picker } = useRolePicker(props);
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

/** Several of the server's roles (e.g. the roles that earn no XP). */
export function DiscordRoleListInput(props: Omit<DiscordRoleInputProps, 'validate'>) {
  const { state, note, picker } = useRolePicker({ assignableOnly: false, ...props });
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
