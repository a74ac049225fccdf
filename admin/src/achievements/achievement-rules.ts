import type { TranslateFunction } from 'react-admin';
import { inEnglish } from '../i18n/messages.ts';

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
  /** Message keys: the kind's name, its threshold's label. */
  fieldLabel?: string;
  /** The message key saying what the rule asks for, and its values. */
  describe(rule: Record<string, unknown>): [string, Record<string, unknown>?];
}

export const ruleKinds: RuleKind[] = [
  {
    id: 'first_game',
    name: 'tandem.achievements.rule.first_game',
    describe: () => ['tandem.achievements.rule.first_gameDescribe'],
  },
  {
    id: 'games_won',
    name: 'tandem.achievements.rule.games_won',
    field: 'count',
    fieldLabel: 'tandem.achievements.rule.games_wonField',
    describe: (rule) => ['tandem.achievements.rule.games_wonDescribe', { count: rule.count }],
  },
  {
    id: 'daily_streak',
    name: 'tandem.achievements.rule.daily_streak',
    field: 'days',
    fieldLabel: 'tandem.achievements.rule.daily_streakField',
    describe: (rule) => ['tandem.achievements.rule.daily_streakDescribe', { days: rule.days }],
  },
  {
    id: 'rank_reached',
    name: 'tandem.achievements.rule.rank_reached',
    field: 'priority',
    fieldLabel: 'tandem.achievements.rule.rank_reachedField',
    describe: (rule) => ['tandem.achievements.rule.rank_reachedDescribe', { priority: rule.priority }],
  },
  {
    id: 'messages',
    name: 'tandem.achievements.rule.messages',
    field: 'count',
    fieldLabel: 'tandem.achievements.rule.messagesField',
    describe: (rule) => ['tandem.achievements.rule.messagesDescribe', { count: rule.count }],
  },
  {
    id: 'voice_hours',
    name: 'tandem.achievements.rule.voice_hours',
    field: 'hours',
    fieldLabel: 'tandem.achievements.rule.voice_hoursField',
    describe: (rule) => ['tandem.achievements.rule.voice_hoursDescribe', { hours: rule.hours }],
  },
  {
    id: 'xp_reached',
    name: 'tandem.achievements.rule.xp_reached',
    field: 'xp',
    fieldLabel: 'tandem.achievements.rule.xp_reachedField',
    describe: (rule) => ['tandem.achievements.rule.xp_reachedDescribe', { xp: rule.xp }],
  },
  {
    id: 'coins_earned',
    name: 'tandem.achievements.rule.coins_earned',
    field: 'coins',
    fieldLabel: 'tandem.achievements.rule.coins_earnedField',
    describe: (rule) => ['tandem.achievements.rule.coins_earnedDescribe', { coins: rule.coins }],
  },
];

export function ruleKind(id: unknown): RuleKind | undefined {
  return ruleKinds.find((kind) => kind.id === id);
}

/** "Sends 100 messages" for a stored rule, in the panel's language (English unless told). */
export function describeRule(rule: unknown, translate: TranslateFunction = inEnglish): string {
  if (typeof rule !== 'object' || rule === null) return '—';
  const typed = rule as Record<string, unknown>;
  const described = ruleKind(typed.kind)?.describe(typed);
  return described ? translate(described[0], described[1]) : String(typed.kind);
}

/** The rule as the API stores it: the kind and only its own threshold, as a number. */
export function cleanRule(rule: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const kind = ruleKind(rule?.kind);
  if (!rule || !kind) return rule;
  return kind.field ? { kind: kind.id, [kind.field]: Number(rule[kind.field]) } : { kind: kind.id };
}
