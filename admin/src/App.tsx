import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { achievements } from './achievements/index.ts';
import { admins } from './admins/index.ts';
import { alertIncidents, PagerPage, pagerPath } from './alerts/index.ts';
import { AnnouncementsPage, announcementsPath } from './announcements/index.ts';
import { dataProvider } from './api/data-provider.ts';
import { audit } from './audit/index.ts';
import { authProvider, changePasswordPath } from './auth/auth-provider.ts';
import { ChangePasswordPage } from './auth/ChangePasswordPage.tsx';
import { LoginPage } from './auth/LoginPage.tsx';
import { boosts } from './boosts/index.ts';
import { LazyDashboard } from './dashboard/index.tsx';
import { i18nProvider } from './i18n/i18n-provider.ts';
import { ImportExportPage, importExportPath } from './import-export/index.ts';
import { TandemLayout } from './layout/TandemLayout.tsx';
import { darkTheme, lightTheme } from './layout/theme.ts';
import { ledger } from './ledger/index.ts';
import { menuButtons } from './menu-buttons/index.ts';
import { payouts } from './payouts/index.ts';
import { players } from './players/index.ts';
import { ranks } from './ranks/index.ts';
import { scenarios } from './scenarios/index.ts';
import { seasons } from './seasons/index.ts';
import { settings } from './settings/index.ts';
import { SetupCheckPage, setupCheckPath } from './setup-check/index.ts';
import { shopItems, shopPurchases } from './shop/index.ts';
import { syncEvents } from './sync-events/index.ts';
import { syncStates } from './sync-states/index.ts';
import { taskSubmissions } from './task-submissions/index.ts';
import { tasks } from './tasks/index.ts';
import { telegramChats } from './telegram-chats/index.ts';
import { texts } from './texts/index.ts';

/**
 * Tandem's admin panel: one react-admin resource per entity of the API, a dashboard, live updates
 * and a first-password page. Everything needs a session (`requireAuth`).
 */
export function App() {
  return (
    <Admin
      title="Tandem"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={TandemLayout}
      dashboard={LazyDashboard}
      theme={lightTheme}
      darkTheme={darkTheme}
      requireAuth
      disableTelemetry
    >
      <Resource {...players} />
      <Resource {...taskSubmissions} />
      <Resource {...payouts} />
      <Resource {...ledger} />
      <Resource {...syncEvents} />
      <Resource {...syncStates} />
      <Resource {...ranks} />
      <Resource {...achievements} />
      <Resource {...settings} />
      <Resource {...menuButtons} />
      <Resource {...scenarios} />
      <Resource {...tasks} />
      <Resource {...seasons} />
      <Resource {...boosts} />
      <Resource {...shopItems} />
      <Resource {...shopPurchases} />
      <Resource {...texts} />
      <Resource {...admins} />
      <Resource {...audit} />
      <Resource {...telegramChats} />
      <Resource {...alertIncidents} />
      <CustomRoutes>
        <Route path={importExportPath} element={<ImportExportPage />} />
        <Route path={setupCheckPath} element={<SetupCheckPage />} />
        <Route path={announcementsPath} element={<AnnouncementsPage />} />
        <Route path={pagerPath} element={<PagerPage />} />
      </CustomRoutes>
      <CustomRoutes noLayout>
        <Route path={changePasswordPath} element={<ChangePasswordPage />} />
      </CustomRoutes>
    </Admin>
  );
}
