import type { EmulatorContext } from '../context.ts';
import { ControlError } from '../errors.ts';
import type * as Tg from '../types.ts';
import { userObject } from '../world/objects.ts';
import { tallyPoll, voteRefusal } from '../world/polls.ts';
import { placeOfUser, requireBot } from './places.ts';
import { parseInput, pollVoteSchema } from './schemas.ts';
import type { DeliveredUpdate } from './user-messages.ts';

export interface Voted {
  poll: Tg.Poll;
  /** The bot that sent the poll: `poll_answer` (non-anonymous polls) and the new `poll` state. */
  updates: DeliveredUpdate[];
  seq: number;
}

/**
 * A user votes in a bot's poll (or retracts with no options). The sending bot gets the new counts as
 * a `poll` update and, when the poll is not anonymous, who voted for what as `poll_answer`.
 */
export function voteInPoll(ctx: EmulatorContext, raw: unknown): Voted {
  const input = parseInput(pollVoteSchema, raw);
  const { user, chat } = placeOfUser(ctx, input);
  const stored = chat.messages.get(input.messageId);
  const current = stored?.deletedAt === undefined ? stored?.message.poll : undefined;
  if (!stored || !current)
    throw ControlError.notFound(`No poll in message ${input.messageId} of chat ${chat.id}`);
  if (stored.sender.kind !== 'bot')
    throw ControlError.invalid(`Message ${input.messageId} was not sent by a bot`);
  const bot = requireBot(ctx, stored.sender.botId);
  const votes = stored.pollVotes ?? {};
  const refusal = voteRefusal(current, votes[user.id], input.optionIds);
  if (refusal) throw ControlError.conflict(refusal);
  stored.pollVotes = { ...votes, [user.id]: input.optionIds };
  const poll = tallyPoll(current, stored.pollVotes);
  stored.message = { ...stored.message, poll };
  const event = ctx.log.record({
    type: 'user.poll_answer',
    chatId: chat.id,
    userId: user.id,
    botId: bot.id,
    messageId: input.messageId,
    pollId: poll.id,
    optionIds: input.optionIds,
  });
  const bodies: Tg.UpdateBody[] = [
    ...(poll.is_anonymous
      ? []
      : [{ poll_answer: { poll_id: poll.id, user: userObject(user), option_ids: input.optionIds } }]),
    { poll },
  ];
  const updates = bodies.flatMap((body) => {
    const update = ctx.channels.enqueue(bot.id, body);
    return update ? [{ botId: bot.id, update }] : [];
  });
  return { poll, updates, seq: event.seq };
}
