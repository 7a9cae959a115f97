import { BarChartOutlined, LockOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ratingApi } from '../api';
import { ApiError } from '../api/client';
import type { OrgRating, RatingBoard, RatingCampaign, RatingProgress } from '../api/types';
import { canRunSupplements } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate, formatNumber, formatPercentString, todayIso } from '../format';
import { t, tDynamic } from '../i18n';
import { CampaignPage } from '../common/CampaignPage';
import { useOrgStore } from '../orgs';
import { barWidth } from '../supplements/model';
import { DATE_FORMATS, isoDay as iso } from '../common/dateInput';
import { campaignTitle } from './model';
import { OrgForm } from './OrgForm';


/** An organization's rating on the board: its level (or "not rated" with the reason), the level derived from its assessment in the tooltip. */
function OrgLevel({ r }: { r: OrgRating }) {
  const tip = [r.derived_level && `${t('rating.derived')}: ${tDynamic(`rating.levels.${r.derived_level}`, r.derived_level)}`, r.override_reason, r.not_rated_detail]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={tip || undefined}>
      <Tag color={r.level === 'excellent' ? 'red' : r.level ? 'blue' : undefined} data-col="org-level">
        {r.level ? tDynamic(`rating.levels.${r.level}`, r.level) : t('rating.notRatedOption')}
      </Tag>
    </Tooltip>
  );
}

function StateTag({ c }: { c: RatingCampaign }) {
  return c.state === 'closed' ? <Tag>{t('rating.closed')}</Tag> : <Tag color="green">{t('rating.running')}</Tag>;
}


interface OpenValues {
  year: number | null;
  quarter: number;
  rating_date: Dayjs | null;
  self_due: Dayjs | null;
  decision_due: Dayjs | null;
}

/** A committee opens the year's campaign for its subtree (the server refuses a second one: 409 on "year"). */
function OpenForm({ orgId, orgName, onOpened }: { orgId: number; orgName: string; onOpened: (c: RatingCampaign) => void }) {
  const [form] = Form.useForm<OpenValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const submit = async (v: OpenValues) => {
    setProblem(null);
    setBusy(true);
    try {
      const c = await ratingApi.open(orgId, {
        year: v.year ?? 0,
        ...(v.quarter ? { quarter: v.quarter } : {}),
        rating_date: iso(v.rating_date),
        self_due: iso(v.self_due),
        decision_due: iso(v.decision_due),
      });
      message.success(t('rating.openedPeriod', { period: campaignTitle(c) }));
      onOpened(c);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const names = ['year', 'quarter', 'rating_date', 'self_due', 'decision_due'] as const;
      const known = Object.entries(e.fields).filter(([f]) => (names as readonly string[]).includes(f));
      if (known.length) form.setFields(known.map(([name, msg]) => ({ name: name as (typeof names)[number], errors: [msg] })));
      else setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('rating.openTitle')} data-testid="rating-open">
      <Typography.Paragraph type="secondary">{t('rating.openHint', { org: orgName })}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={{ year: Number(todayIso().slice(0, 4)), quarter: 0 }} onFinish={(v) => void submit(v)} disabled={busy}>
        <Form.Item name="year" label={t('rating.year')} rules={[{ required: true, message: t('member.validation.required') }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="quarter" label={t('rating.period')}>
          <Select
            data-testid="rating-open-quarter"
            options={[0, 1, 2, 3, 4].map((q) => ({ value: q, label: q === 0 ? t('rating.wholeYear') : t('rating.quarterOption', { q }) }))}
          />
        </Form.Item>
        <Form.Item name="rating_date" label={t('rating.date')}>
          <DatePicker format={DATE_FORMATS} placeholder={t('member.form.datePlaceholder')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="self_due" label={t('rating.selfDue')}>
          <DatePicker format={DATE_FORMATS} placeholder={t('member.form.datePlaceholder')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="decision_due" label={t('rating.decisionDue')}>
          <DatePicker format={DATE_FORMATS} placeholder={t('member.form.datePlaceholder')} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="rating-open-submit">
          {t('rating.openSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The progress of one campaign over the subtree of `orgId`, per branch; each branch opens its decision screen. */
function Board({ campaign, orgId, onClosed }: { campaign: RatingCampaign; orgId: number; onClosed: () => void }) {
  const user = useUser();
  const { message, modal } = App.useApp();
  const [view, setView] = useState<RatingBoard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  const [rating, setRating] = useState<{ id: number; name: string } | null>(null);
  const reload = useCallback(() => setN((x) => x + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    ratingApi.board(campaign.id, orgId, ctl.signal).then(setView, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [campaign.id, orgId, n]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!view || view.campaign.id !== campaign.id) return <Loading />;
  const open = view.campaign.state === 'open';
  const close = () =>
    modal.confirm({
      title: t('rating.closeTitle', { year: campaign.year }),
      content: t('rating.closeBody'),
      okText: t('rating.close'),
      cancelText: t('app.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await ratingApi.close(campaign.id);
          message.success(t('rating.closedDone', { year: campaign.year }));
          onClosed();
          reload();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('app.unexpected'));
        }
      },
    });
  const count = (k: string) => (v: number) => <span data-col={k}>{formatNumber(v)}</span>;
  const orgRatings = new Map(view.org_ratings.map((r) => [r.org_id, r]));
  const mayRateOrgs = open && canRunSupplements(user);
  const orgCell = (org: { id: number; name: string }) => {
    const r = orgRatings.get(org.id);
    if (r) return <OrgLevel r={r} />;
    return mayRateOrgs ? (
      <Button size="small" icon={<TrophyOutlined />} onClick={() => setRating(org)} data-testid="rating-org-open">
        {t('rating.org.action')}
      </Button>
    ) : (
      <Typography.Text type="secondary">–</Typography.Text>
    );
  };
  const shown = { id: view.shown.id ?? 0, name: view.shown.name ?? '' };
  const shownIsBranch = view.branches.some((b) => b.org_id === shown.id);
  const columns: ColumnsType<RatingProgress> = [
    { title: t('rating.code'), dataIndex: 'code', width: 130 },
    {
      title: t('rating.branch'),
      dataIndex: 'name',
      render: (name: string, b) => (
        <Link to={`/ratings/${campaign.id}/branches/${b.org_id}`} data-testid="rating-branch-link">
          {name}
        </Link>
      ),
    },
    { title: t('rating.members'), dataIndex: 'members', align: 'right', width: 100, render: count('members') },
    { title: t('rating.selfAssessed'), dataIndex: 'self_assessed', align: 'right', width: 120, render: count('self_assessed') },
    { title: t('rating.decided'), dataIndex: 'decided', align: 'right', width: 120, render: count('decided') },
    { title: t('rating.notRated'), dataIndex: 'not_rated', align: 'right', width: 120, render: count('not_rated') },
    { title: t('rating.percent'), dataIndex: 'percent_done', align: 'right', width: 110, render: (p: string) => formatPercentString(p) },
    { title: t('rating.org.column'), key: 'org', width: 200, render: (_, b) => orgCell({ id: b.org_id, name: b.name }) },
  ];
  const total = view.total;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rating-board">
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{campaignTitle(view.campaign)}</span>
            <StateTag c={view.campaign} />
          </Space>
        }
        extra={
          <Space>
            <Link
              to={`/orgs/${orgId}/rating-report?year=${view.campaign.year}${view.campaign.quarter > 0 ? `&quarter=${view.campaign.quarter}` : ''}`}
              data-testid="rating-report-link"
            >
              <BarChartOutlined /> {t('rating.report')}
            </Link>
            {open && canRunSupplements(user) && (
              <Button danger icon={<LockOutlined />} onClick={close} data-testid="rating-close">
                {t('rating.close')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('rating.ratingDate', { date: formatDate(view.campaign.rating_date) })} ·{' '}
          {t('rating.timeline', { self: formatDate(view.campaign.self_due), decision: formatDate(view.campaign.decision_due) })}
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('rating.board', { org: view.shown.name ?? '' })}
          </Typography.Title>
          {!shownIsBranch && (
            <span data-testid="rating-org-own">
              {orgRatings.has(shown.id) || !mayRateOrgs ? (
                orgCell(shown)
              ) : (
                <Button size="small" icon={<TrophyOutlined />} onClick={() => setRating(shown)} data-testid="rating-org-open">
                  {t('rating.org.own', { org: shown.name })}
                </Button>
              )}
            </span>
          )}
        </Space>
        <Progress percent={barWidth(total.percent_done)} format={() => <span data-testid="rating-percent">{formatPercentString(total.percent_done)}</span>} />
      </Card>
      <Card size="small" title={t('rating.branches')}>
        <Table<RatingProgress>
          data-testid="rating-branches"
          size="small"
          rowKey="org_id"
          columns={columns}
          dataSource={view.branches}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1040 }}
        />
      </Card>
      {rating && (
        <OrgForm
          campaignId={campaign.id}
          org={rating}
          criteria={view.org_criteria}
          total={view.org_bands.total}
          onCancel={() => setRating(null)}
          onDone={() => {
            setRating(null);
            reload();
          }}
        />
      )}
    </Space>
  );
}

/** The annual rating of an organization: the campaigns covering it, the open form for committees, the chosen campaign's board. */
export default function RatingBoardPage() {
  const user = useUser();
  const store = useOrgStore();
  return (
    <CampaignPage<RatingCampaign>
      view="ratings"
      load={ratingApi.list}
      title={t('rating.campaigns')}
      empty={t('rating.none')}
      testId="rating-campaigns"
      item={(c) => (
        <Space wrap>
          <Typography.Link>{campaignTitle(c)}</Typography.Link>
          <StateTag c={c} />
        </Space>
      )}
      openForm={(orgId, opened) =>
        canRunSupplements(user) ? <OpenForm orgId={orgId} orgName={store.get(orgId)?.name ?? ''} onOpened={opened} /> : null
      }
      board={(c, orgId, changed) => <Board key={c.id} campaign={c} orgId={orgId} onClosed={changed} />}
    />
  );
}
