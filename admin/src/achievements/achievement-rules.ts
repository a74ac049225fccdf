/**
 * The achievement rules the server knows (src/economy/achievements.ts): a kind and, for most, one
 * threshold field. The form asks for the threshold under its own name so the API's errors
 * (`rule.count`, `rule.days`...) land next to it.
 */
export interface RuleKind {
  id: string;
  name: string;
  /** The threshold field, absent for a rule without one. */
  field?: 'count' | 'days' | 'priority' | 'hours' | 'xp' | 'coins';
  fieldLabel?: string;
  describe(rule: Record<string, unknown>): string;
}

export const ruleKinds: RuleKind[] = [
  { id: 'first_game', name: 'First game won', describe: () => 'Wins their first game' },
  {
    id: 'games_won',
    name: 'Games won',
    field: 'count',
    fieldLabel: 'Games won',
    describe: (rule) => `Wins ${rule.count} games`,
  },
  {
    id: 'daily_streak',
    name: 'Daily streak',
    field: 'days',
    fieldLabel: 'Days in a row',
    describe: (rule) => `Claims the daily reward ${rule.days} days in a row`,
  },
  {
    id: 'rank_reached',
    name: 'Rank reached',
    field: 'priority',
    fieldLabel: 'Rank priority (1 = lowest)',
    describe: (rule) => `Reaches rank priority ${rule.priority}`,
  },
  {
    id: 'messages',
    name: 'Messages sent',
    field: 'count',
    fieldLabel: 'Messages (that earned XP)',
    describe: (rule) => `Sends ${rule.count} messages`,
  },
  {
    id: 'voice_hours',
    name: 'Voice hours',
    field: 'hours',
    fieldLabel: 'Hours in voice',
    describe: (rule) => `Spends ${rule.hours} hours in voice`,
  },
  {
    id: 'xp_reached',
    name: 'XP reached',
    field: 'xp',
    fieldLabel: 'XP',
    describe: (rule) => `Reaches ${rule.xp} XP`,
  },
  {
    id: 'coins_earned',
    name: 'Coins earned',
    field: 'coins',
    fieldLabel: 'Coins earned in total',
    describe: (rule) => `Earns ${rule.coins} coins`,
  },
];

export function ruleKind(id: unknown): RuleKind | undefined {
  return ruleKinds.find((kind) => kind.id === id);
}

/** "Sends 100 messages" for a stored rule. */
export function describeRule(rule: unknown): string {
  if (typeof rule !== 'object' || rule === null) return '—';
  const typed = rule as Record<string, unknown>;
  return ruleKind(typed.kind)?.describe(typed) ?? String(typed.kind);
}

/** The rule as the API stores it: the kind and only its own threshold, as a number. */
export function cleanRule(rule: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const kind = ruleKind(rule?.kind);
  if (!rule || !kind) return rule;
  return kind.field ? { kind: kind.id, [kind.field]: Number(rule[kind.field]) } : { kind: kind.id };
}
