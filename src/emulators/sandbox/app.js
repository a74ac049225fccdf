import { DISCORD_EVENT_KINDS, discordApi, loadConfig, telegramApi } from './api.js';
import { mountDiscordPane } from './discord-pane.js';
import { h } from './dom.js';
import { mountTelegramPane } from './telegram-pane.js';

const telegramRoot = document.getElementById('telegram');
const discordRoot = document.getElementById('discord');

try {
  const config = await loadConfig(location.href);
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
