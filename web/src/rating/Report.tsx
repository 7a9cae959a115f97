import { FileExcelOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ColumnsType } from 'antd/es/table';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ratingApi } from '../api';
import type { RatingReport, RatingSummary } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatNumber, formatPercentString, todayIso } from '../format';
import { t, tDynamic } from '../i18n';
import { OrgHeader } from '../orgs';
import { LEVELS } from './model';
import { DocumentLinks } from '../common/DocumentLinks';
import { DATE_FORMATS } from '../common/dateInput';

const Chart = lazy(() => import('../dashboard/Charts'));
const levelLabel = (l: string) => tDynamic(`rating.levels.${l}`, l);

type LevelRow = RatingSummary['levels'][number];

/** Count and % of each level, the base printed under the table; the year before beside it. */
function LevelTable({ s, previous, testId }: { s: RatingSummary; previous?: RatingSummary; testId: string }) {
  const prev = new Map((previous?.levels ?? []).map((l) => [l.level, l]));
  const columns: ColumnsType<LevelRow> = [
    { title: t('rating.level'), dataIndex: 'level', render: (l: string) => levelLabel(l) },
    { title: t('rating.count'), dataIndex: 'count', align: 'right', width: 110, render: (n: number) => <span data-col="count">{formatNumber(n)}</span> },
    { title: t('rating.share'), dataIndex: 'percent', align: 'right', width: 110, render: (p: string) => <span data-col="percent">{formatPercentString(p)}</span> },
    ...(previous
      ? [
          {
            title: t('rating.compare'),
            key: 'previous',
            align: 'right' as const,
            width: 150,
            render: (_: unknown, r: LevelRow) => {
              const p = prev.get(r.level);
              return p ? `${formatNumber(p.count ?? 0)} (${formatPercentString(p.percent ?? '0.00')})` : '–';
            },
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<LevelRow> data-testid={testId} size="small" rowKey="level" columns={columns} dataSource={s.levels} pagination={false} />
      <Typography.Text type="secondary" data-testid={`${testId}-base`}>
        {t('rating.base', { n: formatNumber(s.levels_base) })}
      </Typography.Text>
    </>
  );
}

/** The statistics of a subtree for a year: members, organizations, by role, downgrades, per unit, with a chart and the Excel file. */
export default function RatingReportPage() {
  const orgId = Number(useParams().orgId);
  const [sp, setSp] = useSearchParams();
  const thisYear = Number(todayIso().slice(0, 4));
  const year = Number(sp.get('year')) || thisYear;
  const quarter = Math.min(4, Math.max(0, Math.trunc(Number(sp.get('quarter')) || 0)));
  const [report, setReport] = useState<RatingReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  // The structure of a past day (after a restructuring: the units as they were then).
  const asOf = sp.get('as_of');

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    setReport(null);
    ratingApi.report(orgId, year, quarter, ctl.signal, asOf).then(setReport, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [orgId, year, quarter, n, asOf]);
  const params = (y: number, day: string | null) => {
    const p: Record<string, string> = { year: String(y) };
    if (quarter > 0) p.quarter = String(quarter);
    if (day) p.as_of = day;
    return p;
  };

  const m = report?.members;
  return (
    <div className="tcxd-page" data-testid="rating-report">
      <OrgHeader orgId={orgId} view="ratings" />
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {quarter > 0 ? t('rating.reportTitlePeriod', { period: t('rating.quarter', { q: quarter, year }) }) : t('rating.reportTitle', { year })}
        </Typography.Title>
        <Select
          value={year}
          style={{ width: 110 }}
          onChange={(y) => setSp(params(y, asOf), { replace: true })}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))}
          data-testid="rating-report-year"
        />
        <DatePicker
          placeholder={t('rating.structureAsOf')}
          aria-label={t('rating.structureAsOf')}
          format={DATE_FORMATS}
          value={asOf ? dayjs(asOf) : null}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => setSp(params(year, d && d.isValid() ? d.format('YYYY-MM-DD') : null), { replace: true })}
          data-testid="rating-report-as-of"
        />
        <a href={ratingApi.reportXlsxUrl(orgId, year, quarter, asOf)} download data-testid="rating-report-xlsx">
          <FileExcelOutlined /> {t('rating.exportXlsx')}
        </a>
        <DocumentLinks url={(f) => ratingApi.reportDocumentUrl(orgId, year, f, quarter)} label={t('documents.reportDocument')} testId="rating-report-document" />
      </Space>
      {error ? (
        <ErrorState error={error} onRetry={() => setN((x) => x + 1)} />
      ) : !report || !m ? (
        <Loading />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small">
            <Row gutter={16} data-testid="rating-report-totals">
              {(
                [
                  ['on_rating_date', 'rating.onDate'],
                  ['rated', 'rating.rated'],
                  ['not_rated', 'rating.notRated'],
                  ['pending', 'rating.pending'],
                ] as const
              ).map(([k, label]) => (
                <Col xs={12} md={6} key={k}>
                  <Statistic title={t(label)} value={m[k]} formatter={(v) => <span data-testid={`rating-total-${k}`}>{formatNumber(Number(v))}</span>} />
                </Col>
              ))}
            </Row>
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('rating.members')}>
                <LevelTable s={m} previous={report.previous} testId="rating-levels" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('rating.level')}>
                {m.rated === 0 ? (
                  <Empty />
                ) : (
                  <Suspense fallback={<Loading />}>
                    <Chart kind="bar" label={t('rating.count')} rows={m.levels.map((l) => ({ key: l.level ?? '', label: levelLabel(l.level ?? ''), count: l.count ?? 0, share: l.percent ?? '' }))} />
                  </Suspense>
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('rating.notRated')}>
            <Table
              size="small"
              rowKey="reason"
              pagination={false}
              dataSource={m.reasons.filter((r) => (r.count ?? 0) > 0)}
              columns={[
                { title: t('rating.reason'), dataIndex: 'label' },
                { title: t('rating.count'), dataIndex: 'count', align: 'right', width: 110 },
                { title: t('rating.share'), dataIndex: 'percent', align: 'right', width: 110, render: (p: string) => formatPercentString(p) },
              ]}
            />
            <Typography.Text type="secondary">{t('rating.reasonsBase', { n: formatNumber(m.reasons_base) })}</Typography.Text>
          </Card>
          <Card size="small" title={t('rating.orgs')}>
            <LevelTable s={report.orgs} testId="rating-org-levels" />
          </Card>
          <Card size="small" title={t('rating.downgrades')}>
            {report.downgrades.length === 0 ? (
              <Typography.Text type="secondary">{t('rating.downgradesNone')}</Typography.Text>
            ) : (
              <Table
                data-testid="rating-downgrades"
                size="small"
                rowKey={(r) => `${r.role}-${r.from}-${r.to}`}
                pagination={false}
                dataSource={report.downgrades}
                columns={[
                  { title: t('rating.role'), dataIndex: 'role_label' },
                  { title: t('rating.from'), dataIndex: 'from', render: (l: string) => levelLabel(l) },
                  { title: t('rating.to'), dataIndex: 'to', render: (l: string) => levelLabel(l) },
                  { title: t('rating.count'), dataIndex: 'count', align: 'right', width: 110 },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('rating.byRole')}>
            <Table
              size="small"
              rowKey="role"
              pagination={false}
              dataSource={report.by_role.filter((r) => r.on_rating_date > 0)}
              columns={[
                { title: t('rating.role'), dataIndex: 'label' },
                { title: t('rating.rated'), dataIndex: 'rated', align: 'right', width: 110 },
                ...[0, 1, 2, 3].map((i) => ({
                  title: levelLabel(LEVELS[i] ?? ''),
                  key: String(i),
                  align: 'right' as const,
                  render: (_: unknown, r: RatingSummary) => `${formatNumber(r.levels[i]?.count ?? 0)} (${formatPercentString(r.levels[i]?.percent ?? '0.00')})`,
                })),
              ]}
            />
          </Card>
          {report.units.length > 0 && (
            <Card size="small" title={t('rating.units')}>
              <Table
                data-testid="rating-units"
                size="small"
                rowKey="org_id"
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                dataSource={report.units}
                columns={[
                  { title: t('rating.unit'), dataIndex: 'name' },
                  { title: t('rating.rated'), key: 'rated', align: 'right', width: 110, render: (_: unknown, u) => formatNumber(u.members.rated) },
                  ...[0, 1, 2, 3].map((i) => ({
                    title: levelLabel(LEVELS[i] ?? ''),
                    key: String(i),
                    align: 'right' as const,
                    render: (_: unknown, u: RatingReport['units'][number]) =>
                      `${formatNumber(u.members.levels[i]?.count ?? 0)} (${formatPercentString(u.members.levels[i]?.percent ?? '0.00')})`,
                  })),
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </div>
  );
}
