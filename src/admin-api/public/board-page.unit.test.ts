import { describe, expect, it } from 'vitest';
import { renderBoardPage } from './board-page.ts';

const board = {
  page: 1,
  perPage: 25,
  hasMore: false,
  rows: [{ position: 1, displayName: 'Mira', xp: 3400, rankName: 'Adventurer' }],
};

describe('the public board page', () => {
  it('writes numbers as the bots do in the reader’s language', () => {
    expect(renderBoardPage(board, 'en')).toContain('<td class="num">3,400</td>');
    // Russian groups thousands with a no-break space.
    expect(renderBoardPage(board, 'ru')).toMatch(/<td class="num">3\s400<\/td>/u);
  });
});
