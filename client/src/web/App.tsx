import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppGate } from './layout/AppGate';
import { NotFoundPage } from './layout/NotFoundPage';
import { RequireRole } from './layout/RequireRole';
import { EngagementsPage } from './engagements/EngagementsPage';
import { EngagementDetailPage } from './engagements/detail/EngagementDetailPage';
import { ContactPage } from './public/ContactPage';
import { LandingPage } from './public/LandingPage';
import { PrivacyPage } from './public/PrivacyPage';
import { PublicShell } from './public/PublicShell';
import { TermsPage } from './public/TermsPage';
import { SettingsLayout } from './settings/SettingsLayout';
import { SETTINGS_TABS } from './settings/settings-tabs';
import { PageSkeleton } from './ui/PageSkeleton';

// Charts are the heaviest dependency: only the analytics page loads them.
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));

/** Every route of the web view: the public site at /, the app under /app. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicShell />}>
        <Route index element={<LandingPage />} />
        <Route path="privacy" element={<PrivacyPage />} />
        <Route path="terms" element={<TermsPage />} />
        <Route path="contact" element={<ContactPage />} />
      </Route>
      <Route path="app" element={<AppGate />}>
        <Route index element={<EngagementsPage />} />
        <Route path="engagements/:id" element={<EngagementDetailPage />} />
        <Route
          path="analytics"
          element={
            <RequireRole role="supervisor">
              <Suspense fallback={<PageSkeleton label="Loading analytics…" />}>
                <AnalyticsPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="settings"
          element={
            <RequireRole role="admin">
              <SettingsLayout />
            </RequireRole>
          }
        >
          <Route index element={<Navigate to="categories" replace />} />
          {SETTINGS_TABS.map((tab) => (
            <Route key={tab.path} path={tab.path} element={<tab.Component />} />
          ))}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route element={<PublicShell />}>
        <Route path="*" element={<NotFoundPage home="/" />} />
      </Route>
    </Routes>
  );
}
