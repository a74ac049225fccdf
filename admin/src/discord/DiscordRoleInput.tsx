import type { Validator } from 'react-admin';
import { type DirectoryChoices, DirectoryInput, DirectoryListInput } from './DirectoryInput.tsx';
import { roleChoices } from './guild-directory.ts';
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

/** The server's roles, by name, colour and position, highest first. */
function roles(assignableOnly: boolean): DirectoryChoices {
  return {
    choices: (directory, chosen) => roleChoices(directory, chosen),
    view: (translate, index, directory) =>
      roleView(translate, index, { assignableOnly, bot: directory?.bot }),
    unknownHintKey: 'tandem.discord.unknownRoleHint',
  };
}

/**
 * One of the Discord server's roles, by name, colour and position, highest first; null for none.
 * When the server cannot be listed, its id is typed as before, with a note saying why.
 */
export function DiscordRoleInput({ assignableOnly = true, ...props }: DiscordRoleInputProps) {
  return <DirectoryInput {...props} offered={roles(assignableOnly)} />;
}

/** Several of the server's roles (e.g. the roles that earn no XP). */
export function DiscordRoleListInput({
  assignableOnly = false,
  ...props
}: Omit<DiscordRoleInputProps, 'validate'>) {
  return <DirectoryListInput {...props} offered={roles(assignableOnly)} />;
}
