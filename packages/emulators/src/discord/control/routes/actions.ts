import type { Router } from 'express';
import { typeIntoAutocomplete } from '../../actions/autocomplete.ts';
import { openDmChannel } from '../../actions/channels.ts';
import { pressComponent, runSlashCommand } from '../../actions/interaction-create.ts';
import { updateMember } from '../../actions/member-update.ts';
import { postMessage } from '../../actions/messages.ts';
import { submitModal } from '../../actions/modal-submit.ts';
import { addReaction, parseEmoji, removeReaction } from '../../actions/reactions.ts';
import { addThreadMember, isThread, removeThreadMember } from '../../actions/threads.ts';
import { leaveVoice, setVoiceState } from '../../actions/voice.ts';
import { memberPayload } from '../../payloads/guild.ts';
import { messagePayload } from '../../payloads/message.ts';
import type { ControlDeps } from '../control-deps.ts';
import { ControlError, type ControlInput, controlRoute, parseInput, requireParam } from '../control-route.ts';
import {
  autocompleteBody,
  componentBody,
  directMessageBody,
  modalSubmitBody,
  moderatorRolesBody,
  slashCommandBody,
  userMessageBody,
  voiceBody,
} from '../schemas.ts';
import { interactionView } from '../views.ts';

/**
 * What users and moderators do: messages, reactions, DMs, slash commands (and typing into their
 * autocomplete options), buttons, modal submissions, voice, role changes.
 */
export function mountActionRoutes(router: Router, deps: ControlDeps): void {
  const ctx = deps.emulator;
  const { world } = ctx;

  controlRoute(router, 'post', '/channels/:channelId/messages', (input) => {
    const channel = world.requireChannel(requireParam(input, 'channelId'));
    const body = parseInput(userMessageBody, input.body);
    if (channel.guildId) world.requireMember(world.requireGuild(channel.guildId), body.authorId);
    else if (!channel.recipientIds.includes(body.authorId))
      throw new ControlError(400, 'Author is not in this DM');
    if (!body.content && !body.embeds?.length)
      throw new ControlError(400, 'A message needs content or embeds');
    const message = postMessage(ctx, {
      channelId: channel.id,
      authorId: body.authorId,
      content: body.content,
      embeds: body.embeds,
      mentionUserIds: body.mentions,
    });
    return { status: 201, body: messagePayload(world, message) };
  });

  // A member reacts to a message, or takes the reaction back (MESSAGE_REACTION_ADD / _REMOVE).
  const reactionTarget = (input: ControlInput) => {
    const channel = world.requireChannel(requireParam(input, 'channelId'));
    const message = world.requireMessage(requireParam(input, 'messageId'));
    if (message.channelId !== channel.id) throw new ControlError(404, 'The message is not in this channel');
    const userId = requireParam(input, 'userId');
    if (channel.guildId) world.requireMember(world.requireGuild(channel.guildId), userId);
    else if (!channel.recipientIds.includes(userId))
      throw new ControlError(400, 'The user is not in this DM');
    return { message, userId, emoji: parseEmoji(requireParam(input, 'emoji')) };
  };
  const reactionPath = '/channels/:channelId/messages/:messageId/reactions/:emoji/:userId';
  controlRoute(router, 'put', reactionPath, (input) => {
    const { message, userId, emoji } = reactionTarget(input);
    addReaction(ctx, message, userId, emoji);
    return { body: messagePayload(world, message) };
  });
  controlRoute(router, 'delete', reactionPath, (input) => {
    const { message, userId, emoji } = reactionTarget(input);
    removeReaction(ctx, message, userId, emoji);
    return { body: messagePayload(world, message) };
  });

  // A member joins or leaves a thread (THREAD_MEMBERS_UPDATE).
  const threadOf = (input: ControlInput) => {
    const channel = world.requireChannel(requireParam(input, 'channelId'));
    if (!isThread(channel)) throw new ControlError(400, 'The channel is not a thread');
    return channel;
  };
  controlRoute(router, 'put', '/channels/:channelId/thread-members/:userId', (input) => {
    addThreadMember(ctx, threadOf(input), requireParam(input, 'userId'));
    return {};
  });
  controlRoute(router, 'delete', '/channels/:channelId/thread-members/:userId', (input) => {
    removeThreadMember(ctx, threadOf(input), requireParam(input, 'userId'));
    return {};
  });

  controlRoute(router, 'post', '/dms', (input) => {
    const body = parseInput(directMessageBody, input.body);
    world.requireUser(body.userId);
    const bots = [...world.applications.values()].map((app) => app.botUserId);
    const botUserId = body.botUserId ?? (bots.length === 1 ? bots[0] : undefined);
    if (!botUserId) throw new ControlError(400, 'Say which bot the DM is for (botUserId)');
    world.requireUser(botUserId);
    const channel = openDmChannel(ctx, botUserId, body.userId);
    const message = postMessage(ctx, { channelId: channel.id, authorId: body.userId, content: body.content });
    return { status: 201, body: { channelId: channel.id, message: messagePayload(world, message) } };
  });

  controlRoute(router, 'post', '/interactions/commands', (input) => {
    const interaction = runSlashCommand(ctx, parseInput(slashCommandBody, input.body));
    return { status: 201, body: interactionView(world, interaction) };
  });

  controlRoute(router, 'post', '/interactions/autocomplete', (input) => {
    const interaction = typeIntoAutocomplete(ctx, parseInput(autocompleteBody, input.body));
    return { status: 201, body: interactionView(world, interaction) };
  });

  controlRoute(router, 'post', '/interactions/modals', (input) => {
    const interaction = submitModal(ctx, parseInput(modalSubmitBody, input.body));
    return { status: 201, body: interactionView(world, interaction) };
  });

  const pressHandler = (input: { body: unknown }) => {
    const interaction = pressComponent(ctx, parseInput(componentBody, input.body));
    return { status: 201, body: interactionView(world, interaction) };
  };
  controlRoute(router, 'post', '/interactions/components', pressHandler);
  controlRoute(router, 'post', '/interactions/buttons', pressHandler);

  controlRoute(router, 'put', '/guilds/:guildId/voice/:userId', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const state = setVoiceState(ctx, guild, requireParam(input, 'userId'), parseInput(voiceBody, input.body));
    return { body: { ...state } };
  });

  controlRoute(router, 'delete', '/guilds/:guildId/voice/:userId', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const userId = requireParam(input, 'userId');
    world.requireMember(guild, userId);
    leaveVoice(ctx, guild, userId);
    return {};
  });

  controlRoute(router, 'post', '/guilds/:guildId/members/:userId/roles', (input) => {
    const guild = world.requireGuild(requireParam(input, 'guildId'));
    const userId = requireParam(input, 'userId');
    const body = parseInput(moderatorRolesBody, input.body);
    if (body.moderatorId) world.requireMember(guild, body.moderatorId);
    const result = updateMember(
      ctx,
      guild,
      userId,
      body.set ? { roles: body.set } : { addRoles: body.add ?? [], removeRoles: body.remove ?? [] },
      { userId: body.moderatorId ?? guild.ownerId, kind: 'moderator', reason: body.reason ?? null },
    );
    return {
      body: {
        member: memberPayload(result.member, world.requireUser(userId)),
        added: result.added,
        removed: result.removed,
      },
    };
  });
}
