import type { RaRecord } from 'react-admin';

/**
 * The `economy` setting is one JSON value (see src/economy/earning-rules.ts on the server). The form
 * edits it as sections at the top level of the record, so the API's field errors (`message.minXp`)
 * land next to their inputs unchanged; only the role multipliers change shape, from an object keyed
 * by role id to a list of rows a person can add to and remove from.
 */

export interface RoleMultiplierRow {
  roleId: string;
  multiplier: number;
}

/**
 * Channel multipliers as the form edits them: one row per factor with the chats it applies to (the
 * stored value maps each Discord channel or Telegram group id to its factor).
 */
export interface ChannelMultiplierRow {
  chatIds: string[];
  multiplier: number;
}

export interface EconomyForm extends RaRecord {
  id: string;
  version: number;
  updatedAt?: string;
  message: {
    minXp: number;
    maxXp: number;
    cooldownSeconds: number;
    minLength: number;
    noXpChannelIds: string[];
    noXpRoleIds: string[];
  };
  voice: { xpPerMinute: number; minMembers: number; afkChannelId: string | null };
  daily: {
    baseXp: number;
    baseCoins: number;
    streakBonusXp: number;
    maxStreakBonusDays: number;
    graceHours: number;
  };
  game: { winXp: number; winCoins: number; maxNumber: number; maxAttempts: number; dailyGameLimit: number };
  roleMultipliers: RoleMultiplierRow[];
  channelMultipliers: ChannelMultiplierRow[];
  globalMultiplier: number;
}

const sections = ['message', 'voice', 'daily', 'game'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The API's record (the value's sections at the top level, or under `value`) as the form's record. */
export function economyFromApi(record: RaRecord): EconomyForm {
  const value = isObject(record.value) ? record.value : record;
  const multipliers = isObject(value.roleMultipliers) ? value.roleMultipliers : {};
  const form: Record<string, unknown> = {
    id: record.id ?? 'economy',
    version: record.version,
    updatedAt: record.updatedAt,
    roleMultipliers: Object.entries(multipliers).map(([roleId, multiplier]) => ({
      roleId,
      multiplier: Number(multiplier),
    })),
  };
  for (const section of sections) form[section] = isObject(value[section]) ? value[section] : {};
  const byChat = isObject(value.channelMultipliers) ? value.channelMultipliers : {};
  const rows = new Map<number, string[]>();
  for (const [chatId, multiplier] of Object.entries(byChat)) {
    rows.set(Number(multiplier), [...(rows.get(Number(multiplier)) ?? []), chatId]);
  }
  form.channelMultipliers = [...rows].map(([multiplier, chatIds]) => ({ chatIds, multiplier }));
  form.globalMultiplier = typeof value.globalMultiplier === 'number' ? value.globalMultiplier : 1;
  return form as EconomyForm;
}

/**
 * The body of `PUT /api/settings/economy`: the whole value, its sections at the top level as the API
 * sends them, and the version the admin edited (0 while only the defaults ever applied).
 */
export function economyToApi(form: Partial<EconomyForm>): Record<string, unknown> {
  const body: Record<string, unknown> = { version: form.version };
  for (const section of sections) body[section] = form[section];
  body.roleMultipliers = Object.fromEntries(
    (form.roleMultipliers ?? []).map((row) => [row.roleId.trim(), Number(row.multiplier)]),
  );
  body.channelMultipliers = Object.fromEntries(
    (form.channelMultipliers ?? []).flatMap((row) =>
      (row.chatIds ?? []).map((chatId) => [chatId.trim(), Number(row.multiplier)]),
    ),
  );
  body.globalMultiplier = Number(form.globalMultiplier ?? 1);
  return body;
}

type FieldErrors = Record<string, unknown>;

/**
 * Moves the API's error paths onto the form: `value.` prefixes dropped, `message.noXpChannelIds.2` to
 * the list input, `roleMultipliers.<roleId>` to that row's multiplier and
 * `roleMultipliers.<roleId>.roleId` (a role the server lacks) to that row's role.
 */
export function economyErrorsFromApi(errors: FieldErrors, form: Partial<EconomyForm>): FieldErrors {
  const mapped: FieldErrors = {};
  const rows = form.roleMultipliers ?? [];
  const chatRows = form.channelMultipliers ?? [];
  for (const [path, message] of Object.entries(errors)) {
    if (path === 'root') {
      mapped.root = message;
      continue;
    }
    const parts = path.replace(/^value\./, '').split('.');
    if (parts[0] === 'roleMultipliers' && parts.length > 1) {
      const index = rows.findIndex((row) => row.roleId.trim() === parts[1]);
      const input = parts[2] === 'roleId' ? 'roleId' : 'multiplier';
      mapped[index >= 0 ? `roleMultipliers.${index}.${input}` : 'roleMultipliers'] = message;
    } else if (parts[0] === 'channelMultipliers' && parts.length > 1) {
      const index = chatRows.findIndex((row) => (row.chatIds ?? []).some((id) => id.trim() === parts[1]));
      const input = parts[2] === 'chatId' ? 'chatIds' : 'multiplier';
      mapped[index >= 0 ? `channelMultipliers.${index}.${input}` : 'channelMultipliers'] = message;
    } else if (parts[0] === 'message' && (parts[1] === 'noXpChannelIds' || parts[1] === 'noXpRoleIds')) {
      mapped[`message.${parts[1]}`] = message;
    } else {
      mapped[parts.join('.')] = message;
    }
  }
  return mapped;
}
