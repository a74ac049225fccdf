import type { EmulatorEvent, EmulatorEventType } from '../events.ts';
import type { TelegramControl } from './telegram-control.ts';

type Result<K extends keyof TelegramControl> = TelegramControl[K] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never;
type Input<K extends keyof TelegramControl> = TelegramControl[K] extends (input: infer I) => unknown
  ? I
  : never;

/** A refusal from the control API: `status` and `code` as the server sent them. */
export class ControlRequestError extends Error {
  override name = 'ControlRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The control API over HTTP, typed: for scripts and tests that drive an emulator in another process
 * (the sandbox), or that want to exercise the HTTP surface. In process, `emulator.control` does the same.
 */
export class TelegramControlClient {
  constructor(private readonly baseUrl: string) {}

  world = () => this.request<Result<'world'>>('GET', '/world');
  reset = () => this.request<Result<'reset'>>('POST', '/reset');
  createBot = (input: Input<'createBot'> = {}) => this.request<Result<'createBot'>>('POST', '/bots', input);
  /** With `user`, `menuButton` is the one of that user's private chat. */
  bot = (ref: number | string, options: { user?: number } = {}) =>
    this.request<Result<'bot'>>(
      'GET',
      `/bots/${encodeURIComponent(ref)}${options.user === undefined ? '' : `?user=${options.user}`}`,
    );
  updateBot = (ref: number | string, input: Parameters<TelegramControl['updateBot']>[1]) =>
    this.request<Result<'updateBot'>>('PATCH', `/bots/${encodeURIComponent(ref)}`, input);
  createUser = (input: Input<'createUser'> = {}) =>
    this.request<Result<'createUser'>>('POST', '/users', input);
  updateUser = (userId: number, input: Parameters<TelegramControl['updateUser']>[1]) =>
    this.request<Result<'updateUser'>>('PATCH', `/users/${userId}`, input);
  blockBot = (userId: number, bot?: number | string) =>
    this.request<Result<'blockBot'>>('POST', `/users/${userId}/block`, { bot });
  unblockBot = (userId: number, bot?: number | string) =>
    this.request<Result<'unblockBot'>>('POST', `/users/${userId}/unblock`, { bot });
  createGroup = (input: Input<'createGroup'>) =>
    this.request<Result<'createGroup'>>('POST', '/groups', input);
  addMember = (chatId: number, input: Parameters<TelegramControl['addMember']>[1]) =>
    this.request<Result<'addMember'>>('POST', `/groups/${chatId}/members`, input);
  removeMember = (chatId: number, userId: number, ban = false, by?: number) =>
    this.request<Result<'removeMember'>>(
      'DELETE',
      `/groups/${chatId}/members/${userId}?ban=${ban}${by === undefined ? '' : `&by=${by}`}`,
    );
  promoteMember = (
    chatId: number,
    userId: number,
    input: Parameters<TelegramControl['promoteMember']>[2] = {},
  ) => this.request<Result<'promoteMember'>>('POST', `/groups/${chatId}/members/${userId}/promote`, input);
  demoteMember = (
    chatId: number,
    userId: number,
    input: Parameters<TelegramControl['demoteMember']>[2] = {},
  ) => this.request<Result<'demoteMember'>>('POST', `/groups/${chatId}/members/${userId}/demote`, input);
  renameGroup = (chatId: number, input: Parameters<TelegramControl['renameGroup']>[1]) =>
    this.request<Result<'renameGroup'>>('PATCH', `/groups/${chatId}`, input);
  migrateGroup = (chatId: number, input: Parameters<TelegramControl['migrateGroup']>[1] = {}) =>
    this.request<Result<'migrateGroup'>>('POST', `/groups/${chatId}/migrate`, input);

  joinByLink = (input: Input<'joinByLink'>) =>
    this.request<Result<'joinByLink'>>('POST', '/invite-links/join', input);

  sendMessage = (input: Input<'sendMessage'>) =>
    this.request<Result<'sendMessage'>>('POST', '/messages', input);
  sendCommand = (input: Input<'sendCommand'>) =>
    this.request<Result<'sendCommand'>>('POST', '/commands', input);
  sendPhoto = (input: Input<'sendPhoto'>) => this.request<Result<'sendPhoto'>>('POST', '/photos', input);
  sendDocument = (input: Input<'sendDocument'>) =>
    this.request<Result<'sendDocument'>>('POST', '/documents', input);
  pressButton = (input: Input<'pressButton'>) =>
    this.request<Result<'pressButton'>>('POST', '/callbacks', input);
  react = (input: Input<'react'>) => this.request<Result<'react'>>('POST', '/reactions', input);
  votePoll = (input: Input<'votePoll'>) => this.request<Result<'votePoll'>>('POST', '/poll-votes', input);
  openWebApp = (input: Input<'openWebApp'>) => this.request<Result<'openWebApp'>>('POST', '/web-apps', input);
  typeInlineQuery = (input: Input<'typeInlineQuery'>) =>
    this.request<Result<'typeInlineQuery'>>('POST', '/inline-queries', input);
  chooseInlineResult = (input: Input<'chooseInlineResult'>) =>
    this.request<Result<'chooseInlineResult'>>('POST', '/inline-results', input);
  inlineQuery = (id: string) =>
    this.request<Result<'inlineQuery'>>('GET', `/inline-queries/${encodeURIComponent(id)}`);
  callback = (id: string) => this.request<Result<'callback'>>('GET', `/callbacks/${encodeURIComponent(id)}`);
  messages = (chatId: number, options: { bot?: number | string; includeDeleted?: boolean } = {}) => {
    const query = new URLSearchParams();
    if (options.bot !== undefined) query.set('bot', String(options.bot));
    if (options.includeDeleted === false) query.set('includeDeleted', 'false');
    return this.request<Result<'messages'>>('GET', `/chats/${chatId}/messages?${query}`);
  };

  log = (
    filter: {
      types?: EmulatorEventType[];
      botId?: number;
      chatId?: number;
      since?: number;
      limit?: number;
    } = {},
  ) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value !== undefined) query.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return this.request<EmulatorEvent[]>('GET', `/log?${query}`);
  };
  waitFor = (filter: {
    types?: EmulatorEventType[];
    botId?: number;
    chatId?: number;
    since?: number;
    timeoutMs?: number;
  }) => this.request<EmulatorEvent>('POST', '/wait', filter);

  faults = () => this.request<Result<'faults'>>('GET', '/faults');
  clearFaults = () => this.request<Result<'clearFaults'>>('DELETE', '/faults');
  setLatency = (ms: number) => this.request<Result<'setLatency'>>('POST', '/faults/latency', { ms });
  failNextCalls = (input: Input<'failNextCalls'> = {}) =>
    this.request<Result<'failNextCalls'>>('POST', '/faults/errors', input);
  rateLimit = (input: Input<'rateLimit'>) =>
    this.request<Result<'rateLimit'>>('POST', '/faults/rate-limit', input);
  duplicateNextUpdates = (input: Input<'duplicateNextUpdates'> = {}) =>
    this.request<Result<'duplicateNextUpdates'>>('POST', '/faults/duplicates', input);
  dropPolls = (input: Input<'dropPolls'> = {}) =>
    this.request<Result<'dropPolls'>>('POST', '/faults/drop-polls', input);
  setLimits = (input: Input<'setLimits'>) => this.request<Result<'setLimits'>>('POST', '/limits', input);

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/control${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = (await response.json()) as { error?: { code: string; message: string } };
    if (!response.ok) {
      throw new ControlRequestError(
        response.status,
        payload.error?.code ?? 'unknown',
        payload.error?.message ?? response.statusText,
      );
    }
    return payload as T;
  }
}
