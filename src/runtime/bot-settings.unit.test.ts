import { describe, expect, it } from 'vitest';
import { miniAppUrlOf } from './bot-settings.ts';

describe('the Mini App address for the menu button', () => {
  it('is PUBLIC_URL/app/ over https only', () => {
    expect(miniAppUrlOf('https://tandem.example.com')).toBe('https://tandem.example.com/app/');
    expect(miniAppUrlOf('https://tandem.example.com/community/')).toBe(
      'https://tandem.example.com/community/app/',
    );
    expect(miniAppUrlOf('http://tandem.example.com')).toBeUndefined();
    expect(miniAppUrlOf(undefined)).toBeUndefined();
  });
});
