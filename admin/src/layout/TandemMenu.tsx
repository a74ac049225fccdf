import AccountTreeIcon from '@mui/icons-material/AccountTree';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import HealthAndSafetyIcon from '@mui/icons-material/HealthAndSafety';
import ImportExportIcon from '@mui/icons-material/ImportExport';
import LanguageIcon from '@mui/icons-material/Language';
import LeaderboardIcon from '@mui/icons-material/Leaderboard';
import MilitaryTechIcon from '@mui/icons-material/MilitaryTech';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import StorefrontIcon from '@mui/icons-material/Storefront';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import SyncIcon from '@mui/icons-material/Sync';
import TuneIcon from '@mui/icons-material/Tune';
import { ListItemIcon, MenuItem, Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { Menu, useCanAccess, useSidebarState, useTranslate } from 'react-admin';
import { AnnouncementsIcon, announcementsPath } from '../announcements/index.ts';

function Section({ label }: { label: string }) {
  const [open] = useSidebarState();
  const translate = useTranslate();
  if (!open) return null;
  return (
    <Typography
      variant="overline"
      component="div"
      sx={{ px: 3, pt: 2, pb: 0.5, color: 'text.secondary', fontWeight: 700, lineHeight: 1.5 }}
    >
      {translate(label)}
    </Typography>
  );
}

/** Bull Board is a page of its own (served by the API), so it opens in a new tab. */
function QueuesMenuItem() {
  const [open] = useSidebarState();
  const translate = useTranslate();
  return (
    <MenuItem
      component="a"
      href="/admin/queues"
      target="_blank"
      rel="noopener"
      sx={{ margin: '1px 8px', borderRadius: 1, color: 'text.secondary' }}
    >
      <ListItemIcon sx={{ color: 'text.secondary' }}>
        <AccountTreeIcon />
      </ListItemIcon>
      {open ? (
        <>
          <Typography variant="inherit" noWrap sx={{ flexGrow: 1 }}>
            {translate('tandem.menu.queues')}
          </Typography>
          <OpenInNewIcon fontSize="inherit" />
        </>
      ) : null}
    </MenuItem>
  );
}

function AccessItems() {
  const { canAccess } = useCanAccess({ resource: 'admins', action: 'list' });
  if (!canAccess) return null;
  return (
    <>
      <Section label="tandem.menu.access" />
      <Menu.ResourceItem name="admins" />
      <Menu.ResourceItem name="audit" />
    </>
  );
}

/** A setting's own page: admins edit it, operators read it. */
function SettingItem({ id, label, icon }: { id: string; label: string; icon: ReactElement }) {
  const { canAccess } = useCanAccess({ resource: 'settings', action: 'edit' });
  return (
    <Menu.Item
      to={canAccess ? `/settings/${id}` : `/settings/${id}/show`}
      primaryText={label}
      leftIcon={icon}
    />
  );
}

/** The sidebar, grouped the way an admin thinks about Tandem. */
export function TandemMenu() {
  return (
    <Menu>
      <Menu.DashboardItem />
      <Section label="tandem.menu.community" />
      <Menu.ResourceItem name="players" />
      <Menu.ResourceItem name="task_submissions" />
      <Menu.ResourceItem name="payouts" />
      <Menu.ResourceItem name="shop_purchases" />
      <Menu.ResourceItem name="ledger" />
      <Menu.Item to="/import-export" primaryText="tandem.importExport.menu" leftIcon={<ImportExportIcon />} />
      <Menu.ResourceItem name="telegram-chats" />
      <Section label="tandem.menu.sync" />
      {/* Under the Sync heading the short names say enough (and fit the sidebar in Russian). */}
      <Menu.Item to="/sync_events" primaryText="tandem.menu.syncEvents" leftIcon={<SyncIcon />} />
      <Menu.Item to="/sync_states" primaryText="tandem.menu.syncStates" leftIcon={<FactCheckIcon />} />
      <QueuesMenuItem />
      <Menu.ResourceItem name="alert_incidents" />
      <Menu.Item to="/setup-check" primaryText="tandem.setupCheck.menu" leftIcon={<HealthAndSafetyIcon />} />
      <Section label="tandem.menu.economy" />
      <Menu.ResourceItem name="ranks" />
      <Menu.ResourceItem name="achievements" />
      <SettingItem id="economy" label="tandem.menu.earningRules" icon={<TuneIcon />} />
      <SettingItem id="rank-roles" label="tandem.menu.rankRoles" icon={<MilitaryTechIcon />} />
      <Menu.ResourceItem name="boosts" />
      <Menu.Item to="/shop_items" primaryText="tandem.shop.menu" leftIcon={<StorefrontIcon />} />
      <SettingItem id="transfers" label="tandem.transfers.menu" icon={<SwapHorizIcon />} />
      <Menu.Item
        to={announcementsPath}
        primaryText="tandem.announcements.title"
        leftIcon={<AnnouncementsIcon />}
      />
      <SettingItem id="leaderboard" label="tandem.leaderboardSettings.menu" icon={<LeaderboardIcon />} />
      <Section label="tandem.menu.botContent" />
      <Menu.ResourceItem name="menu_buttons" />
      <Menu.ResourceItem name="scenarios" />
      <Menu.ResourceItem name="tasks" />
      <Menu.ResourceItem name="seasons" />
      <Menu.ResourceItem name="texts" />
      <SettingItem id="language" label="tandem.menu.defaultLanguage" icon={<LanguageIcon />} />
      <AccessItems />
    </Menu>
  );
}
