// The Tandem Mini App: the player's profile, the boards, the shop and the tasks, from /api/app. Telegram opens
// it with the signed init data in the URL fragment (#tgWebAppData=...); every call sends it back as
// `Authorization: tma <initData>`. Text is only ever set with textContent: names come from players.
// Its words come with the page (the `page-texts` data block: `page.app.*` of the pages locale files,
// in every language), so it can speak before it knows its player.
import { formatNumber, formatText } from './format.js';

const texts = JSON.parse(document.getElementById('page-texts')?.textContent ?? '{}');
const fragment = new URLSearchParams(window.location.hash.slice(1));
const initData = fragment.get('tgWebAppData') ?? '';
const user = readUser(initData);
/** The client's language until the server says which one the player reads (their /language choice). */
let language = 'en';
useLanguage(user?.language_code);

/** Reads in `tag`'s language when the page has its words; otherwise keeps the current one. */
function useLanguage(tag) {
  const primary = String(tag ?? '')
    .toLowerCase()
    .split(/[-_]/)[0];
  if (Object.hasOwn(texts, primary)) language = primary;
  document.documentElement.lang = language;
}

/** One of the page's texts in the player's language, its placeholders filled. */
function t(key, values) {
  return formatText(texts[language]?.[key] ?? texts.en?.[key] ?? key, values, language);
}

const number = (value) => formatNumber(value, language);

function readUser(raw) {
  try {
    return JSON.parse(new URLSearchParams(raw).get('user') ?? 'null');
  } catch {
    return null;
  }
}

/** Telegram's colours, when it passes them (`tgWebAppThemeParams`). */
function applyTheme() {
  try {
    const theme = JSON.parse(fragment.get('tgWebAppThemeParams') ?? '{}');
    for (const [name, value] of Object.entries(theme)) {
      if (typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value))
        document.documentElement.style.setProperty(
          `--tg-${name.replace(/_color$/, '').replaceAll('_', '-')}`,
          value,
        );
    }
  } catch {
    // No theme: the page's own colours.
  }
}

/** Tells Telegram the app is ready (its loading placeholder goes), without its script. */
function tellTelegramReady() {
  const event = { eventType: 'web_app_ready', eventData: {} };
  if (window.TelegramWebviewProxy) window.TelegramWebviewProxy.postEvent(event.eventType, '{}');
  else if (window.parent !== window)
    window.parent.postMessage(JSON.stringify(event), 'https://web.telegram.org');
}

async function api(path, init = {}) {
  const response = await fetch(`/api/app${path}`, {
    ...init,
    headers: {
      authorization: `tma ${initData}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showProfile(profile) {
  document.getElementById('name').textContent = profile.displayName;
  const stats = document.getElementById('stats');
  const next = profile.nextRank
    ? t('nextRankProgress', {
        rank: profile.nextRank.name,
        xp: number(profile.xpToNextRank),
        percent: number(profile.progressPercent),
      })
    : t('topRank');
  const rows = [
    [t('xp'), number(profile.xp)],
    [t('coins'), number(profile.balance)],
    [t('rank'), profile.rank?.name ?? t('noRank')],
    [t('nextRank'), next],
    [t('streak'), t('streakDays', { days: profile.dailyStreak })],
    [t('achievements'), profile.achievements.map((a) => a.name).join(', ') || t('noAchievements')],
    // Boost events running now, as /profile names them (the end in UTC, as the bots write it).
    ...(profile.activeBoosts ?? []).map((boost) => [
      t('boost'),
      t('boostLine', {
        name: boost.name,
        factor: boost.factor,
        ends: `${String(boost.endsAt).slice(0, 16).replace('T', ' ')} UTC`,
      }),
    ]),
  ];
  stats.replaceChildren(...rows.flatMap(([name, value]) => [element('dt', name), element('dd', value)]));
  document.getElementById('profile').hidden = false;
}

/**
 * The boards: all time (the bot's /top) and each season that has started, the running one first,
 * chosen in a list; a season's board counts the XP gained in its window, and has no rank column.
 */
function showBoards(lifetimeRows, seasons) {
  document.getElementById('board-title').textContent = t('board');
  const choice = document.getElementById('board-choice');
  choice.setAttribute('aria-label', t('boardChoice'));
  const allTime = element('option', t('allTime'));
  allTime.value = '';
  const seasonOptions = seasons.map((season) => {
    const option = element(
      'option',
      t(season.running ? 'currentSeason' : 'pastSeason', { season: season.name }),
    );
    option.value = String(season.id);
    return option;
  });
  choice.replaceChildren(allTime, ...seasonOptions);
  choice.hidden = seasons.length === 0;
  choice.addEventListener('change', () => showChosenBoard(choice.value, lifetimeRows));
  showBoardRows(lifetimeRows, null);
  document.getElementById('board').hidden = false;
}

async function showChosenBoard(seasonId, lifetimeRows) {
  if (!seasonId) {
    showBoardRows(lifetimeRows, null);
    return;
  }
  const board = document.getElementById('board');
  board.setAttribute('aria-busy', 'true');
  try {
    const { season, rows } = await api(`/seasons/${encodeURIComponent(seasonId)}`);
    // A slower answer for a board no longer chosen does not replace the chosen one.
    if (document.getElementById('board-choice').value === seasonId) showBoardRows(rows, season);
  } catch (error) {
    const list = document.getElementById('board-rows');
    list.replaceChildren(element('li', t('failed', { reason: error.message }), 'error'));
  } finally {
    board.removeAttribute('aria-busy');
  }
}

function showBoardRows(rows, season) {
  const seasonWindow = document.getElementById('board-window');
  const day = (iso) => iso.slice(0, 10);
  seasonWindow.hidden = !season;
  seasonWindow.textContent = season
    ? t('seasonWindow', { startsAt: day(season.startsAt), endsAt: day(season.endsAt) })
    : '';
  const list = document.getElementById('board-rows');
  list.replaceChildren(
    ...(rows.length === 0
      ? [element('li', t('emptyBoard'), 'hint')]
      : rows.map((row) =>
          element(
            'li',
            `${row.position}. ${[row.displayName, t('xpAmount', { xp: number(row.xp) }), row.rankName]
              .filter(Boolean)
              .join(' · ')}`,
            row.you ? 'you' : undefined,
          ),
        )),
  );
}

function showTasks(tasks) {
  document.getElementById('tasks-title').textContent = t('tasks');
  const list = document.getElementById('task-list');
  list.replaceChildren(...(tasks.length === 0 ? [element('li', t('noTasks'), 'hint')] : tasks.map(taskItem)));
  document.getElementById('tasks').hidden = false;
}

function taskItem(task) {
  const item = element('li');
  item.dataset.taskId = String(task.id);
  item.append(element('strong', `${task.id}. ${task.title}`), element('p', task.description));
  item.append(element('p', t('reward', { xp: number(task.rewardXp), coins: task.rewardCoins }), 'hint'));
  const status = task.submission?.status;
  if (status === 'pending' || status === 'approved') {
    item.append(element('p', t(status), 'hint status'));
    return item;
  }
  if (status === 'rejected')
    item.append(
      element(
        'p',
        task.submission.note ? t('rejectedWithNote', { note: task.submission.note }) : t('rejected'),
        'hint',
      ),
    );
  const form = element('form');
  const proof = element('textarea');
  proof.name = 'proof';
  proof.rows = 2;
  proof.placeholder = task.proofHint ?? t('proof');
  proof.setAttribute('aria-label', t('proof'));
  const result = element('p', '', 'result');
  form.append(proof, element('button', t('send')), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.className = 'result';
    try {
      await api(`/tasks/${task.id}/submissions`, {
        method: 'POST',
        body: JSON.stringify({ proof: proof.value }),
      });
      form.replaceWith(element('p', t('sent'), 'hint status'));
    } catch (error) {
      result.className = 'result error';
      result.textContent = error.message;
    }
  });
  item.append(form);
  return item;
}

/** The shop: its items with a Buy button each, the coins to spend, and the player's purchases. */
function showShop(shop) {
  document.getElementById('shop-title').textContent = t('shop');
  document.getElementById('purchases-title').textContent = t('shopPurchases');
  document.getElementById('shop-balance').textContent = t('shopBalance', { coins: shop.balance });
  const list = document.getElementById('shop-items');
  // A result just shown stays under its item when the list is drawn again.
  const results = new Map(
    [...list.querySelectorAll('li[data-item-id]')].map((li) => [
      li.dataset.itemId,
      li.querySelector('.result'),
    ]),
  );
  list.replaceChildren(
    ...(shop.items.length === 0
      ? [element('li', t('shopEmpty'), 'hint')]
      : shop.items.map((item) => shopItem(item, results.get(String(item.id))))),
  );
  showPurchases(shop.purchases);
  document.getElementById('shop').hidden = false;
}

function shopItem(item, keptResult) {
  const li = element('li');
  li.dataset.itemId = String(item.id);
  li.append(element('strong', `${item.name} · ${t('shopPrice', { coins: item.price })}`));
  if (item.description) li.append(element('p', item.description));
  const facts = [t('shopKind', { kind: item.kind })];
  if (item.kind === 'discord_role')
    facts.push(item.durationDays ? t('shopForDays', { days: item.durationDays }) : t('shopForGood'));
  if (item.left !== null) facts.push(t('shopLeft', { count: item.left }));
  if (item.minRank) facts.push(t('shopNeedsRank', { rank: item.minRank }));
  if (item.perPlayerLimit !== null)
    facts.push(t('shopYourLimit', { bought: number(item.bought), limit: number(item.perPlayerLimit) }));
  li.append(element('p', facts.join(' · '), 'hint'));
  const button = element('button', t('shopBuy'));
  button.type = 'button';
  const result = keptResult ?? element('p', '', 'result');
  button.addEventListener('click', () => buy(item, button, result));
  li.append(button, result);
  return li;
}

/**
 * One press of Buy: its own request id, so the same press sent twice (a double tap reaching the
 * server twice, a retry) is one purchase; the button waits for the answer.
 */
async function buy(item, button, result) {
  const requestId = crypto.randomUUID();
  button.disabled = true;
  button.textContent = t('shopBuying');
  result.className = 'result';
  result.textContent = '';
  try {
    const { purchase } = await api(`/shop/${item.id}/buy`, {
      method: 'POST',
      body: JSON.stringify({ requestId }),
    });
    result.className = 'result status';
    result.textContent = t(purchase.kind === 'custom' ? 'shopBoughtByAdmin' : 'shopBoughtGrant', {
      name: purchase.name,
    });
    await Promise.all([refreshShop(), api('/profile').then(showProfile)]);
    followGrants();
  } catch (error) {
    result.className = 'result error';
    result.textContent = error.message;
  } finally {
    button.disabled = false;
    button.textContent = t('shopBuy');
  }
}

function showPurchases(purchases) {
  const list = document.getElementById('purchase-list');
  list.replaceChildren(
    ...(purchases.length === 0
      ? [element('li', t('shopNoPurchases'), 'hint')]
      : purchases.map((purchase) => {
          const li = element('li', `${purchase.name} · ${t('shopPrice', { coins: purchase.price })} · `);
          li.dataset.purchaseId = purchase.id;
          const state = [t('shopStatus', { status: purchaseState(purchase) })];
          if (purchase.status === 'granted' && purchase.expiresAt)
            state.push(
              t('shopUntil', { ends: `${String(purchase.expiresAt).slice(0, 16).replace('T', ' ')} UTC` }),
            );
          li.append(element('span', state.join(' '), 'status'));
          return li;
        })),
  );
}

/** A pending purchase waits on the bot (a role, a title) or on an admin (a custom item). */
function purchaseState(purchase) {
  if (purchase.status !== 'pending') return purchase.status;
  return purchase.kind === 'custom' ? 'pendingAdmin' : 'pendingGrant';
}

async function refreshShop() {
  showShop(await api('/shop'));
}

/** After a purchase the bot grants, the list follows it for a while: pending turns granted in seconds. */
let following = null;
function followGrants() {
  if (following) return;
  let rounds = 0;
  following = setInterval(async () => {
    rounds += 1;
    try {
      const shop = await api('/shop');
      showShop(shop);
      const waiting = shop.purchases.some((p) => p.status === 'pending' && p.kind !== 'custom');
      if (!waiting || rounds >= 20) stopFollowing();
    } catch {
      stopFollowing();
    }
  }, 3000);
}

function stopFollowing() {
  clearInterval(following);
  following = null;
}

async function start() {
  applyTheme();
  tellTelegramReady();
  const status = document.getElementById('status');
  if (!initData) {
    status.textContent = t('notInTelegram');
    return;
  }
  status.textContent = t('loading');
  try {
    const me = await api('/me');
    // The language the player reads with the bot (their /language choice, else their app's).
    useLanguage(me.language);
    const [profile, board, seasons, shop, tasks] = await Promise.all([
      api('/profile'),
      api('/leaderboard'),
      api('/seasons'),
      api('/shop'),
      api('/tasks'),
    ]);
    showProfile(profile);
    showBoards(board.rows, seasons.seasons);
    showShop(shop);
    showTasks(tasks.tasks);
    status.textContent = '';
    status.hidden = true;
  } catch (error) {
    status.className = 'error';
    status.textContent = t('failed', { reason: error.message });
  }
}

start();
