import { Result } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth/AuthContext';
import LoginPage from './auth/LoginPage';
import { ErrorState } from './common/ErrorState';
import { Loading } from './common/Loading';
import { t } from './i18n';
import { orgStore } from './orgs/orgStore';
import { Dashboard } from './dashboard';
import { DossierEdit, MemberCreate, MemberEdit, MemberImport, MemberList, MemberShow } from './members';
import { SupplementList } from './supplements';
import { RatingBoardPage, RatingBranchPage, RatingMinePage, RatingReportPage } from './rating';
import { CatalogsPage } from './catalogs';
import { TemplatesPage } from './templates';
import { WatchlistPage } from './watchlist';
import { NotFound } from './layout/NotFound';
import { RouteError } from './layout/RouteError';

// The login page is the first screen and comes with the main bundle; everything behind it is loaded
// on demand (the layout with the tree, each screen, and the charts inside the dashboard).
const AppLayout = lazy(() => import('./layout/AppLayout'));
// The admission screens come in their own chunk when first opened.
const AdmissionPage = lazy(() => import('./admission').then((m) => ({ default: m.AdmissionPage })));
const RestructurePage = lazy(() => import('./orgs/Restructure').then((m) => ({ default: m.RestructurePage })));
const AdmissionCasePage = lazy(() => import('./admission').then((m) => ({ default: m.AdmissionCasePage })));
// The transfer screens too.
const TransferBoardPage = lazy(() => import('./transfer').then((m) => ({ default: m.TransferBoardPage })));
const TransferCasePage = lazy(() => import('./transfer').then((m) => ({ default: m.TransferCasePage })));
const TransferCreatePage = lazy(() => import('./transfer').then((m) => ({ default: m.TransferCreatePage })));

function RequireAuth() {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <AppLayout />
    </Suspense>
  );
}

/** `/`: a member's own record, otherwise the list of the first organization the account manages. */
function Home() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [none, setNone] = useState(false);
  const isMember = user?.role === 'member';
  useEffect(() => {
    if (isMember) return;
    let live = true;
    orgStore.loadRoots().then(
      (ids) => {
        if (!live) return;
        if (ids[0] === undefined) setNone(true);
        else navigate(`/orgs/${ids[0]}/members`, { replace: true });
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [isMember, navigate]);
  if (isMember && user?.member_id) return <Navigate to={`/members/${user.member_id}`} replace />;
  if (error) return <ErrorState error={error} />;
  if (none) return <Result status="info" title={t('org.noOrgs')} />;
  return <Loading />;
}

function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

function LoginRoute() {
  const { user } = useAuth();
  if (user === undefined) return <Loading />;
  return <LoginPage />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Page />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Home /> },
          { path: 'orgs/:orgId/members', element: <MemberList /> },
          { path: 'orgs/:orgId/members/import', element: <MemberImport /> },
          { path: 'orgs/:orgId/dashboard', element: <Dashboard /> },
          { path: 'orgs/:orgId/supplements', element: <SupplementList /> },
          { path: 'orgs/:orgId/admission', element: <AdmissionPage /> },
          { path: 'admission/:id', element: <AdmissionCasePage /> },
          { path: 'orgs/:orgId/transfers', element: <TransferBoardPage /> },
          { path: 'transfers/:id', element: <TransferCasePage /> },
          { path: 'members/:id/transfer', element: <TransferCreatePage /> },
          { path: 'orgs/:orgId/watchlist', element: <WatchlistPage /> },
          { path: 'orgs/:orgId/ratings', element: <RatingBoardPage /> },
          { path: 'orgs/:orgId/rating-report', element: <RatingReportPage /> },
          { path: 'orgs/:orgId/restructure', element: <RestructurePage /> },
          { path: 'ratings/:id/branches/:bid', element: <RatingBranchPage /> },
          { path: 'members/:id/ratings', element: <RatingMinePage /> },
          { path: 'orgs/:orgId', element: <Navigate to="members" replace /> },
          { path: 'members/new', element: <MemberCreate /> },
          { path: 'members/:id', element: <MemberShow /> },
          { path: 'members/:id/edit', element: <MemberEdit /> },
          { path: 'members/:id/dossier/edit', element: <DossierEdit /> },
          { path: 'catalogs', element: <CatalogsPage /> },
          { path: 'catalogs/:kind', element: <CatalogsPage /> },
          { path: 'document-templates', element: <TemplatesPage /> },
          { path: 'document-templates/:key', element: <TemplatesPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);

export function AppRoutes() {
  return <RouterProvider router={router} />;
}
