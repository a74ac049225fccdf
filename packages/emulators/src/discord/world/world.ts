import { compareSnowflakes } from '../snowflake.ts';
import type {
  ApplicationRecord,
  AuditLogEntryRecord,
  ChannelRecord,
  CommandRecord,
  GuildRecord,
  InteractionRecord,
  MemberRecord,
  MessageRecord,
  RoleChangeRecord,
  RoleRecord,
  UserRecord,
  WebhookRecord,
} from './types.ts';
import { UnknownEntityError } from './unknown-entity-error.ts';

/** Everything a world holds, as {@link World.exportState} gives it and {@link World.importState} takes it. */
export interface WorldState {
  users: UserRecord[];
  applications: ApplicationRecord[];
  guilds: GuildRecord[];
  channels: ChannelRecord[];
  messages: MessageRecord[];
  commands: CommandRecord[];
  interactions: InteractionRecord[];
  roleChanges: RoleChangeRecord[];
  /** Absent in worlds saved before webhooks were modelled. */
  webhooks?: WebhookRecord[];
  /** Absent in worlds saved before the audit log was kept. */
  auditLog?: AuditLogEntryRecord[];
}

/**
 * The in-memory Discord world: users, bots, guilds and everything in them, plus what happened
 * (messages, interactions, role changes). Lookups only; changes that Discord announces on the
 * gateway go through the actions in ../actions so that the announcement is never forgotten.
 */
export class World {
  readonly users = new Map<string, UserRecord>();
  readonly applications = new Map<string, ApplicationRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly commands = new Map<string, CommandRecord>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly roleChanges: RoleChangeRecord[] = [];
  readonly webhooks = new Map<string, WebhookRecord>();
  /** Every guild's audit log entries, oldest first. */
  readonly auditLog: AuditLogEntryRecord[] = [];

  reset(): void {
    this.users.clear();
    this.applications.clear();
    this.guilds.clear();
    this.channels.clear();
    this.messages.clear();
    this.commands.clear();
    this.interactions.clear();
    this.roleChanges.length = 0;
    this.webhooks.clear();
    this.auditLog.length = 0;
  }

  exportState(): WorldState {
    return {
      users: [...this.users.values()],
      applications: [...this.applications.values()],
      guilds: [...this.guilds.values()],
      channels: [...this.channels.values()],
      messages: [...this.messages.values()],
      commands: [...this.commands.values()],
      interactions: [...this.interactions.values()],
      roleChanges: [...this.roleChanges],
      webhooks: [...this.webhooks.values()],
      auditLog: [...this.auditLog],
    };
  }

  /** Replaces everything with a saved world (ids are snowflakes, so none can be handed out again). */
  importState(state: WorldState): void {
    this.reset();
    for (const user of state.users) this.users.set(user.id, user);
    for (const application of state.applications) this.applications.set(application.id, application);
    for (const guild of state.guilds) this.guilds.set(guild.id, guild);
    for (const channel of state.channels) this.channels.set(channel.id, channel);
    for (const message of state.messages) this.messages.set(message.id, message);
    for (const command of state.commands) this.commands.set(command.id, command);
    for (const interaction of state.interactions) this.interactions.set(interaction.id, interaction);
    this.roleChanges.push(...state.roleChanges);
    for (const webhook of state.webhooks ?? []) this.webhooks.set(webhook.id, webhook);
    this.auditLog.push(...(state.auditLog ?? []));
  }

  /** The highest id in the world, so new ids can be made to follow it. */
  lastId(): string | undefined {
    let last: string | undefined;
    for (const map of [
      this.users,
      this.guilds,
      this.channels,
      this.messages,
      this.commands,
      this.interactions,
      this.webhooks,
    ])
      for (const id of map.keys()) if (last === undefined || compareSnowflakes(id, last) > 0) last = id;
    for (const guild of this.guilds.values())
      for (const id of guild.roles.keys())
        if (last === undefined || compareSnowflakes(id, last) > 0) last = id;
    for (const { id } of this.auditLog) if (last === undefined || compareSnowflakes(id, last) > 0) last = id;
    return last;
  }

  requireUser(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new UnknownEntityError('user', id);
    return user;
  }

  requireApplication(id: string): ApplicationRecord {
    const application = this.applications.get(id);
    if (!application) throw new UnknownEntityError('application', id);
    return application;
  }

  applicationByToken(token: string): ApplicationRecord | undefined {
    for (const application of this.applications.values()) if (application.token === token) return application;
    return undefined;
  }

  applicationByBotUser(userId: string): ApplicationRecord | undefined {
    for (const application of this.applications.values())
      if (application.botUserId === userId) return application;
    return undefined;
  }

  requireGuild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw new UnknownEntityError('guild', id);
    return guild;
  }

  requireRole(guild: GuildRecord, id: string): RoleRecord {
    const role = guild.roles.get(id);
    if (!role) throw new UnknownEntityError('role', id);
    return role;
  }

  requireMember(guild: GuildRecord, userId: string): MemberRecord {
    const member = guild.members.get(userId);
    if (!member) throw new UnknownEntityError('member', userId);
    return member;
  }

  requireChannel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (!channel) throw new UnknownEntityError('channel', id);
    return channel;
  }

  requireMessage(id: string): MessageRecord {
    const message = this.messages.get(id);
    if (!message || message.deleted) throw new UnknownEntityError('message', id);
    return message;
  }

  requireWebhook(id: string): WebhookRecord {
    const webhook = this.webhooks.get(id);
    if (!webhook) throw new UnknownEntityError('webhook', id);
    return webhook;
  }

  requireInteraction(id: string): InteractionRecord {
    const interaction = this.interactions.get(id);
    if (!interaction) throw new UnknownEntityError('interaction', id);
    return interaction;
  }

  interactionByToken(applicationId: string, token: string): InteractionRecord | undefined {
    for (const interaction of this.interactions.values()) {
      if (interaction.token === token && interaction.applicationId === applicationId) return interaction;
    }
    return undefined;
  }

  guildChannels(guild: GuildRecord): ChannelRecord[] {
    return guild.channelIds
      .map((id) => this.channels.get(id))
      .filter((c): c is ChannelRecord => c !== undefined);
  }

  /** The guild's threads (archived ones too), oldest first. */
  guildThreads(guild: GuildRecord): ChannelRecord[] {
    return [...this.channels.values()]
      .filter((channel) => channel.guildId === guild.id && channel.thread !== undefined)
      .sort((a, b) => compareSnowflakes(a.id, b.id));
  }

  /** Guilds the user is a member of. */
  guildsOf(userId: string): GuildRecord[] {
    return [...this.guilds.values()].filter((guild) => guild.members.has(userId));
  }

  /** Members ordered by user id, as Discord pages them. */
  membersInOrder(guild: GuildRecord): MemberRecord[] {
    return [...guild.members.values()].sort((a, b) => compareSnowflakes(a.userId, b.userId));
  }

  /** Roles from highest to lowest: by position, then (as Discord breaks ties) by lower id. */
  rolesByRank(guild: GuildRecord): RoleRecord[] {
    return [...guild.roles.values()].sort((a, b) => b.position - a.position || compareSnowflakes(a.id, b.id));
  }

  /** Live (not deleted) messages of a channel, oldest first. */
  channelMessages(channelId: string): MessageRecord[] {
    return [...this.messages.values()]
      .filter((message) => message.channelId === channelId && !message.deleted)
      .sort((a, b) => compareSnowflakes(a.id, b.id));
  }

  dmChannelBetween(userA: string, userB: string): ChannelRecord | undefined {
    for (const channel of this.channels.values()) {
      if (
        channel.type === 1 &&
        channel.recipientIds.includes(userA) &&
        channel.recipientIds.includes(userB)
      ) {
        return channel;
      }
    }
    return undefined;
  }
}
