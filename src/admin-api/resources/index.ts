import express, { type Router } from 'express';
import { createAuditRouter } from '../audit/audit-routes.ts';
import type { AdminApiDeps } from '../deps.ts';
import { createAchievementsRouter } from './achievements.ts';
import { createAdminsRouter } from './admins.ts';
import { createAlertIncidentsRouter } from './alert-incidents.ts';
import { createBoostsRouter } from './boosts.ts';
import { createDashboardRouter } from './dashboard.ts';
import { createDiscordGuildRouter } from './discord-guild.ts';
import { createLedgerRouter } from './ledger.ts';
import { createMenuButtonsRouter } from './menu-buttons.ts';
import { createPagerRouter } from './pager.ts';
import { createPayoutsRouter } from './payouts.ts';
import { createPlayersRouter } from './players.ts';
import { createRanksRouter } from './ranks.ts';
import { createReconcileAuditRouter } from './reconcile-audit.ts';
import { createScenariosRouter } from './scenarios.ts';
import { createSeasonsRouter } from './seasons.ts';
import { createSettingsRouter } from './settings.ts';
import { createSetupCheckRouter } from './setup-check.ts';
import { createShopItemsRouter } from './shop-items.ts';
import { createShopPurchasesRouter } from './shop-purchases.ts';
import { createSyncEventsRouter } from './sync-events.ts';
import { createSyncStatesRouter } from './sync-states.ts';
import { createTaskSubmissionsRouter } from './task-submissions.ts';
import { createTasksRouter } from './tasks.ts';
import { createTelegramChatsRouter } from './telegram-chats.ts';
import { createTextsRouter } from './texts.ts';
import { createXpTransferRouter } from './xp-transfer.ts';

/**
 * The REST resources of the admin panel, in ra-data-simple-rest's dialect, mounted under `/api`
 * behind the session and role guards. Each path is a react-admin resource name and the entity its
 * changes are announced under.
 */
export function createResourcesRouter(deps: AdminApiDeps): Router {
  const router = express.Router();
  router.use(createXpTransferRouter(deps)); // before the parser: the import reads a larger body itself
  // The API parses JSON before its guards; a router mounted on its own parses it here (a body
  // parsed already is left alone).
  router.use(express.json({ limit: '1mb' }));
  router.use('/players', createPlayersRouter(deps));
  router.use('/ledger', createLedgerRouter(deps));
  router.use('/sync_events', createSyncEventsRouter(deps));
  router.use('/sync_states', createSyncStatesRouter(deps));
  router.use('/reconcile', createReconcileAuditRouter(deps));
  // `/discord/guild`, and `/ranks/create-discord-roles` ahead of the rank records' routes.
  router.use(createDiscordGuildRouter(deps));
  router.use('/ranks', createRanksRouter(deps));
  router.use('/achievements', createAchievementsRouter(deps));
  router.use('/menu_buttons', createMenuButtonsRouter(deps));
  router.use('/scenarios', createScenariosRouter(deps));
  router.use('/tasks', createTasksRouter(deps));
  router.use('/task_submissions', createTaskSubmissionsRouter(deps));
  router.use('/payouts', createPayoutsRouter(deps));
  router.use('/settings', createSettingsRouter(deps));
  router.use('/texts', createTextsRouter(deps));
  router.use('/admins', createAdminsRouter(deps));
  router.use('/dashboard', createDashboardRouter(deps));
  router.use('/audit', createAuditRouter(deps));
  router.use('/setup-check', createSetupCheckRouter(deps));
  router.use('/telegram-chats', createTelegramChatsRouter(deps));
  router.use('/seasons', createSeasonsRouter(deps));
  router.use('/boosts', createBoostsRouter(deps));
  router.use('/shop_items', createShopItemsRouter(deps));
  router.use('/shop_purchases', createShopPurchasesRouter(deps));
  router.use('/alert_incidents', createAlertIncidentsRouter(deps));
  // The signed-in admin's own pager settings (not a react-admin resource).
  router.use('/pager', createPagerRouter(deps));
  return router;
}
