import type { ShopItemKind } from './shop-records.ts';

/** The fields only one kind of item uses; the API refuses them filled on another kind. */
const kindFields: Record<ShopItemKind, readonly string[]> = {
  discord_role: ['discordRoleId', 'durationDays'],
  telegram_title: ['telegramChatId', 'telegramTitle'],
  custom: [],
};
const allKindFields = ['discordRoleId', 'durationDays', 'telegramChatId', 'telegramTitle'];
const nullable = [
  'stock',
  'perPlayerLimit',
  'availableFrom',
  'availableUntil',
  'minRankId',
  ...allKindFields,
];

/**
 * The form's values as the API takes them: an emptied field is null (unlimited, no window, any
 * rank, for good), and the fields of the kinds not chosen are dropped to null, so switching the kind
 * while creating leaves nothing behind that the API would refuse.
 */
export function itemBody<T extends Record<string, unknown>>(values: T): T {
  const body: Record<string, unknown> = { ...values };
  for (const field of nullable) if (body[field] === '' || body[field] === undefined) body[field] = null;
  const kept = kindFields[body.kind as ShopItemKind] ?? [];
  for (const field of allKindFields) if (!kept.includes(field)) body[field] = null;
  if (body.description === null || body.description === undefined) body.description = '';
  return body as T;
}
