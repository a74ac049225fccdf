import express, { type Router } from 'express';
import { z } from 'zod';
import { announcementSettingsKey } from '../../announcements/announcement-settings.ts';
import {
  readAnnouncementSettings,
  saveAnnouncementSettings,
} from '../../announcements/save-announcement-settings.ts';
import { parseInput } from '../../core/parse-input.ts';
import { leaderboardSettingsKey } from '../../leaderboard/leaderboard-settings.ts';
import {
  readLeaderboardSettings,
  saveLeaderboardSettings,
} from '../../leaderboard/save-leaderboard-settings.ts';
import { rankRoleSettingsKey } from '../../roles/rank-role-settings.ts';
import { readRankRoleSettings, saveRankRoleSettings } from '../../roles/save-rank-role-settings.ts';
import { economySettingsKey } from '../../settings/economy-settings.ts';
import { readEconomySettings, saveEconomySettings } from '../../settings/save-economy-settings.ts';
import { queueReconcileNow } from '../../sync/maintenance/reconcile/queue-reconcile.ts';
import { languageSettingsKey } from '../../texts/language-settings.ts';
import { readLanguageSettings, saveLanguageSettings } from '../../texts/save-language-settings.ts';
import {
  readTransferSettings,
  saveTransferSettings,
  transferSettingsKey,
} from '../../transfers/transfer-settings.ts';
import { auditedDeps } from '../audit/write-as-admin.ts';
import type { AdminApiDeps } from '../deps.ts';
import { filterSchema, oneOrMany } from '../rest/filters.ts';
import type { ListSpec } from '../rest/list-query.ts';
import { notFound } from '../rest/record-id.ts';
import { objectBody } from '../rest/request-body.ts';
import { addListRoute } from '../rest/resource-routes.ts';

/**
 * Settings, one record per key. A record carries its whole value at the top level (`message`,
 * `voice`...), so a form field `message.minXp` is the path a validation error names.
 */

const settingKeys = [
  economySettingsKey,
  languageSettingsKey,
  rankRoleSettingsKey,
  announcementSettingsKey,
  leaderboardSettingsKey,
  transferSettingsKey,
] as const;
type SettingKey = (typeof settingKeys)[number];
const descriptions: Record<SettingKey, string> = {
  economy: 'Earning rules: message and voice XP, the daily reward, the game, role multipliers',
  language: "The community's default language: for players whose client speaks none Tandem knows",
  'rank-roles': 'Rank roles on Discord: only the current rank (replace) or every rank up to it (stack)',
  announcements: 'Where rank-ups and achievements are announced: a Discord channel, a Telegram group, DMs',
  leaderboard: 'The public leaderboard, and who stays on the boards after leaving or a ban',
  transfers:
    'Coins players pay each other (/pay): a daily limit per sender (0 turns it off), a minimum account age',
};

function settingKeyOf(key: string): SettingKey {
  if (!(settingKeys as readonly string[]).includes(key)) throw notFound('setting', key);
  return key as SettingKey;
}

const settingFilter = filterSchema({
  id: oneOrMany(z.enum(settingKeys, { message: `must be one of ${settingKeys.join(', ')}` })),
});

export const settingList: ListSpec<z.output<typeof settingFilter>> = {
  sortable: { id: 'id' },
  defaultSort: { field: 'id', order: 'asc' },
  filter: settingFilter,
};

/** The version the admin opened: 0 while nothing was ever saved (the defaults apply). */
const saveBody = z.object({
  version: z.number({ message: 'must be the version number you opened' }).int().min(0).optional(),
});

/** A setting as the panel edits it; each key has its own reader. */
function readSetting(deps: AdminApiDeps, key: SettingKey) {
  switch (key) {
    case 'economy':
      return economyRecord(deps);
    case 'language':
      return languageRecord(deps);
    case 'rank-roles':
      return rankRoleRecord(deps);
    case 'announcements':
      return announcementsRecord(deps);
    case 'leaderboard':
      return leaderboardRecord(deps);
    case 'transfers':
      return transfersRecord(deps);
  }
}

async function rankRoleRecord(deps: AdminApiDeps) {
  const { value, version, updatedAt } = await readRankRoleSettings(deps);
  return { id: rankRoleSettingsKey, description: descriptions['rank-roles'], version, updatedAt, ...value };
}

async function announcementsRecord(deps: AdminApiDeps) {
  const { value, version, updatedAt } = await readAnnouncementSettings(deps);
  return {
    id: announcementSettingsKey,
    description: descriptions.announcements,
    version,
    updatedAt,
    ...value,
  };
}

async function languageRecord(deps: AdminApiDeps) {
  const { value, version, updatedAt } = await readLanguageSettings(deps);
  return { id: languageSettingsKey, description: descriptions.language, version, updatedAt, ...value };
}

async function leaderboardRecord(deps: AdminApiDeps) {
  const { value, version, updatedAt } = await readLeaderboardSettings(deps);
  return { id: leaderboardSettingsKey, description: descriptions.leaderboard, version, updatedAt, ...value };
}

async function transfersRecord(deps: AdminApiDeps) {
  const { value, version, updatedAt } = await readTransferSettings(deps);
  return { id: transferSettingsKey, description: descriptions.transfers, version, updatedAt, ...value };
}

async function economyRecord(deps: AdminApiDeps) {
  const { value, version, updatedAt } = await readEconomySettings(deps);
  return {
    id: economySettingsKey,
    description: descriptions.economy,
    version,
    updatedAt,
    ...value,
  };
}

export function createSettingsRouter(deps: AdminApiDeps): Router {
  const router = express.Router();

  addListRoute(router, 'settings', settingList, async (query) => {
    const keys = settingKeys.filter((key) => !query.filter.id || query.filter.id.includes(key));
    const records = await Promise.all(keys.map((key) => readSetting(deps, key)));
    const page = query.sort.order === 'desc' ? records.reverse() : records;
    return { total: records.length, records: page.slice(query.skip, query.skip + query.take) };
  });

  router.get('/:key', async (req, res) => {
    res.json(await readSetting(deps, settingKeyOf(req.params.key)));
  });

  router.put('/:key', async (req, res) => {
    const key = settingKeyOf(req.params.key);
    const {
      id: _id,
      description: _description,
      version: _version,
      updatedAt: _at,
      ...value
    } = objectBody(req);
    const { version } = parseInput(saveBody, req.body ?? {}, `${key} settings`);
    const audited = auditedDeps(deps, req, 'save');
    if (key === 'language') await saveLanguageSettings(audited, { value, expectedVersion: version });
    else if (key === 'rank-roles') {
      const refreshMembers = (saved: number) => queueReconcileNow(deps.queues, `rank-roles-mode-${saved}`);
      await saveRankRoleSettings({ ...audited, refreshMembers }, { value, expectedVersion: version });
    } else if (key === 'announcements')
      await saveAnnouncementSettings(audited, { value, expectedVersion: version });
    else if (key === 'leaderboard')
      await saveLeaderboardSettings(audited, { value, expectedVersion: version });
    else if (key === 'transfers') await saveTransferSettings(audited, { value, expectedVersion: version });
    else await saveEconomySettings(audited, { value, expectedVersion: version });
    res.json(await readSetting(deps, key));
  });

  return router;
}
