import { DISCORD_EVENT_KINDS, discordApi, loadConfig, telegramApi } from './api.js';
import { mountDiscordPane } from './discord-pane.js';
import { h } from './dom.js';
import { mountTelegramPane } from './telegram-pane.js';

const telegramRoot = document.getElementById('telegram');
const discordRoot = document.getElementById('discord');

try {
  const config = await loadConfig(location.href);
  showLinks(config.links ?? []);
  mountTelegramPane(telegramRoot, telegramApi(config.telegramControlUrl));
  mountDiscordPane(discordRoot, discordApi(config.discordControlUrl), DISCORD_EVENT_KINDS);
} catch (error) {
  const message = h(
    'div',
    { class: 'fatal' },
    h('strong', {}, 'The sandbox could not find the emulators. '),
    `config.json did not load (${error.message}). Is \`npm run emulators\` still running?`,
  );
  telegramRoot.replaceChildren(message);
  discordRoot.replaceChildren();
}

/** Pages of whatever runs on the emulators (e.g. Tandem's admin panel), opened in a new tab. */
function showLinks(links) {
  if (links.length === 0) return;
  const nav = h(
    'nav',
    { class: 'topbar-links', 'aria-label': 'Related pages' },
    ...links.map((link) => h('a', { href: link.url, target: '_blank', rel: 'noopener' }, link.label)),
  );
  document.querySelector('.topbar-hint')?.replaceWith(nav);
}
