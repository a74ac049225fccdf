import { escapeMarkdown } from 'discord.js';

/**
 * A name players chose (a display name, a username), escaped so that Discord shows it exactly as
 * written: `[Free Nitro](https://evil.example) **STAFF**` must not become a masked link in bold on
 * the public leaderboard. Tandem's replies are plain text, so only the names inside them need this.
 * Names are one line: a line break (an admin's rename may hold one) would start a heading or a quote.
 */
export function nameAsText(name: string): string {
  const oneLine = name.replace(/\s*[\r\n]+\s*/g, ' ');
  const escaped = escapeMarkdown(oneLine, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  // `<@id>`, `<#id>`, `<:emoji:id>` and `<t:...>` render as mentions, channels, emoji and times.
  return escaped.replace(/</g, '\\<');
}
