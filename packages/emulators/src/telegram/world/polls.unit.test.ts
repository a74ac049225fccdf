import { describe, expect, it } from 'vitest';
import type * as Tg from '../types.ts';
import { freshPoll, tallyPoll, voteRefusal } from './polls.ts';

const poll: Tg.Poll = {
  id: '1',
  question: 'Next event?',
  options: [
    { text: 'Raid', voter_count: 0 },
    { text: 'Tournament', voter_count: 0 },
  ],
  total_voter_count: 0,
  is_closed: false,
  is_anonymous: false,
  type: 'regular',
  allows_multiple_answers: true,
};

describe('poll rules', () => {
  it('counts each voter once in the total and once per chosen option, ignoring retracted votes', () => {
    const tallied = tallyPoll(poll, { '1': [0, 1], '2': [1], '3': [] });
    expect(tallied.options.map((option) => option.voter_count)).toEqual([1, 2]);
    expect(tallied.total_voter_count).toBe(2);
  });

  it('refuses options out of range, repeats, several answers where one is due, and a changed quiz answer', () => {
    expect(voteRefusal(poll, undefined, [2])).toBe('Option ids must be 0-1');
    expect(voteRefusal(poll, undefined, [0, 0])).toBe('An option may be chosen once');
    expect(voteRefusal({ ...poll, allows_multiple_answers: false }, undefined, [0, 1])).toBe(
      'The poll takes a single answer',
    );
    const quiz: Tg.Poll = { ...poll, type: 'quiz', allows_multiple_answers: false, correct_option_id: 0 };
    expect(voteRefusal(quiz, undefined, [1])).toBeUndefined();
    expect(voteRefusal(quiz, [1], [0])).toBe('A quiz answer cannot be changed or retracted');
    expect(voteRefusal({ ...poll, is_closed: true }, undefined, [0])).toBe('The poll is closed');
  });

  it('copies a poll as a new open poll without votes', () => {
    const copy = freshPoll({ ...tallyPoll(poll, { '1': [0] }), is_closed: true });
    expect(copy.id).not.toBe(poll.id);
    expect(copy).toMatchObject({ is_closed: false, total_voter_count: 0 });
    expect(copy.options.map((option) => option.voter_count)).toEqual([0, 0]);
  });
});
