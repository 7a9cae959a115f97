// "Cần rà soát": the lists the server computes for an organization's subtree (probationary members past
// the recognition review deadline, workplace or residence changed without a transfer, exemptions and
// reductions whose period is over), each member linked to their page.
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { memberEventApi } from '../api';
import type { WatchItem, Watchlist } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t } from '../i18n';
import { OrgHeader } from '../orgs';

const columns: ColumnsType<WatchItem> = [
  {
    title: t('watch.name'),
    key: 'name',
    render: (_, it) => (
      <Link to={`/members/${it.id}#events`} data-testid={`watch-member-${it.id}`}>
        {it.full_name}
      </Link>
    ),
  },
  { title: t('watch.branch'), key: 'branch', render: (_, it) => it.org_name, responsive: ['md'] },
  { title: t('watch.reason'), dataIndex: 'reason' },
  { title: t('watch.since'), dataIndex: 'since', render: (d: string | null) => formatDate(d), width: 110 },
];

export default function WatchlistPage() {
  const orgId = Number(useParams().orgId);
  const [data, setData] = useState<{ orgId: number; w: Watchlist } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    memberEventApi.watchlist(orgId, ctl.signal).then(
      (w) => setData({ orgId, w }),
      (e: unknown) => !ctl.signal.aborted && setError(e),
    );
    return () => ctl.abort();
  }, [orgId, n]);
  const w = data?.orgId === orgId ? data.w : null;
  return (
    <div className="tcxd-page">
      <OrgHeader orgId={orgId} view="watchlist" />
      {error ? (
        <ErrorState error={error} onRetry={() => setN((x) => x + 1)} />
      ) : !w ? (
        <Loading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Text type="secondary">{t('watch.hint')}</Typography.Text>
          {w.lists.map((l) => (
            <Card
              key={l.code}
              size="small"
              data-testid={`watch-${l.code}`}
              title={
                <Space>
                  {l.title}
                  <Tag color={l.count > 0 ? 'orange' : 'default'} data-testid={`watch-count-${l.code}`}>
                    {l.count}
                  </Tag>
                </Space>
              }
            >
              {l.truncated && <Alert type="info" showIcon title={t('watch.truncated', { n: l.count })} style={{ marginBottom: 8 }} />}
              {l.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('watch.empty')} />
              ) : (
                <Table<WatchItem> rowKey="id" size="small" columns={columns} dataSource={l.items} pagination={l.items.length > 20 ? { pageSize: 20 } : false} />
              )}
            </Card>
          ))}
        </Space>
      )}
    </div>
  );
}
