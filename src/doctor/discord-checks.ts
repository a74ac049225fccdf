import { type CheckResult, failed, passed, reasonOf } from './check-result.ts';

/** A Discord role a rank or an achievement hands out. */
export interface MappedRole {
  /** What maps it, for the report: "rank Gold", "achievement First Steps". */
  owner: string;
  roleId: string;
}

interface GuildRole {
  id: string;
  name: string;
  position: number;
  permissions: string;
  /** Kept by an integration (a bot's own role, a booster or subscription role): nobody assigns it. */
  managed?: boolean;
}

const ApplicationFlag = {
  GuildMembers: 1 << 14,
  GuildMembersLimited: 1 << 15,
  MessageContent: 1 << 18,
  MessageContentLimited: 1 << 19,
};
const Permission = { Administrator: 1n << 3n, SendMessages: 1n << 11n, ManageRoles: 1n << 28n };
const portal = 'Discord Developer Portal → your application → Bot';

export interface DiscordSettings {
  token: string;
  guildId: string;
  apiRoot?: string;
  mappedRoles: MappedRole[];
}

/** The bot token, the guild, the privileged intents, and Tandem's role against every role it hands out. */
export async function checkDiscord(settings: DiscordSettings): Promise<CheckResult[]> {
  const base = `${(settings.apiRoot ?? 'https://discord.com/api').replace(/\/$/, '')}/v10`;
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${base}${path}`, {
        headers: { Authorization: `Bot ${settings.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await res.json().catch(() => ({}))) as T & { retry_after?: number };
      // Discord's rate limit says how long to wait; a few waits are part of asking, not a problem.
      if (res.status !== 429 || attempt >= 4) return { status: res.status, body };
      await new Promise((resolve) => setTimeout(resolve, Math.min((body.retry_after ?? 1) * 1000, 10_000)));
    }
  };

  let me: { status: number; body: { id: string; username: string } };
  try {
    me = await get('/users/@me');
  } catch (error) {
    return [
      failed(
        'Discord token',
        `the Discord API did not answer: ${reasonOf(error)}`,
        'Check the network to discord.com.',
      ),
    ];
  }
  if (me.status === 401) {
    return [
      failed(
        'Discord token',
        'the Discord token is wrong (the API answered 401 Unauthorized)',
        `Reset the token in ${portal} → Reset Token, and put it in DISCORD_BOT_TOKEN.`,
      ),
    ];
  }
  if (me.status !== 200)
    return [failed('Discord token', `GET /users/@me answered ${me.status}`, 'Try again later.')];
  const bot = me.body;
  const results = [passed('Discord token', `valid: ${bot.username}`)];

  const app = await get<{ id: string; flags?: number }>('/applications/@me');
  results.push(...intentChecks(app.body.flags ?? 0));

  const guild = await get<{ name: string; roles: GuildRole[] }>(`/guilds/${settings.guildId}`);
  if (guild.status !== 200 && guild.status !== 403 && guild.status !== 404) {
    results.push(
      failed('Discord server', `GET /guilds answered ${guild.status}`, 'Run the doctor again in a minute.'),
    );
    return results;
  }
  if (guild.status !== 200) {
    const invite = `https://discord.com/oauth2/authorize?client_id=${app.body.id}&scope=bot%20applications.commands&permissions=${Permission.ManageRoles | Permission.SendMessages}`;
    results.push(
      failed(
        'Discord server',
        `the bot is not in the server DISCORD_GUILD_ID=${settings.guildId} (GET /guilds answered ${guild.status})`,
        `Invite the bot with ${invite}, or correct DISCORD_GUILD_ID (right-click the server → Copy Server ID).`,
      ),
    );
    return results;
  }
  results.push(passed('Discord server', `the bot is in ${guild.body.name}`));
  const member = await get<{ roles: string[] }>(`/guilds/${settings.guildId}/members/${bot.id}`);
  results.push(
    ...roleChecks(guild.body.roles, settings.guildId, member.body.roles ?? [], settings.mappedRoles),
  );
  return results;
}

function intentChecks(flags: number): CheckResult[] {
  const intent = (name: string, toggle: string, full: number, limited: number): CheckResult =>
    flags & (full | limited)
      ? passed(`Discord ${name} intent`, `${toggle} is enabled`)
      : failed(
          `Discord ${name} intent`,
          `${toggle} is off: the gateway refuses Tandem's connection without it`,
          `Turn on "${toggle}" under Privileged Gateway Intents in ${portal}.`,
        );
  return [
    intent(
      'members',
      'Server Members Intent',
      ApplicationFlag.GuildMembers,
      ApplicationFlag.GuildMembersLimited,
    ),
    intent(
      'message content',
      'Message Content Intent',
      ApplicationFlag.MessageContent,
      ApplicationFlag.MessageContentLimited,
    ),
  ];
}

function roleChecks(
  roles: GuildRole[],
  guildId: string,
  botRoleIds: string[],
  mapped: MappedRole[],
): CheckResult[] {
  const byId = new Map(roles.map((role) => [role.id, role]));
  const own = botRoleIds.map((id) => byId.get(id)).filter((role): role is GuildRole => role !== undefined);
  const everyone = byId.get(guildId);
  const top = own.reduce<GuildRole | undefined>((a, b) => (!a || b.position > a.position ? b : a), undefined);
  const topName = top?.name ?? 'Tandem';
  const permissions = [...own, ...(everyone ? [everyone] : [])].reduce(
    (sum, role) => sum | BigInt(role.permissions),
    0n,
  );
  const has = (bit: bigint) => (permissions & Permission.Administrator) !== 0n || (permissions & bit) !== 0n;
  const results: CheckResult[] = [
    has(Permission.ManageRoles)
      ? passed('Discord Manage Roles', `${topName} may manage roles`)
      : failed(
          'Discord Manage Roles',
          `the bot's roles lack Manage Roles: it cannot hand out rank roles`,
          `Give the ${topName} role the Manage Roles permission in Server Settings → Roles.`,
        ),
    // Tandem writes to players in their DMs, which need no permission; where it posts in the
    // server's channels (its answers there, announcements) the server must let it send.
    has(Permission.SendMessages)
      ? passed('Discord Send Messages', `${topName} may send messages in the server's channels`)
      : failed(
          'Discord Send Messages',
          `the bot's roles lack Send Messages: it cannot post in the server's channels (its DMs to players need none)`,
          `Give the ${topName} role the Send Messages permission in Server Settings → Roles (or allow it in the channels Tandem posts in).`,
        ),
  ];
  for (const { owner, roleId } of mapped) {
    const role = byId.get(roleId);
    if (roleId === guildId) {
      results.push(
        failed(
          `Discord role of ${owner}`,
          '@everyone is every member’s role: no bot can give or take it',
          `Pick a role of its own for ${owner} in the admin panel (create one in Server Settings → Roles if needed).`,
        ),
      );
    } else if (role?.managed) {
      results.push(
        failed(
          `Discord role of ${owner}`,
          `${role.name} is managed by an integration (a bot's own role, a booster or subscription role): no bot can assign it`,
          `Pick another role for ${owner} in the admin panel.`,
        ),
      );
    } else if (!role) {
      results.push(
        failed(
          `Discord role of ${owner}`,
          `role ${roleId} no longer exists in the server`,
          `Pick another role for ${owner} in the admin panel.`,
        ),
      );
    } else if (!top || role.position >= top.position) {
      results.push(
        failed(
          `Discord role of ${owner}`,
          `${role.name} is above or level with ${topName}: the bot cannot assign it`,
          `Move the ${topName} role above ${role.name} in Server Settings → Roles.`,
        ),
      );
    } else {
      results.push(passed(`Discord role of ${owner}`, `${role.name} is below ${topName}`));
    }
  }
  return results;
}
