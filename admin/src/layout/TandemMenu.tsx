import AccountTreeIcon from '@mui/icons-material/AccountTree';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import TuneIcon from '@mui/icons-material/Tune';
import { ListItemIcon, MenuItem, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Menu, useCanAccess, useSidebarState } from 'react-admin';

function Section({ children }: { children: ReactNode }) {
  const [open] = useSidebarState();
  if (!open) return null;
  return (
    <Typography
      variant="overline"
      component="div"
      sx={{ px: 3, pt: 2, pb: 0.5, color: 'text.secondary', fontWeight: 700, lineHeight: 1.5 }}
    >
      {children}
    </Typography>
  );
}

/** Bull Board is a page of its own (served by the API), so it opens in a new tab. */
function QueuesMenuItem() {
  const [open] = useSidebarState();
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
            Queues
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
      <Section>Access</Section>
      <Menu.ResourceItem name="admins" />
      <Menu.ResourceItem name="audit" />
    </>
  );
}

/** Admins edit the earning rules; operators read them. */
function EarningRulesItem() {
  const { canAccess } = useCanAccess({ resource: 'settings', action: 'edit' });
  return (
    <Menu.Item
      to={canAccess ? '/settings/economy' : '/settings/economy/show'}
      primaryText="Earning rules"
      leftIcon={<TuneIcon />}
    />
  );
}

/** The sidebar, grouped the way an admin thinks about Tandem. */
export function TandemMenu() {
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Overview" />
      <Section>Community</Section>
      <Menu.ResourceItem name="players" />
      <Menu.ResourceItem name="task_submissions" />
      <Menu.ResourceItem name="payouts" />
      <Menu.ResourceItem name="ledger" />
      <Section>Sync</Section>
      <Menu.ResourceItem name="sync_events" />
      <Menu.ResourceItem name="sync_states" />
      <QueuesMenuItem />
      <Section>Economy</Section>
      <Menu.ResourceItem name="ranks" />
      <Menu.ResourceItem name="achievements" />
      <EarningRulesItem />
      <Section>Bot content</Section>
      <Menu.ResourceItem name="menu_buttons" />
      <Menu.ResourceItem name="scenarios" />
      <Menu.ResourceItem name="tasks" />
      <AccessItems />
    </Menu>
  );
}
