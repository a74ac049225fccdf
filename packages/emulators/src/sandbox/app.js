import { DISCORD_EVENT_KINDS, discordApi, sandboxEndpoints, telegramApi } from './api.js';
import { mountDiscordPane } from './discord-pane.js';
import { h } from './dom.js';
import { mountTelegramPane } from './telegram-pane.js';

const telegramRoot = document.getElementById('telegram');
const discordRoot = document.getElementById('discord');

try {
  // Read again whenever a stream is lost: a restarted `npm start` puts the emulators on new ports.
  const endpoints = await sandboxEndpoints(location.href);
  const { current, refresh } = endpoints;
  showLinks(current.links ?? []);
  mountTelegramPane(
    telegramRoot,
    telegramApi(() => current.telegramControlUrl, { refresh }),
  );
  mountDiscordPane(
    discordRoot,
    discordApi(() => current.discordControlUrl, { refresh }),
    DISCORD_EVENT_KINDS,
  );
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
