import { Alert, Card, Col, DatePicker, Empty, Row as GridRow, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { orgApi } from '../api';
import { ApiError } from '../api/client';
import { DATE_FORMATS, isoDay } from '../common/dateInput';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate, formatNumber, todayIso } from '../format';
import { t } from '../i18n';
import { OrgHeader, useOrgStore } from '../orgs';
import { type DashboardData, fromOrg, fromStats, type Row } from './model';

const Chart = lazy(() => import('./Charts'));

function ChartCard({ title, rows, kind, testId }: { title: string; rows: Row[] | null; kind: 'bar' | 'pie'; testId: string }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      title={title}
      data-testid={testId}
      extra={
        <Segmented
          size="small"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('dashboard.chart') },
            { value: 'table', label: t('dashboard.table') },
          ]}
        />
      }
    >
      {!rows ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.notAvailable')} />
      ) : view === 'chart' ? (
        <Suspense fallback={<Loading tip={t('dashboard.chartLoading')} />}>
          <Chart rows={rows} kind={kind} label={title} />
        </Suspense>
      ) : (
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('dashboard.group'), dataIndex: 'label' },
            { title: t('dashboard.count'), dataIndex: 'count', align: 'right', render: (n: number) => formatNumber(n) },
            { title: t('dashboard.share'), dataIndex: 'share', align: 'right' },
          ]}
          summary={(data) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('app.all')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{formatNumber(data.reduce((s, r) => s + r.count, 0))}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}

export default function Dashboard() {
  const orgId = Number(useParams().orgId);
  const store = useOrgStore();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  // A past day: the figures of that day, read member by member by the server.
  const [asOfDate, setAsOfDate] = useState<Dayjs | null>(null);
  const asOf = isoDay(asOfDate) ?? undefined;
  const [state, setState] = useState<{ key: string; data: DashboardData | null; fallback: boolean; error: unknown }>({
    key: '',
    data: null,
    fallback: false,
    error: null,
  });
  const key = `${orgId}/${year}/${asOf ?? ''}`;

  useEffect(() => {
    const ctl = new AbortController();
    setState({ key, data: null, fallback: false, error: null });
    orgApi.stats(orgId, year, ctl.signal, asOf).then(
      (s) => setState({ key, data: fromStats(s), fallback: false, error: null }),
      async (e: unknown) => {
        if (ctl.signal.aborted) return;
        // The stats endpoint may not exist yet on this server: show what the organization's counts tell.
        if (e instanceof ApiError && e.status === 404) {
          try {
            const org = await orgApi.get(orgId, ctl.signal);
            store.put(org);
            setState({ key, data: fromOrg(org), fallback: true, error: null });
          } catch (e2) {
            if (!ctl.signal.aborted) setState({ key, data: null, fallback: false, error: e2 });
          }
          return;
        }
        setState({ key, data: null, fallback: false, error: e });
      },
    );
    return () => ctl.abort();
  }, [key, orgId, year, asOf, store]);

  const current = state.key === key;
  const d = current ? state.data : null;

  return (
    <div className="tcxd-page" data-testid="dashboard">
      <OrgHeader orgId={orgId} view="dashboard" />
      <Space className="tcxd-toolbar" wrap>
        <span>{t('dashboard.year')}</span>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          aria-label={t('dashboard.year')}
          options={Array.from({ length: 10 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
        />
        <span>{t('dashboard.asOfPick')}</span>
        <DatePicker
          allowClear
          value={asOfDate}
          onChange={(d) => {
            setAsOfDate(d);
            if (d && d.isValid()) setYear(d.year());
          }}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          format={DATE_FORMATS}
          placeholder={t('dashboard.today')}
          aria-label={t('dashboard.asOfPick')}
          data-testid="dashboard-as-of"
        />
        {d?.asOf && <Typography.Text type="secondary">{t('dashboard.asOf', { date: formatDate(d.asOf) })}</Typography.Text>}
      </Space>
      {current && state.error ? (
        <ErrorState error={state.error} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          {state.fallback && <Alert type="info" showIcon title={t('dashboard.statsUnavailable')} style={{ marginBottom: 16 }} />}
          <GridRow gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('dashboard.counted')} value={d.counted} formatter={(v) => formatNumber(Number(v))} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('dashboard.probationary')} value={d.probationary} formatter={(v) => formatNumber(Number(v))} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic
                  title={t('dashboard.admitted', { year })}
                  value={d.admittedInYear ?? t('app.unavailable')}
                  formatter={(v) => (typeof v === 'number' ? formatNumber(v) : String(v))}
                />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('dashboard.womenShare')} value={d.femaleShare} suffix={<span className="tcxd-muted">({formatNumber(d.female)})</span>} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('dashboard.byStatus')} rows={d.byStatus} kind="bar" testId="chart-status" />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('dashboard.byAge')} rows={d.byAge} kind="bar" testId="chart-age" />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('dashboard.byGender')} rows={d.byGender} kind="pie" testId="chart-gender" />
            </Col>
          </GridRow>
        </>
      )}
    </div>
  );
}
