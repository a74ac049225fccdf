import {
  type DiscordPort,
  type MemberRoles,
  PlatformRateLimitedError,
  PlatformRefusedError,
  type TelegramPort,
} from '../../src/sync/ports.ts';

/**
 * In-memory platforms behind Tandem's own port interfaces, for the engine's tests. The bots'
 * end-to-end tests use the real clients against the emulators instead.
 */
export class FakeDiscord implements DiscordPort {
  readonly members = new Map<string, Set<string>>();
  readonly messages: Array<{ userId: string; text: string }> = [];
  readonly calls: string[] = [];
  /** Throw this many times before each next call succeeds. */
  failNext = 0;
  failWith: () => Error = () => new Error('Discord is down (fake 503)');
  /** Role ids the bot may not assign (above its own role). */
  readonly forbiddenRoles = new Set<string>();

  rolesOf(userId: string): string[] {
    return [...(this.members.get(userId) ?? [])].sort();
  }

  private member(userId: string): Set<string> {
    let roles = this.members.get(userId);
    if (!roles) {
      roles = new Set();
      this.members.set(userId, roles);
    }
    return roles;
  }

  private enter(call: string): void {
    this.calls.push(call);
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failWith();
    }
  }

  async setRankRole(input: {
    userId: string;
    roleId: string | null;
    rankRoleIds: readonly string[];
  }): Promise<void> {
    this.enter(`setRankRole ${input.userId} ${input.roleId}`);
    if (input.roleId && this.forbiddenRoles.has(input.roleId)) {
      throw new PlatformRefusedError(
        'discord',
        `Missing Permissions: role ${input.roleId} is above the bot's role`,
      );
    }
    const roles = this.member(input.userId);
    for (const id of input.rankRoleIds) if (id !== input.roleId) roles.delete(id);
    if (input.roleId) roles.add(input.roleId);
  }

  async setRankRoles(input: {
    userId: string;
    roleIds: readonly string[];
    rankRoleIds: readonly string[];
  }): Promise<void> {
    this.enter(`setRankRoles ${input.userId} ${input.roleIds.join(',')}`);
    const forbidden = input.roleIds.find((id) => this.forbiddenRoles.has(id));
    if (forbidden) {
      throw new PlatformRefusedError(
        'discord',
        `Missing Permissions: role ${forbidden} is above the bot's role`,
      );
    }
    const roles = this.member(input.userId);
    for (const id of input.rankRoleIds) if (!input.roleIds.includes(id)) roles.delete(id);
    for (const id of input.roleIds) roles.add(id);
  }

  async grantRole(userId: string, roleId: string): Promise<void> {
    this.enter(`grantRole ${userId} ${roleId}`);
    this.member(userId).add(roleId);
  }

  async revokeRole(userId: string, roleId: string): Promise<void> {
    this.enter(`revokeRole ${userId} ${roleId}`);
    this.member(userId).delete(roleId);
  }

  async notify(userId: string, text: string): Promise<void> {
    this.enter(`notify ${userId}`);
    this.messages.push({ userId, text });
  }

  async listMemberRoles(page: { after: string | null; limit: number }) {
    this.calls.push(`listMemberRoles ${page.after} ${page.limit}`);
    const ids = [...this.members.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const start = page.after ? ids.findIndex((id) => BigInt(id) > BigInt(page.after!)) : 0;
    const slice = start < 0 ? [] : ids.slice(start, start + page.limit);
    const members: MemberRoles[] = slice.map((userId) => ({ userId, roleIds: this.rolesOf(userId) }));
    return { members, nextAfter: slice.length === page.limit ? slice[slice.length - 1]! : null };
  }
}

export class FakeTelegram implements TelegramPort {
  readonly messages: Array<{ userId: string; text: string }> = [];
  rateLimitNext = 0;

  async notify(userId: string, text: string): Promise<void> {
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      throw new PlatformRateLimitedError('telegram', 100);
    }
    this.messages.push({ userId, text });
  }
}
