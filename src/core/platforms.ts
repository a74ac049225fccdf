/** The chat platforms Tandem serves; a player has at most one identity on each. */
export const platforms = ['telegram', 'discord'] as const;
export type Platform = (typeof platforms)[number];
