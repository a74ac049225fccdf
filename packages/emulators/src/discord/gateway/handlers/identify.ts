import { guildCreatePayload } from '../../payloads/guild.ts';
import { applicationFlags, currentBotUserPayload } from '../../payloads/user.ts';
import { ALL_INTENT_BITS, disallowedIntents, hasIntent } from '../intents.ts';
import { CloseCode, TRACE } from '../opcodes.ts';
import { GatewaySession } from '../session.ts';
import { isRecord, type OpcodeHandler } from './handler-context.ts';

/** Discord asks bots to shard from 2,500 guilds per shard. */
const GUILDS_PER_SHARD = 2500;

/**
 * Op 2: checks the token (4004), intents (4013 unknown bits, 4014 privileged intents not
 * enabled for the bot) and shard (4010, 4011), then sends READY and a GUILD_CREATE per guild.
 */
export const handleIdentify: OpcodeHandler = (gateway, connection, data) => {
  if (connection.session) return connection.close(CloseCode.AlreadyAuthenticated, 'Already authenticated.');
  if (!isRecord(data) || typeof data.token !== 'string')
    return connection.close(CloseCode.DecodeError, 'Error while decoding payload.');
  const { world, events } = gateway.emulator;
  const application = world.applicationByToken(data.token.replace(/^Bot\s+/i, ''));
  if (!application) return connection.close(CloseCode.AuthenticationFailed, 'Authentication failed.');

  const intents = data.intents;
  if (
    typeof intents !== 'number' ||
    !Number.isInteger(intents) ||
    intents < 0 ||
    (intents & ~ALL_INTENT_BITS) !== 0
  ) {
    return connection.close(CloseCode.InvalidIntents, 'Invalid intent(s).');
  }
  const refused = disallowedIntents(intents, application.privilegedIntents);
  if (refused.length > 0) {
    events.record('gateway.refused', { botUserId: application.botUserId, code: 4014, intents: refused });
    return connection.close(CloseCode.DisallowedIntents, 'Disallowed intent(s).');
  }

  const shard = Array.isArray(data.shard) ? data.shard : [0, 1];
  const [shardId, shardCount] = shard;
  if (
    shard.length !== 2 ||
    !Number.isInteger(shardId) ||
    !Number.isInteger(shardCount) ||
    shardCount < 1 ||
    shardId < 0 ||
    shardId >= shardCount
  ) {
    return connection.close(CloseCode.InvalidShard, 'Invalid shard.');
  }
  const guilds = world.guildsOf(application.botUserId);
  if (guilds.length > GUILDS_PER_SHARD * shardCount) {
    return connection.close(CloseCode.ShardingRequired, 'Sharding required.');
  }

  const largeThreshold =
    typeof data.large_threshold === 'number' ? Math.min(250, Math.max(50, data.large_threshold)) : 50;
  const session = new GatewaySession(
    application,
    intents,
    [shardId, shardCount],
    largeThreshold,
    gateway.replayLimit,
  );
  gateway.sessions.add(session);
  session.attach(connection);
  application.sessionStartsRemaining = Math.max(0, application.sessionStartsRemaining - 1);

  const bot = world.requireUser(application.botUserId);
  const ownGuilds = guilds.filter((guild) => session.covers(guild.id));
  session.dispatch('READY', {
    v: 10,
    user: currentBotUserPayload(bot),
    guilds: ownGuilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: session.id,
    session_type: 'normal',
    resume_gateway_url: gateway.resumeGatewayUrl(),
    // Discord echoes the shard only when IDENTIFY named one.
    ...(Array.isArray(data.shard) ? { shard: [shardId, shardCount] } : {}),
    application: { id: application.id, flags: applicationFlags(application) },
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    user_settings: {},
    auth: {},
    _trace: TRACE,
  });
  events.record('gateway.identified', {
    botUserId: application.botUserId,
    sessionId: session.id,
    intents,
    shard: [shardId, shardCount],
  });
  // GUILD_CREATE belongs to the Guilds intent; without it the guilds stay unavailable.
  if (!hasIntent(intents, 'Guilds')) return;
  for (const guild of ownGuilds) {
    session.dispatch('GUILD_CREATE', guildCreatePayload(world, guild, session.view()));
  }
};
