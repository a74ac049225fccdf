/** Gateway intent bits (https://discord.com/developers/docs/events/gateway#gateway-intents). */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
  AutoModerationConfiguration: 1 << 20,
  AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24,
  DirectMessagePolls: 1 << 25,
} as const;

export type IntentName = keyof typeof Intent;

/** Intents a bot may only use once enabled for it ("Privileged Gateway Intents" in the portal). */
export const PRIVILEGED_INTENTS = ['GuildMembers', 'GuildPresences', 'MessageContent'] as const;
export type PrivilegedIntentName = (typeof PRIVILEGED_INTENTS)[number];

export const ALL_INTENT_BITS = Object.values(Intent).reduce((all, bit) => all | bit, 0);

export function hasIntent(intents: number, name: IntentName): boolean {
  return (intents & Intent[name]) !== 0;
}

/** Privileged intents asked for in `intents` that the bot has not been granted. */
export function disallowedIntents(
  intents: number,
  granted: ReadonlySet<PrivilegedIntentName>,
): PrivilegedIntentName[] {
  return PRIVILEGED_INTENTS.filter((name) => hasIntent(intents, name) && !granted.has(name));
}
