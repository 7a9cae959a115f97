import { CheckOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, InputNumber, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { supplementApi } from '../api';
import { ApiError } from '../api/client';
import type { SupplementBranch, SupplementCampaign, SupplementPending, SupplementView } from '../api/types';
import { canRunSupplements, canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate, formatNumber, formatPercentString, todayIso } from '../format';
import { t } from '../i18n';
import { CampaignPage } from '../common/CampaignPage';
import { useOrgStore } from '../orgs';
import { barWidth, defaultYear, updateDossierPath } from './model';
import { DATE_FORMATS } from '../common/dateInput';


function StateTag({ c }: { c: SupplementCampaign }) {
  return c.closed ? <Tag>{t('supplement.closed')}</Tag> : <Tag color="green">{t('supplement.running')}</Tag>;
}

/** A committee opens the year's campaign for its subtree; the server refuses a second one for the same year (409 on "year"). */
function OpenForm({ orgId, orgName, onOpened }: { orgId: number; orgName: string; onOpened: (c: SupplementCampaign) => void }) {
  const [form] = Form.useForm<{ year: number | null; due: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const submit = async (v: { year: number | null; due: Dayjs | null }) => {
    setProblem(null);
    setBusy(true);
    try {
      const c = await supplementApi.open(orgId, v.year ?? 0, v.due && v.due.isValid() ? v.due.format('YYYY-MM-DD') : null);
      message.success(t('supplement.opened', { year: c.year }));
      onOpened(c);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const known = Object.entries(e.fields).filter(([f]) => f === 'year' || f === 'due');
      if (known.length) form.setFields(known.map(([name, msg]) => ({ name: name as 'year' | 'due', errors: [msg] })));
      else setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('supplement.openTitle')} data-testid="supplement-open">
      <Typography.Paragraph type="secondary">{t('supplement.openHint', { org: orgName })}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={{ year: defaultYear(todayIso()), due: null }} onFinish={(v) => void submit(v)} disabled={busy}>
        <Form.Item name="year" label={t('supplement.year')} rules={[{ required: true, message: t('member.validation.required') }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="due" label={t('supplement.dueDate')}>
          <DatePicker format={DATE_FORMATS} placeholder={t('member.form.datePlaceholder')} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="supplement-open-submit">
          {t('supplement.openSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The progress of one campaign over the subtree of `orgId`: the total, each branch, and the members still pending. */
function Board({ campaign, orgId, onClosed }: { campaign: SupplementCampaign; orgId: number; onClosed: () => void }) {
  const user = useUser();
  const { message, modal } = App.useApp();
  const [view, setView] = useState<SupplementView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [marking, setMarking] = useState<number | null>(null);
  const [n, setN] = useState(0);
  const reload = useCallback(() => setN((x) => x + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    supplementApi.view(campaign.id, orgId, ctl.signal).then(setView, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [campaign.id, orgId, n]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!view || view.campaign.id !== campaign.id) return <Loading />;

  const open = !view.campaign.closed;
  const mayWrite = open && canWriteMembers(user);
  const boardPath = `/orgs/${orgId}/supplements?c=${campaign.id}`;
  const branchName = new Map(view.branches.map((b) => [b.org_id, b.name]));
  const total = view.total;

  const markNoChange = async (m: SupplementPending) => {
    setMarking(m.id);
    try {
      await supplementApi.mark(campaign.id, m.id, 'no_change');
      message.success(t('supplement.marked', { name: m.full_name }));
      reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setMarking(null);
    }
  };

  const close = () =>
    modal.confirm({
      title: t('supplement.closeTitle', { year: campaign.year }),
      content: t('supplement.closeBody'),
      okText: t('supplement.close'),
      cancelText: t('app.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await supplementApi.close(campaign.id);
          message.success(t('supplement.closedDone', { year: campaign.year }));
          onClosed();
          reload();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('app.unexpected'));
        }
      },
    });

  const count = (k: 'members' | 'changed' | 'no_change' | 'pending') => (v: number) => <span data-col={k}>{formatNumber(v)}</span>;
  const branchColumns: ColumnsType<SupplementBranch> = [
    { title: t('supplement.code'), dataIndex: 'code', width: 130 },
    {
      title: t('supplement.branch'),
      dataIndex: 'name',
      // The branch's own board: its members still pending, for the committee to follow up.
      render: (name: string, b: SupplementBranch) => (
        <Link to={`/orgs/${b.org_id}/supplements?c=${campaign.id}`} data-testid="supplement-branch-link">
          {name}
        </Link>
      ),
    },
    { title: t('supplement.members'), dataIndex: 'members', align: 'right', width: 110, render: count('members') },
    { title: t('supplement.changed'), dataIndex: 'changed', align: 'right', width: 120, render: count('changed') },
    { title: t('supplement.noChange'), dataIndex: 'no_change', align: 'right', width: 130, render: count('no_change') },
    { title: t('supplement.pending'), dataIndex: 'pending', align: 'right', width: 130, render: count('pending') },
    { title: t('supplement.percent'), dataIndex: 'percent_done', align: 'right', width: 120, render: (p: string) => formatPercentString(p) },
  ];
  const pendingColumns: ColumnsType<SupplementPending> = [
    {
      title: t('member.fields.full_name'),
      dataIndex: 'full_name',
      render: (name: string, m) => (
        <Link to={`/members/${m.id}#dossier`} className="tcxd-member-link">
          {name}
        </Link>
      ),
    },
    { title: t('supplement.branch'), dataIndex: 'org_id', render: (id: number) => branchName.get(id) ?? '–' },
    ...(mayWrite
      ? [
          {
            title: '',
            key: 'actions',
            width: 330,
            render: (_: unknown, m: SupplementPending) => (
              <Space wrap>
                <Button size="small" icon={<CheckOutlined />} loading={marking === m.id} disabled={marking !== null} onClick={() => void markNoChange(m)} data-testid="supplement-no-change">
                  {t('supplement.markNoChange')}
                </Button>
                <Link to={updateDossierPath(m.id, campaign.id, boardPath)} data-testid="supplement-update">
                  <EditOutlined /> {t('supplement.updateDossier')}
                </Link>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="supplement-board">
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{t('supplement.campaign', { year: view.campaign.year })}</span>
            <StateTag c={view.campaign} />
          </Space>
        }
        extra={
          open && canRunSupplements(user) ? (
            <Button danger icon={<LockOutlined />} onClick={close} data-testid="supplement-close">
              {t('supplement.close')}
            </Button>
          ) : undefined
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('supplement.openedBy', { date: formatDate(view.campaign.opened_on), by: view.campaign.opened_by })} ·{' '}
          {view.campaign.due ? t('supplement.due', { date: formatDate(view.campaign.due) }) : t('supplement.noDue')}
        </Typography.Paragraph>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('supplement.board', { org: view.shown.name })}
        </Typography.Title>
        <Progress
          percent={barWidth(total.percent_done)}
          format={() => <span data-testid="supplement-percent">{formatPercentString(total.percent_done)}</span>}
        />
        <Row gutter={16} style={{ marginTop: 12 }} data-testid="supplement-total">
          {(
            [
              ['members', 'supplement.members'],
              ['changed', 'supplement.changed'],
              ['no_change', 'supplement.noChange'],
              ['pending', 'supplement.pending'],
            ] as const
          ).map(([k, label]) => (
            <Col xs={12} md={6} key={k}>
              <Statistic title={t(label)} value={total[k]} formatter={(v) => <span data-testid={`supplement-total-${k}`}>{formatNumber(Number(v))}</span>} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={t('supplement.branches')}>
        <Table<SupplementBranch>
          data-testid="supplement-branches"
          size="small"
          rowKey="org_id"
          columns={branchColumns}
          dataSource={view.branches}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 840 }}
        />
      </Card>
      <Card size="small" title={t('supplement.pendingList', { n: formatNumber(total.pending) })}>
        {view.pending.length === 0 ? (
          <Empty description={t('supplement.pendingNone')} />
        ) : (
          <>
            {view.pending.length < total.pending && (
              <Typography.Paragraph type="secondary">{t('supplement.pendingFirst', { shown: formatNumber(view.pending.length) })}</Typography.Paragraph>
            )}
            <Table<SupplementPending>
              data-testid="supplement-pending"
              size="small"
              rowKey="id"
              columns={pendingColumns}
              dataSource={view.pending}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            />
          </>
        )}
      </Card>
    </Space>
  );
}

/**
 * The yearly dossier supplement (phiếu bổ sung hồ sơ) of an organization: the campaigns covering it
 * (opened by it or above it), a form for committees to open the year's campaign, and the chosen
 * campaign's board.
 */
export default function SupplementList() {
  const user = useUser();
  const store = useOrgStore();
  return (
    <CampaignPage<SupplementCampaign>
      view="supplements"
      load={supplementApi.list}
      title={t('supplement.campaigns')}
      empty={t('supplement.none')}
      testId="supplement-campaigns"
      item={(c) => (
        <Space wrap>
          <Typography.Link>{t('supplement.campaign', { year: c.year })}</Typography.Link>
          <StateTag c={c} />
          {c.due && <Typography.Text type="secondary">{t('supplement.due', { date: formatDate(c.due) })}</Typography.Text>}
        </Space>
      )}
      openForm={(orgId, opened) =>
        canRunSupplements(user) ? <OpenForm orgId={orgId} orgName={store.get(orgId)?.name ?? ''} onOpened={opened} /> : null
      }
      board={(c, orgId, changed) => <Board key={c.id} campaign={c} orgId={orgId} onClosed={changed} />}
    />
  );
}
