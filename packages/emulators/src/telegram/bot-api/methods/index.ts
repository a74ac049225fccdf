import { adminRightsMethods } from './admin-rights.ts';
import { botProfileMethods } from './bot-profile.ts';
import { callbackMethods } from './callbacks.ts';
import { chatMethods } from './chats.ts';
import { forwardingMethods } from './forwarding.ts';
import { inlineMethods } from './inline.ts';
import { inviteLinkMethods } from './invite-links.ts';
import { mediaMethods } from './media.ts';
import { mediaGroupMethods } from './media-group.ts';
import { menuButtonMethods } from './menu-button.ts';
import { messageMethods } from './messages.ts';
import type { MethodHandler } from './method.ts';
import { pinMethods } from './pins.ts';
import { pollMethods } from './polls.ts';
import { promotionMethods } from './promotion.ts';
import { reactionMethods } from './reactions.ts';
import { restrictionMethods } from './restrictions.ts';
import { updateMethods } from './updates.ts';

const families = [
  botProfileMethods,
  updateMethods,
  messageMethods,
  mediaMethods,
  mediaGroupMethods,
  forwardingMethods,
  pinMethods,
  reactionMethods,
  pollMethods,
  callbackMethods,
  chatMethods,
  promotionMethods,
  restrictionMethods,
  inviteLinkMethods,
  inlineMethods,
  adminRightsMethods,
  menuButtonMethods,
];

/** Every Bot API method the emulator answers, by lower-cased name (Telegram's names are case-insensitive). */
export const methodsByName: ReadonlyMap<string, { name: string; handler: MethodHandler }> = new Map(
  families.flatMap((family) =>
    Object.entries(family).map(([name, handler]) => [name.toLowerCase(), { name, handler }] as const),
  ),
);
