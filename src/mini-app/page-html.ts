import { readFileSync } from 'node:fs';
import { pageTextsOf } from '../texts/page-texts.ts';
import { miniAppPageDir } from './page-dir.ts';

/** Where index.html takes the page's texts. */
const textsMarker = '<!-- page-texts -->';

/**
 * The Mini App's index.html with its words in every language (`page.app.*` of the pages locale
 * files) as a JSON data block: the page needs them before it knows its player (to say "open this
 * from Telegram" to no one), and picks the language once it does. A data block is not a script, so
 * the page's content security policy holds; `<` is escaped so no text can close the block.
 */
export function miniAppIndexHtml(): string {
  const html = readFileSync(`${miniAppPageDir}index.html`, 'utf8');
  if (!html.includes(textsMarker)) throw new Error(`The Mini App's index.html lacks ${textsMarker}`);
  const json = JSON.stringify(pageTextsOf('app')).replaceAll('<', '\\u003c');
  return html.replace(textsMarker, `<script type="application/json" id="page-texts">${json}</script>`);
}
