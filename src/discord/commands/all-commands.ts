import { announcementsCommand } from './announcements.ts';
import { dailyCommand } from './daily.ts';
import { helpCommand } from './help.ts';
import { languageCommand } from './language.ts';
import { linkCommand } from './link.ts';
import { pagerCommand } from './pager.ts';
import { payCommand } from './pay.ts';
import { privacyCommand } from './privacy.ts';
import { profileCommand } from './profile.ts';
import { shopCommand } from './shop.ts';
import type { SlashCommand } from './slash-command.ts';
import { syncCommand } from './sync.ts';
import { topCommand } from './top.ts';
import { unlinkCommand } from './unlink.ts';

/** Every slash command, validated by loadSlashCommands and registered at start. */
export const slashCommands: readonly SlashCommand[] = [
  profileCommand,
  dailyCommand,
  topCommand,
  shopCommand,
  payCommand,
  linkCommand,
  unlinkCommand,
  syncCommand,
  languageCommand,
  announcementsCommand,
  privacyCommand,
  helpCommand,
  pagerCommand,
];
