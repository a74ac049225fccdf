import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  IdempotencyConflictError,
  InsufficientBalanceError,
  InvalidChangeError,
  NegativeXpError,
  PlayerMergedError,
  PlayerNotFoundError,
  TandemError,
} from '../core/errors.ts';
import { ContentNotFoundError, VersionConflictError } from '../core/versioned-write.ts';
import {
  AlreadyLinkedError,
  LinkCodeFormatError,
  LinkCodeNotValidError,
  LinkCodeSamePlatformError,
  LinkLockedError,
  LinkRaceError,
  NotLinkedError,
} from '../linking/errors.ts';
import {
  PayoutAlreadyDecidedError,
  PayoutNotFoundError,
  PayoutRequestConflictError,
  PayoutVersionConflictError,
} from '../payouts/errors.ts';
import { TaskAlreadyApprovedError, TaskAlreadyPendingError, TaskNotFoundError } from '../tasks/errors.ts';
import { messageOf } from '../texts/default-texts.ts';
import { shippedTranslator } from '../texts/texts.ts';
import { errorReply, isRefusal, somethingWentWrong } from './errors.ts';

const ru = shippedTranslator('ru');

const playerId = '7b0c6a4e-1f0e-4b8e-9a53-2b2f4c1d9e01';

describe('errorReply', () => {
  it('shows the errors written for players as they are', () => {
    const written = [
      new LinkCodeFormatError(),
      new LinkCodeNotValidError(3),
      new LinkCodeSamePlatformError('telegram'),
      new LinkLockedError(new Date('2026-11-22T12:34:00Z')),
      new AlreadyLinkedError('redeemer', 'discord', 'telegram'),
      new NotLinkedError('discord'),
      new LinkRaceError(),
      new TaskNotFoundError(4),
      new TaskAlreadyPendingError(4, 'Invite a friend'),
      new TaskAlreadyApprovedError(4, 'Invite a friend'),
      new VersionConflictError('task', 4, 1, 2),
    ];
    for (const error of written) expect(errorReply(error)).toBe(error.message);
    expect(errorReply(new LinkCodeNotValidError(1))).toBe(
      'That code has expired or is not valid. Send /link on the other platform for a new one (1 try left).',
    );
  });

  it('answers bad input with what was wrong, without the summary prefix meant for logs', () => {
    const error = new InvalidChangeError('Invalid payout request: amount: The smallest payout is 100 coins', {
      amount: 'The smallest payout is 100 coins',
    });
    expect(errorReply(error)).toBe('The smallest payout is 100 coins.');
    expect(errorReply(new InvalidChangeError('proof must not be empty'))).toBe('Proof must not be empty.');
  });

  it("uses a service's own overdraft message, or says how many coins were needed", () => {
    const told = new InsufficientBalanceError(playerId, 500, {
      message: 'You have 20 coins: not enough for a payout of 500.',
      playerMessage: messageOf('error.payout.notEnoughCoins', { balance: 20, coins: 500 }),
    });
    expect(errorReply(told)).toBe('You have 20 coins: not enough for a payout of 500.');
    expect(errorReply(new InsufficientBalanceError(playerId, 500))).toBe(
      "You don't have enough coins for that (500 coins needed).",
    );
  });

  it('never shows ids or internals of the other named errors', () => {
    const internal = [
      new PlayerNotFoundError(playerId),
      new PlayerMergedError(playerId, playerId),
      new NegativeXpError(playerId),
      new IdempotencyConflictError(`tg-game-x-${playerId}`),
      new PayoutNotFoundError(playerId),
      new PayoutAlreadyDecidedError(playerId, 'approved', 'alice', new Date()),
      new PayoutVersionConflictError(playerId, 1, 2),
      new PayoutRequestConflictError('r1', playerId),
      new ContentNotFoundError('scenario', 12),
    ];
    for (const error of internal) {
      const reply = errorReply(error);
      expect(reply).not.toContain(playerId);
      expect(reply).not.toBe(somethingWentWrong);
      expect(reply).toMatch(/^[A-Z].*[.!]$/);
    }
    expect(errorReply(new PayoutAlreadyDecidedError(playerId, 'declined', null, null))).toBe(
      'That payout was already declined.',
    );
    expect(errorReply(new ContentNotFoundError('scenario', 12))).toBe(
      'That scenario is no longer available.',
    );
  });

  it('answers anything else with a plain apology', () => {
    for (const error of [new Error('connect ECONNREFUSED 127.0.0.1:5432'), 'boom', undefined, null, 42]) {
      expect(errorReply(error)).toBe('Something went wrong on our side. Please try again in a minute.');
    }
  });

  it('answers an error by its kind and player message, whatever its class is called', () => {
    class ShelfGoneError extends TandemError {
      override name = 'SomethingNobodyListed';
      constructor() {
        super('not_found', 'Shelf 12 is gone', { playerMessage: { key: 'error.payout.notFound' } });
      }
    }
    expect(errorReply(new ShelfGoneError())).toBe('That payout could not be found.');
    expect(
      errorReply(new TandemError('invalid', 'Invalid shelf: size: too big', { fields: { size: 'too big' } })),
    ).toBe('Too big.');
    expect(errorReply(new TandemError('conflict', 'no sentence for players'))).toBe(somethingWentWrong);
    expect(
      errorReply(
        new TandemError('upstream', 'telegram refused', { playerMessage: messageOf('error.negativeXp') }),
      ),
    ).toBe(somethingWentWrong);
    // A message naming a text that does not exist is no sentence for players.
    expect(errorReply(new TandemError('conflict', 'x', { playerMessage: { key: 'error.noSuchText' } }))).toBe(
      somethingWentWrong,
    );
  });
});

describe('isRefusal', () => {
  it("tells the player's refusals (logged at info) from Tandem's failures (logged at error)", () => {
    const refusals = [
      new LinkCodeNotValidError(2),
      new InsufficientBalanceError(playerId, 5),
      new InvalidChangeError('Invalid payout request: amount: too small', { amount: 'too small' }),
      new TaskNotFoundError(4),
      new PayoutAlreadyDecidedError(playerId, 'approved', null, null),
    ];
    for (const error of refusals) expect(isRefusal(error)).toBe(true);
    const failures = [
      new Error('boom'),
      new TandemError('conflict', 'no sentence for players'),
      new TandemError('internal', 'bug', { playerMessage: messageOf('error.negativeXp') }),
      new TandemError('refused', 'x', { playerMessage: { key: 'error.noSuchText' } }),
      undefined,
    ];
    for (const error of failures) expect(isRefusal(error)).toBe(false);
  });
});

describe('errorReply in Russian', () => {
  it('writes the errors for players in Russian, with plural forms', () => {
    const tries = (n: number) => errorReply(new LinkCodeNotValidError(n), ru);
    expect(tries(1)).toBe(
      'Код устарел или неверен. Отправьте /link на другой платформе, чтобы получить новый (осталась 1 попытка).',
    );
    expect(tries(2)).toContain('(осталось 2 попытки)');
    expect(tries(5)).toContain('(осталось 5 попыток)');
    expect(tries(11)).toContain('(осталось 11 попыток)');
    expect(tries(21)).toContain('(осталась 21 попытка)');
    const needed = (n: number) => errorReply(new InsufficientBalanceError(playerId, n), ru);
    expect(needed(1)).toBe('На это не хватает монет (нужно 1 монета).');
    expect(needed(2)).toContain('нужно 2 монеты');
    expect(needed(5)).toContain('нужно 5 монет');
    expect(needed(11)).toContain('нужно 11 монет');
    expect(needed(21)).toContain('нужно 21 монета');
    expect(errorReply(new NotLinkedError('discord'), ru)).toBe(
      'Ваш аккаунт Discord не связан с другой платформой: отвязывать нечего.',
    );
    expect(errorReply(new TaskAlreadyApprovedError(4, 'Invite a friend'), ru)).toBe(
      'Вы уже выполнили «Invite a friend» и получили награду. Отправьте /tasks, чтобы найти другое задание.',
    );
    expect(errorReply(new ContentNotFoundError('scenario', 12), ru)).toBe('Эта страница больше недоступна.');
    expect(errorReply(new PayoutAlreadyDecidedError(playerId, 'declined', null, null), ru)).toBe(
      'Эта выплата уже отклонена.',
    );
  });

  it("answers a field a player typed in the player's language, and an apology in Russian", () => {
    const tooSmall = new InvalidChangeError(
      'Invalid payout request: amount: The smallest payout is 100 coins',
      { amount: 'The smallest payout is 100 coins' },
      { amount: messageOf('error.payout.tooSmall', { coins: 100 }) },
    );
    expect(errorReply(tooSmall)).toBe('The smallest payout is 100 coins.');
    expect(errorReply(tooSmall, ru)).toBe('Минимальная выплата: 100 монет.');
    // A schema's English messages name the texts a player reads for them.
    const schema = z.object({ amount: z.number().min(100, 'The smallest payout is 100 coins') });
    const parsed = schema.safeParse({ amount: 5 });
    if (parsed.success) throw new Error('5 coins passed the schema');
    const fromSchema = InvalidChangeError.fromZod(parsed.error, 'payout request', {
      'The smallest payout is 100 coins': messageOf('error.payout.tooSmall', { coins: 100 }),
    });
    expect(fromSchema.message).toBe('Invalid payout request: amount: The smallest payout is 100 coins');
    expect(errorReply(fromSchema, ru)).toBe('Минимальная выплата: 100 монет.');
    expect(errorReply(new LinkCodeFormatError(), ru)).toBe(
      'Это не похоже на код привязки: 6 букв или цифр, например K7M2QX',
    );
    expect(errorReply(new Error('connect ECONNREFUSED'), ru)).toBe(
      'У нас что-то пошло не так. Попробуйте ещё раз через минуту.',
    );
  });
});
