import { h } from './dom.js';
import { authorName } from './telegram-text.js';

/**
 * The parts of a Telegram bubble a person acts on besides its buttons: a poll's options to vote
 * with, the reactions under a message with a picker to add one, and the pinned-message bar above
 * the chat. Built from data they are given: no state and no requests here.
 */

/** The reactions offered in the picker, from the Bot API's list (one each, as Telegram's free accounts react). */
export const QUICK_REACTIONS = ['👍', '❤', '🔥', '🎉', '😁', '🤔', '👎', '🏆'];

/**
 * Who voted for what, counted as Telegram counts it: each option's voters, and the people who
 * voted at all. `votes` maps a user id to the 0-based options they chose.
 */
export function tallyVotes(poll, votes) {
  const choices = Object.values(votes ?? {}).filter((chosen) => chosen.length > 0);
  return {
    ...poll,
    options: poll.options.map((option, index) => ({
      ...option,
      voter_count: choices.filter((chosen) => chosen.includes(index)).length,
    })),
    total_voter_count: choices.length,
  };
}

/**
 * A poll's options as buttons with their counts; the played user's own choice (`chosen`) is marked.
 * A closed poll, or a quiz already answered, shows its counts only (Telegram takes no vote there).
 * `onVote(optionIds)` sends the user's whole choice: a multiple-answer poll toggles the pressed option.
 */
export function pollView(poll, { chosen = [], onVote }) {
  const answered = chosen.length > 0;
  const locked = poll.is_closed || (poll.type === 'quiz' && answered);
  const choose = (index) =>
    poll.allows_multiple_answers
      ? chosen.includes(index)
        ? chosen.filter((id) => id !== index)
        : [...chosen, index].sort((a, b) => a - b)
      : [index];
  return h(
    'div',
    { class: 'tg-poll', role: 'group', 'aria-label': `Poll: ${poll.question}` },
    poll.options.map((option, index) =>
      h(
        'button',
        {
          type: 'button',
          class: `tg-poll-option${chosen.includes(index) ? ' chosen' : ''}`,
          disabled: locked,
          'aria-pressed': String(chosen.includes(index)),
          onclick: () => onVote(choose(index)),
        },
        h('span', { class: 'tg-poll-text' }, option.text),
        h('span', { class: 'tg-poll-count' }, String(option.voter_count)),
      ),
    ),
    h(
      'div',
      { class: 'tg-poll-footer' },
      `${poll.total_voter_count} ${poll.total_voter_count === 1 ? 'vote' : 'votes'}`,
      poll.is_closed ? ' · closed' : poll.is_anonymous === false ? ' · public' : ' · anonymous',
      answered && !locked && !poll.allows_multiple_answers
        ? h('button', { type: 'button', class: 'tg-poll-retract', onclick: () => onVote([]) }, 'Retract vote')
        : null,
    ),
  );
}

/**
 * The reactions under a message, counted per emoji (`reactions` maps `user:<id>`, `bot:<id>` or
 * `anonymous:<id>` to what each set), the played user's own highlighted: pressing theirs takes it
 * back, pressing another's sets that one. `+` opens the picker (`picking`).
 */
export function reactionsView(reactions, { userId, picking, onReact, onPick }) {
  const own = (reactions?.[`user:${userId}`] ?? []).map(emojiOf);
  const counts = new Map();
  for (const list of Object.values(reactions ?? {})) {
    for (const reaction of list) counts.set(emojiOf(reaction), (counts.get(emojiOf(reaction)) ?? 0) + 1);
  }
  const react = (emoji) => onReact(own.includes(emoji) ? [] : [emoji]);
  return h(
    'div',
    { class: 'tg-reactions' },
    [...counts.entries()].map(([emoji, count]) =>
      h(
        'button',
        {
          type: 'button',
          class: `tg-reaction${own.includes(emoji) ? ' own' : ''}`,
          'aria-pressed': String(own.includes(emoji)),
          title: own.includes(emoji) ? 'Take your reaction back' : 'React with this too',
          onclick: () => react(emoji),
        },
        `${emoji} ${count}`,
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'tg-reaction add',
        title: 'React',
        'aria-expanded': String(picking),
        onclick: onPick,
      },
      '☺+',
    ),
    picking
      ? h(
          'div',
          { class: 'tg-reaction-picker', role: 'menu' },
          QUICK_REACTIONS.map((emoji) =>
            h('button', { type: 'button', role: 'menuitem', onclick: () => react(emoji) }, emoji),
          ),
        )
      : null,
  );
}

/** A custom emoji or a paid star has no emoji of its own: shown as a generic mark. */
function emojiOf(reaction) {
  if (reaction.type === 'emoji') return reaction.emoji;
  return reaction.type === 'paid' ? '⭐' : '✨';
}

/** The bar above a chat with its most recently pinned message, as Telegram's apps show it. */
export function pinnedBar(message, { count }) {
  const text = message.text ?? message.caption ?? (message.poll ? `📊 ${message.poll.question}` : 'Message');
  return h(
    'div',
    { class: 'tg-pinned', title: 'Pinned message' },
    h('span', { class: 'tg-pinned-label' }, count > 1 ? `📌 Pinned message (${count})` : '📌 Pinned message'),
    h('span', { class: 'tg-pinned-text' }, message.from ? `${authorName(message.from)}: ${text}` : text),
  );
}
