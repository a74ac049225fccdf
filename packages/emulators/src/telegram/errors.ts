/** The body Telegram answers when a call fails. */
export interface BotApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

const serverErrorTexts: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * A Bot API call the emulator refuses, with Telegram's status and wording, so bots meet the same
 * errors here as in production (telegraf turns the body into a `TelegramError`).
 */
export class BotApiError extends Error {
  override name = 'BotApiError';
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: BotApiErrorBody['parameters'],
  ) {
    super(description);
  }

  toBody(): BotApiErrorBody {
    return {
      ok: false,
      error_code: this.status,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }

  static badRequest(detail: string): BotApiError {
    return new BotApiError(400, `Bad Request: ${detail}`);
  }

  static unauthorized(): BotApiError {
    return new BotApiError(401, 'Unauthorized');
  }

  static forbidden(detail: string): BotApiError {
    return new BotApiError(403, `Forbidden: ${detail}`);
  }

  /** An unknown method answers `Not Found: method not found`; a path outside `/bot...` plain `Not Found`. */
  static notFound(detail?: string): BotApiError {
    return new BotApiError(404, detail ? `Not Found: ${detail}` : 'Not Found');
  }

  static conflict(detail: string): BotApiError {
    return new BotApiError(409, `Conflict: ${detail}`);
  }

  static tooLarge(): BotApiError {
    return new BotApiError(413, 'Request Entity Too Large');
  }

  /** @param retryAfter - whole seconds the caller must wait, as in `parameters.retry_after`. */
  static tooManyRequests(retryAfter: number): BotApiError {
    return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  }

  static serverError(status: number): BotApiError {
    return new BotApiError(status, serverErrorTexts[status] ?? 'Internal Server Error');
  }
}

export function isBotApiError(error: unknown): error is BotApiError {
  return error instanceof BotApiError;
}

/**
 * The drop-connections fault: the long-poll request holding this error must lose its socket
 * without an answer, as when a proxy or the network cuts it.
 */
export class PollDroppedError extends Error {
  override name = 'PollDroppedError';
  constructor() {
    super('The long-poll connection was dropped by fault injection');
  }
}

/** A control API request the emulator cannot carry out; `code` is stable, `message` says what to fix. */
export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    readonly status: number,
    readonly code: 'invalid_request' | 'not_found' | 'conflict' | 'timeout',
    message: string,
  ) {
    super(message);
  }

  static invalid(message: string): ControlError {
    return new ControlError(400, 'invalid_request', message);
  }

  static notFound(message: string): ControlError {
    return new ControlError(404, 'not_found', message);
  }

  static conflict(message: string): ControlError {
    return new ControlError(409, 'conflict', message);
  }

  static timeout(message: string): ControlError {
    return new ControlError(408, 'timeout', message);
  }
}

export function isControlError(error: unknown): error is ControlError {
  return error instanceof ControlError;
}
