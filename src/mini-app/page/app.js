// The Tandem Mini App: the player's profile, the board and the tasks, from /api/app. Telegram opens
// it with the signed init data in the URL fragment (#tgWebAppData=...); every call sends it back as
// `Authorization: tma <initData>`. Text is only ever set with textContent: names come from players.

const texts = {
  en: {
    loading: 'Loading…',
    notInTelegram: 'Open this app from the Telegram bot: it needs Telegram’s sign-in data.',
    failed: 'Could not load: ',
    xp: 'XP',
    coins: 'Coins',
    coinUnit: 'coins',
    rank: 'Rank',
    noRank: 'none yet',
    nextRank: 'Next rank',
    topRank: 'top rank reached',
    streak: 'Daily streak',
    achievements: 'Achievements',
    board: 'Leaderboard',
    emptyBoard: 'No one on the board yet.',
    tasks: 'Tasks',
    noTasks: 'No tasks right now.',
    reward: 'Reward',
    proof: 'Your proof: a link or a few words',
    send: 'Send proof',
    sent: 'Sent: an admin will review it.',
    pending: 'Waiting for review',
    approved: 'Done',
    rejected: 'Rejected',
  },
  ru: {
    loading: 'Загрузка…',
    notInTelegram: 'Откройте приложение из Telegram-бота: нужны данные входа Telegram.',
    failed: 'Не удалось загрузить: ',
    xp: 'XP',
    coins: 'Монеты',
    coinUnit: 'монет',
    rank: 'Ранг',
    noRank: 'пока нет',
    nextRank: 'Следующий ранг',
    topRank: 'высший ранг',
    streak: 'Серия дней',
    achievements: 'Достижения',
    board: 'Таблица лидеров',
    emptyBoard: 'В таблице пока никого нет.',
    tasks: 'Задания',
    noTasks: 'Сейчас заданий нет.',
    reward: 'Награда',
    proof: 'Подтверждение: ссылка или пара слов',
    send: 'Отправить',
    sent: 'Отправлено: администратор проверит.',
    pending: 'Ждёт проверки',
    approved: 'Выполнено',
    rejected: 'Отклонено',
  },
};

const fragment = new URLSearchParams(window.location.hash.slice(1));
const initData = fragment.get('tgWebAppData') ?? '';
const user = readUser(initData);
const t = texts[user?.language_code?.toLowerCase().startsWith('ru') ? 'ru' : 'en'];
document.documentElement.lang = t === texts.ru ? 'ru' : 'en';

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
    ? `${profile.nextRank.name} (${profile.xpToNextRank} ${t.xp}, ${profile.progressPercent}%)`
    : t.topRank;
  const rows = [
    [t.xp, String(profile.xp)],
    [t.coins, String(profile.balance)],
    [t.rank, profile.rank?.name ?? t.noRank],
    [t.nextRank, next],
    [t.streak, String(profile.dailyStreak)],
    [t.achievements, profile.achievements.map((a) => a.name).join(', ') || '—'],
  ];
  stats.replaceChildren(...rows.flatMap(([name, value]) => [element('dt', name), element('dd', value)]));
  document.getElementById('profile').hidden = false;
}

function showBoard(rows) {
  document.getElementById('board-title').textContent = t.board;
  const list = document.getElementById('board-rows');
  list.replaceChildren(
    ...(rows.length === 0
      ? [element('li', t.emptyBoard, 'hint')]
      : rows.map((row) =>
          element(
            'li',
            `${row.position}. ${row.displayName} · ${row.xp} ${t.xp}${row.rankName ? ` · ${row.rankName}` : ''}`,
            row.you ? 'you' : undefined,
          ),
        )),
  );
  document.getElementById('board').hidden = false;
}

function showTasks(tasks) {
  document.getElementById('tasks-title').textContent = t.tasks;
  const list = document.getElementById('task-list');
  list.replaceChildren(...(tasks.length === 0 ? [element('li', t.noTasks, 'hint')] : tasks.map(taskItem)));
  document.getElementById('tasks').hidden = false;
}

function taskItem(task) {
  const item = element('li');
  item.dataset.taskId = String(task.id);
  item.append(element('strong', `${task.id}. ${task.title}`), element('p', task.description));
  item.append(
    element('p', `${t.reward}: ${task.rewardXp} ${t.xp}, ${task.rewardCoins} ${t.coinUnit}`, 'hint'),
  );
  const status = task.submission?.status;
  if (status === 'pending' || status === 'approved') {
    item.append(element('p', t[status], 'hint status'));
    return item;
  }
  if (status === 'rejected')
    item.append(
      element('p', `${t.rejected}${task.submission.note ? `: ${task.submission.note}` : ''}`, 'hint'),
    );
  const form = element('form');
  const proof = element('textarea');
  proof.name = 'proof';
  proof.rows = 2;
  proof.placeholder = task.proofHint ?? t.proof;
  proof.setAttribute('aria-label', t.proof);
  const result = element('p', '', 'result');
  form.append(proof, element('button', t.send), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.className = 'result';
    try {
      await api(`/tasks/${task.id}/submissions`, {
        method: 'POST',
        body: JSON.stringify({ proof: proof.value }),
      });
      form.replaceWith(element('p', t.sent, 'hint status'));
    } catch (error) {
      result.className = 'result error';
      result.textContent = error.message;
    }
  });
  item.append(form);
  return item;
}

async function start() {
  applyTheme();
  tellTelegramReady();
  const status = document.getElementById('status');
  if (!initData) {
    status.textContent = t.notInTelegram;
    return;
  }
  status.textContent = t.loading;
  try {
    await api('/me');
    const [profile, board, tasks] = await Promise.all([api('/profile'), api('/leaderboard'), api('/tasks')]);
    showProfile(profile);
    showBoard(board.rows);
    showTasks(tasks.tasks);
    status.textContent = '';
    status.hidden = true;
  } catch (error) {
    status.className = 'error';
    status.textContent = t.failed + error.message;
  }
}

start();
