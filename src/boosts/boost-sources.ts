/** The earnings a boost can multiply. */
export const boostSources = ['message', 'voice', 'daily', 'game', 'tasks'] as const;
export type BoostSource = (typeof boostSources)[number];
