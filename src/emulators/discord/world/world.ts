import { compareSnowflakes } from '../snowflake.ts';
import type {
  ApplicationRecord,
  ChannelRecord,
  CommandRecord,
  GuildRecord,
  InteractionRecord,
  MemberRecord,
  MessageRecord,
  RoleChangeRecord,
  RoleRecord,
  UserRecord,
} from './types.ts';
import { UnknownEntityError } from './unknown-entity-error.ts';

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

  reset(): void {
    this.users.clear();
    this.applications.clear();
    this.guilds.clear();
    this.channels.clear();
    this.messages.clear();
    this.commands.clear();
    this.interactions.clear();
    this.roleChanges.length = 0;
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
