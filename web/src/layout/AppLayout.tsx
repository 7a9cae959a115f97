import { BookOutlined, FileTextOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Typography } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { canEditTemplates, canSeeCatalogs } from '../auth/access';
import { AccountMenu } from '../auth/AccountMenu';
import { useUser } from '../auth/AuthContext';
import { useWindowHeight } from '../common/useWindowHeight';
import { t } from '../i18n';
import { OrgTree } from '../orgs';

const HEADER = 56;
const TREE_CHROME = 72; // the search box and paddings above the tree
// Screens without the organization tree: what they show is the same for every organization.
const WITHOUT_TREE = ['/catalogs', '/document-templates'];

/** A link of the header bar: the icon, and the label when the screen is wide. */
function HeaderLink({ to, label, icon, wide, testId }: { to: string; label: string; icon: ReactNode; wide: boolean; testId: string }) {
  const location = useLocation();
  return (
    <Link to={to} className="tcxd-header-link" aria-label={label} aria-current={location.pathname.startsWith(to) ? 'page' : undefined} data-testid={testId}>
      {icon}
      {wide && <span>{label}</span>}
    </Link>
  );
}

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
  // The tree chooses the organization of the member screens; the catalogs and templates are the same for every one.
  const withTree = !isMember && !WITHOUT_TREE.some((p) => location.pathname.startsWith(p));
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
          {canEditTemplates(user) && <HeaderLink to="/document-templates" label={t('nav.templates')} icon={<FileTextOutlined />} wide={wide} testId="nav-templates" />}
          {canSeeCatalogs(user) && <HeaderLink to="/catalogs" label={t('nav.catalogs')} icon={<BookOutlined />} wide={wide} testId="nav-catalogs" />}
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
