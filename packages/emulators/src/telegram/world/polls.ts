import { randomBytes } from 'node:crypto';
import type * as Tg from '../types.ts';

/** Telegram's poll ids: the decimal text of a large positive 64-bit number. */
export function newPollId(): string {
  return (randomBytes(8).readBigUInt64BE(0) >> 1n).toString();
}

/** The poll with counts recomputed from every voter's choices. */
export function tallyPoll(poll: Tg.Poll, votes: Record<string, number[]>): Tg.Poll {
  const ballots = Object.values(votes).filter((choice) => choice.length > 0);
  return {
    ...poll,
    options: poll.options.map((option, index) => ({
      ...option,
      voter_count: ballots.filter((choice) => choice.includes(index)).length,
    })),
    total_voter_count: ballots.length,
  };
}

/** A copy of a poll (copyMessage): a new poll, open and without votes. */
export function freshPoll(poll: Tg.Poll): Tg.Poll {
  return tallyPoll({ ...poll, id: newPollId(), is_closed: false }, {});
}

/**
 * What a voter may choose: option ids within the poll, one unless it allows multiple answers, and no
 * change of mind in a quiz. An empty choice retracts the vote. Answers a reason when refused.
 */
export function voteRefusal(
  poll: Tg.Poll,
  previous: number[] | undefined,
  choice: number[],
): string | undefined {
  if (poll.is_closed) return 'The poll is closed';
  if (choice.some((id) => id < 0 || id >= poll.options.length)) {
    return `Option ids must be 0-${poll.options.length - 1}`;
  }
  if (new Set(choice).size !== choice.length) return 'An option may be chosen once';
  if (choice.length > 1 && !poll.allows_multiple_answers) return 'The poll takes a single answer';
  if (poll.type === 'quiz' && previous?.length) return 'A quiz answer cannot be changed or retracted';
  return undefined;
}
