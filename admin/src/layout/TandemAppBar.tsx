import KeyIcon from '@mui/icons-material/Key';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import { Box, ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { forwardRef } from 'react';
import {
  AppBar,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  TitlePortal,
  ToggleThemeButton,
  UserMenu,
  useTranslate,
  useUserMenu,
} from 'react-admin';
import { Link } from 'react-router';
import { pagerPath } from '../alerts/PagerPage.tsx';
import { changePasswordPath } from '../auth/auth-provider.ts';
import { LiveIndicator } from '../live/LiveIndicator.tsx';
import { TandemLogo } from './TandemLogo.tsx';

const ChangePasswordItem = forwardRef<HTMLAnchorElement>(function ChangePasswordItem(props, ref) {
  const userMenu = useUserMenu();
  const translate = useTranslate();
  return (
    <MenuItem component={Link} to={changePasswordPath} ref={ref} onClick={userMenu?.onClose} {...props}>
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('tandem.auth.changePassword')}</ListItemText>
    </MenuItem>
  );
});

const PagerItem = forwardRef<HTMLAnchorElement>(function PagerItem(props, ref) {
  const userMenu = useUserMenu();
  const translate = useTranslate();
  return (
    <MenuItem component={Link} to={pagerPath} ref={ref} onClick={userMenu?.onClose} {...props}>
      <ListItemIcon>
        <NotificationsActiveIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('tandem.pager.title')}</ListItemText>
    </MenuItem>
  );
});

/** The top bar: Tandem's name, the page title, the live badge, the panel's language, theme switch, and the account menu. */
export function TandemAppBar() {
  return (
    <AppBar
      color="secondary"
      toolbar={
        <>
          <LiveIndicator />
          <LocalesMenuButton />
          <ToggleThemeButton />
          <LoadingIndicator />
        </>
      }
      userMenu={
        <UserMenu>
          <ChangePasswordItem />
          <PagerItem />
          <Logout />
        </UserMenu>
      }
    >
      <Box sx={{ display: { xs: 'none', sm: 'flex' }, mr: 3 }}>
        <TandemLogo />
      </Box>
      <TitlePortal variant="h6" sx={{ fontWeight: 600 }} />
    </AppBar>
  );
}
