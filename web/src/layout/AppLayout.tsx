import { BookOutlined, FileTextOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Typography } from 'antd';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { canEditTemplates, canSeeCatalogs } from '../auth/access';
import { AccountMenu } from '../auth/AccountMenu';
import { useUser } from '../auth/AuthContext';
import { useWindowHeight } from '../common/useWindowHeight';
import { t } from '../i18n';
import { OrgTree } from '../orgs';

const HEADER = 56;
const TREE_CHROME = 72; // the search box and paddings above the tree

interface Selection {
  /** The organization chosen in the tree (the subtree the work area shows). */
  orgId: number | null;
  select: (id: number) => void;
}
const SelectionCtx = createContext<Selection>({ orgId: null, select: () => undefined });
export const useSelection = () => useContext(SelectionCtx);

/** The org id in paths like /orgs/42/members. */
export function orgIdFromPath(path: string): number | null {
  const m = /^\/orgs\/(\d+)(\/|$)/.exec(path);
  return m ? Number(m[1]) : null;
}

export default function AppLayout() {
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg !== false;
  const [drawer, setDrawer] = useState(false);
  const [lastOrg, setLastOrg] = useState<number | null>(null);
  const height = useWindowHeight();

  const pathOrg = orgIdFromPath(location.pathname);
  const orgId = pathOrg ?? lastOrg;
  if (pathOrg !== null && pathOrg !== lastOrg) setLastOrg(pathOrg);

  const select = useCallback(
    (id: number) => {
      setLastOrg(id);
      setDrawer(false);
      const view = /\/(dashboard|supplements|ratings|rating-report|admission)$/.exec(location.pathname)?.[1] ?? 'members';
      navigate(`/orgs/${id}/${view}`);
    },
    [location.pathname, navigate],
  );

  const selection = useMemo(() => ({ orgId, select }), [orgId, select]);
  const isMember = user.role === 'member';
  // The tree chooses the organization of the member screens; the catalogs are the same for every organization.
  const withTree = !isMember && !location.pathname.startsWith('/catalogs') && !location.pathname.startsWith('/document-templates');
  const tree = (
    <OrgTree selectedId={orgId} onSelect={select} height={Math.max(200, height - HEADER - TREE_CHROME)} />
  );

  return (
    <SelectionCtx.Provider value={selection}>
      <Layout className="tcxd-shell">
        <Layout.Header className="tcxd-header">
          {withTree && !wide && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setDrawer(true)} className="tcxd-header-btn" />
          )}
          <Link to="/" className="tcxd-brand">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span className="tcxd-brand-name">{t('app.name')}</span>
            {wide && <Typography.Text className="tcxd-brand-title">{t('app.title')}</Typography.Text>}
          </Link>
          <div style={{ flex: 1 }} />
          {canEditTemplates(user) && (
            <Link
              to="/document-templates"
              className="tcxd-header-link"
              aria-label={t('nav.templates')}
              aria-current={location.pathname.startsWith('/document-templates') ? 'page' : undefined}
              data-testid="nav-templates"
            >
              <FileTextOutlined />
              {wide && <span>{t('nav.templates')}</span>}
            </Link>
          )}
          {canSeeCatalogs(user) && (
            <Link
              to="/catalogs"
              className="tcxd-header-link"
              aria-label={t('nav.catalogs')}
              aria-current={location.pathname.startsWith('/catalogs') ? 'page' : undefined}
              data-testid="nav-catalogs"
            >
              <BookOutlined />
              {wide && <span>{t('nav.catalogs')}</span>}
            </Link>
          )}
          <AccountMenu />
        </Layout.Header>
        <Layout>
          {withTree && wide && (
            <Layout.Sider width={340} theme="light" className="tcxd-sider">
              {tree}
            </Layout.Sider>
          )}
          <Layout.Content className="tcxd-content">
            <Outlet />
          </Layout.Content>
        </Layout>
        {withTree && !wide && (
          <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" title={t('org.tree')} size={340}>
            {tree}
          </Drawer>
        )}
      </Layout>
    </SelectionCtx.Provider>
  );
}
