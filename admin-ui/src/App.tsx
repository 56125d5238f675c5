import { Suspense } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { PasswordChangePage } from './account/PasswordChangePage';
import { lazyView } from './common/lazyView';
import { Dashboard } from './dashboard/Dashboard';
import { ShinsaLayout } from './account/ShinsaLayout';
import { darkTheme, lightTheme } from './common/theme';
import { i18nProvider } from './i18n/i18nProvider';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import assignments from './assignments';
import audit from './audit';
import checkFailures from './check-failures';
import dossiers from './dossiers';
import envelopes from './envelopes';
import deficiencyNotices from './deficiency-notices';
import mailingLists from './mailing-lists';
import dispatches from './dispatches';
import payments from './payments';
import imports from './imports';
import { facilities, meetings, societies } from './masters';
import { mailBatches, mailMessages, mailTemplates } from './outbox';
import unmatched from './unmatched-records';
import rounds from './rounds';
import users from './users';

const DossierPrintPage = lazyView(() => import('./print/DossierPrint'), 'DossierPrintPage');
const DecisionSheetPage = lazyView(() => import('./print/DecisionSheetPrint'), 'DecisionSheetPage');

export function App() {
  return (
    <Admin
      title="Shinsa 審査"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={ShinsaLayout}
      theme={lightTheme}
      darkTheme={darkTheme}
      dashboard={Dashboard}
      requireAuth
      disableTelemetry
    >
      <CustomRoutes>
        <Route path="/password" element={<PasswordChangePage />} />
      </CustomRoutes>
      {/* Pages for paper: no menu or app bar. */}
      <CustomRoutes noLayout>
        <Route
          path="/dossiers/:id/print"
          element={
            <Suspense fallback={null}>
              <DossierPrintPage />
            </Suspense>
          }
        />
        <Route
          path="/decision-sheet"
          element={
            <Suspense fallback={null}>
              <DecisionSheetPage />
            </Suspense>
          }
        />
      </CustomRoutes>
      <Resource name="dossiers" {...dossiers} />
      <Resource name="assignments" {...assignments} />
      <Resource name="envelopes" {...envelopes} />
      <Resource name="deficiency-notices" {...deficiencyNotices} />
      <Resource name="payments" {...payments} />
      <Resource name="mailing-lists" {...mailingLists} />
      <Resource name="dispatches" {...dispatches} />
      <Resource name="mail-batches" {...mailBatches} />
      <Resource name="mail-messages" {...mailMessages} />
      <Resource name="mail-templates" {...mailTemplates} />
      <Resource name="imports" {...imports} />
      <Resource name="unmatched-records" {...unmatched} />
      <Resource name="meetings" {...meetings} />
      <Resource name="facilities" {...facilities} />
      <Resource name="societies" {...societies} />
      <Resource name="rounds" {...rounds} />
      <Resource name="check-failures" {...checkFailures} />
      <Resource name="users" {...users} />
      <Resource name="audit-events" {...audit} />
      <Resource name="reviewers" />
    </Admin>
  );
}
