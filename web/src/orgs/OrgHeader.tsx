import { AlertOutlined, ApartmentOutlined, BarChartOutlined, FileDoneOutlined, StarOutlined, SwapOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Segmented, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { useAuth } from '../auth/AuthContext';
import { useOrgStore } from './orgStore';

/** Title of the work area for an organization, with the switch between its list, its dashboard, its yearly dossier supplement, its annual rating, its admissions, its transfers, its watchlist (cần rà soát) and its restructuring. */
export function OrgHeader({ orgId, view }: { orgId: number; view: 'members' | 'dashboard' | 'supplements' | 'ratings' | 'admission' | 'watchlist' | 'restructure' | 'transfers' }) {
  const store = useOrgStore();
  const navigate = useNavigate();
  const org = store.get(orgId);
  const { user } = useAuth();
  const canRestructure = user?.role === 'admin' || user?.role === 'province' || user?.role === 'grassroots';
  useEffect(() => {
    if (!store.get(orgId)) void store.ensure([orgId]);
  }, [orgId, store]);
  return (
    <div className="tcxd-page-head">
      <div className="tcxd-page-title">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-title">
          {org?.name ?? '…'}
        </Typography.Title>
        {org && (
          <Typography.Text type="secondary">
            {org.kind_label} · {t('org.code')} {org.code} · {t('org.counted')} {formatNumber(org.counts.members)}
          </Typography.Text>
        )}
      </div>
      <Segmented
        value={view}
        onChange={(v) => navigate(`/orgs/${orgId}/${v}`)}
        options={[
          { value: 'members', label: t('nav.members'), icon: <TeamOutlined /> },
          { value: 'dashboard', label: t('nav.dashboard'), icon: <BarChartOutlined /> },
          { value: 'transfers', label: t('nav.transfers'), icon: <SwapOutlined /> },
          { value: 'supplements', label: t('nav.supplements'), icon: <FileDoneOutlined /> },
          { value: 'ratings', label: t('nav.ratings'), icon: <StarOutlined /> },
          { value: 'admission', label: t('nav.admission'), icon: <UserAddOutlined /> },
          { value: 'watchlist', label: <span data-testid="nav-watchlist">{t('nav.watchlist')}</span>, icon: <AlertOutlined /> },
          ...(canRestructure ? [{ value: 'restructure', label: t('nav.restructure'), icon: <ApartmentOutlined /> }] : []),
        ]}
      />
    </div>
  );
}

