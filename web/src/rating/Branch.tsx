import { ArrowLeftOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ratingApi } from '../api';
import { ApiError } from '../api/client';
import type { CapCheck, RatingSheet, RatingSheetLine } from '../api/types';
import { canRunSupplements, canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { DocumentLinks } from '../common/DocumentLinks';
import { useDebounced } from '../common/useDebounced';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t, tDynamic } from '../i18n';
import { capFill, type Choice, decisionEntries, initialChoice, LEVELS, needsReason, undecided } from './model';

const levelLabel = (l: string | null | undefined) => (l ? tDynamic(`rating.levels.${l}`, l) : '–');
const ROLES = ['secretary', 'deputy_secretary', 'committee_member', 'unit_head', 'member'] as const;

interface SelfValues {
  scores: (number | null)[];
  assigned: number;
  completed: number;
  on_time: number;
  exceeded: number;
  role: string;
  disciplined: boolean;
  shortcomings_remedied: boolean;
}

/** The member's self-assessment form (Mẫu 2A): a score per criterion of the rule set, the tasks and the hard conditions. */
function SelfForm({ sheet, line, onDone, onCancel }: { sheet: RatingSheet; line: RatingSheetLine; onDone: () => void; onCancel: () => void }) {
  const [form] = Form.useForm<SelfValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const scores = Form.useWatch('scores', form) ?? [];
  const total = scores.reduce<number>((s, x) => s + (x ?? 0), 0);
  const submit = async (v: SelfValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await ratingApi.selfAssess(sheet.campaign.id, line.member.id, {
        scores: v.scores.map((x) => x ?? 0),
        tasks: { assigned: v.assigned, completed: v.completed, on_time: v.on_time, exceeded: v.exceeded },
        role: v.role,
        disciplined: v.disciplined,
        shortcomings_remedied: v.shortcomings_remedied,
      });
      message.success(t('rating.saved', { name: line.member.full_name, n: r.self_total ?? 0 }));
      onDone();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('rating.selfTitle', { name: line.member.full_name })}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'rating-self-submit' } as Record<string, string>}
      width={640}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        data-testid="rating-self-form"
        onFinish={(v) => void submit(v)}
        initialValues={{
          scores: sheet.criteria.map(() => null),
          assigned: 10,
          completed: 10,
          on_time: 10,
          exceeded: 0,
          role: line.rating?.role ?? 'member',
          disciplined: false,
          shortcomings_remedied: true,
        }}
      >
        {sheet.criteria.map((c, i) => (
          <Form.Item key={c.code} name={['scores', i]} label={`${c.label} (0–${c.max})`} rules={[{ required: true, message: t('member.validation.required') }]}>
            <InputNumber min={0} max={c.max} style={{ width: 160 }} data-testid={`rating-score-${c.code}`} />
          </Form.Item>
        ))}
        <Typography.Paragraph strong data-testid="rating-self-total">
          {t('rating.total', { n: total, max: sheet.bands?.total ?? 100 })}
        </Typography.Paragraph>
        <Typography.Text strong>{t('rating.tasks')}</Typography.Text>
        <Space wrap>
          {(['assigned', 'completed', 'on_time', 'exceeded'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(k === 'on_time' ? 'rating.onTime' : `rating.${k}`)}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="role" label={t('rating.role')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`rating.roles.${r}`) }))} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="shortcomings_remedied" valuePropName="checked">
          <Checkbox>{t('rating.shortcomings')}</Checkbox>
        </Form.Item>
        <Form.Item name="disciplined" valuePropName="checked">
          <Checkbox>{t('rating.disciplined')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The cap meter: each check of the rule set with its numbers, before anything is saved. */
function Meter({ checks, problem }: { checks: CapCheck[] | null; problem: string | null }) {
  return (
    <Card size="small" title={t('rating.meter')} data-testid="rating-meter">
      {problem && <Alert type="warning" showIcon title={problem} style={{ marginBottom: 8 }} />}
      {!checks || checks.length === 0 ? (
        <Typography.Text type="secondary">{t('rating.meterNone')}</Typography.Text>
      ) : (
        checks.map((c, i) => (
          <div key={i} data-testid="rating-meter-check" data-ok={c.ok ? 'yes' : 'no'}>
            <Typography.Text type={c.ok ? undefined : 'danger'}>{c.message}</Typography.Text>
            {c.kind === 'excellent_share' && <Progress percent={capFill(c.count, c.allowed)} status={c.ok ? 'normal' : 'exception'} showInfo={false} size="small" />}
          </div>
        ))
      )}
    </Card>
  );
}

/** A branch's decision screen: the members, their self-assessment and derived level, the committee's choice with the cap meter. */
export default function RatingBranchPage() {
  const params = useParams();
  const id = Number(params.id);
  const branchId = Number(params.bid);
  const user = useUser();
  const { message } = App.useApp();
  const [sheet, setSheet] = useState<RatingSheet | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  const [choices, setChoices] = useState<Map<number, Choice>>(new Map());
  const [assessing, setAssessing] = useState<RatingSheetLine | null>(null);
  const [meter, setMeter] = useState<CapCheck[] | null>(null);
  const [meterProblem, setMeterProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const reload = useCallback(() => setN((x) => x + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    ratingApi.sheet(id, branchId, ctl.signal).then(
      (s) => {
        setSheet(s);
        const m = new Map<number, Choice>();
        for (const l of undecided(s.lines)) {
          const c = initialChoice(l);
          if (c) m.set(l.member.id, c);
        }
        setChoices(m);
      },
      (e: unknown) => !ctl.signal.aborted && setError(e),
    );
    return () => ctl.abort();
  }, [id, branchId, n]);

  const open = sheet?.campaign.state === 'open';
  const mayDecide = open && canRunSupplements(user);
  const entries = useMemo(() => (sheet ? decisionEntries(undecided(sheet.lines), choices) : []), [sheet, choices]);
  const debounced = useDebounced(entries, 300);

  const decidedMeter = sheet?.meter ?? null;
  useEffect(() => {
    if (!mayDecide) return;
    setMeterProblem(null);
    if (debounced.length === 0) {
      setMeter(decidedMeter);
      return;
    }
    const ctl = new AbortController();
    ratingApi.decide(id, { org_id: branchId, entries: debounced, dry_run: true }, ctl.signal).then(
      (r) => setMeter(r.meter),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setMeter(null);
        setMeterProblem(e instanceof ApiError ? e.message : t('app.unexpected'));
      },
    );
    return () => ctl.abort();
  }, [id, branchId, debounced, mayDecide, decidedMeter]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!sheet) return <Loading />;

  const setChoice = (memberId: number, c: Choice) => setChoices((m) => new Map(m).set(memberId, c));
  const save = async () => {
    setSaving(true);
    setSaveProblem(null);
    try {
      const r = await ratingApi.decide(id, { org_id: branchId, entries });
      message.success(t('rating.decidedDone', { n: r.saved }));
      reload();
    } catch (e) {
      setSaveProblem(e instanceof ApiError ? e.message : t('app.unexpected'));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<RatingSheetLine> = [
    { title: t('rating.name'), key: 'name', render: (_, l) => <Link to={`/members/${l.member.id}`}>{l.member.full_name}</Link> },
    { title: t('rating.role'), key: 'role', width: 130, render: (_, l) => (l.rating ? t(`rating.roles.${l.rating.role as (typeof ROLES)[number]}`) : '') },
    { title: t('rating.score'), key: 'score', width: 90, align: 'right', render: (_, l) => <span data-col="score">{l.rating?.self_total ?? '–'}</span> },
    {
      title: t('rating.derived'),
      key: 'derived',
      width: 210,
      render: (_, l) =>
        l.excluded ? (
          <Tag data-col="derived">{l.excluded.detail}</Tag>
        ) : l.derived ? (
          <Tooltip title={l.derived.limits.map((x) => x.reason).join('; ') || undefined}>
            <span data-col="derived">{levelLabel(l.derived.level)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('rating.notAssessed')}</Typography.Text>
        ),
    },
    { title: t('rating.proposal'), key: 'proposal', width: 150, render: (_, l) => levelLabel(l.rating?.proposed_level) },
    {
      title: t('documents.ratingForm'),
      key: 'form',
      width: 130,
      render: (_, l) => <DocumentLinks url={(f) => ratingApi.memberFormUrl(id, l.member.id, f)} testId={`rating-form-${l.member.id}`} />,
    },
    {
      title: t('rating.decision'),
      key: 'decision',
      width: 330,
      render: (_, l) => {
        const r = l.rating;
        if (r && (r.level || r.not_rated)) {
          return (
            <Space wrap data-col="decision">
              <Tag color={r.level === 'excellent' ? 'red' : r.level ? 'blue' : undefined}>{r.level ? levelLabel(r.level) : t('rating.notRatedOption')}</Tag>
              {r.downgraded_from && <Typography.Text type="secondary">{t('rating.downgraded', { from: levelLabel(r.downgraded_from) })}</Typography.Text>}
            </Space>
          );
        }
        const c = choices.get(l.member.id);
        const assess = open && canWriteMembers(user) && !l.excluded && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setAssessing(l)} data-testid="rating-self-open">
            {t('rating.selfAssess')}
          </Button>
        );
        if (!mayDecide || !c) return assess || null;
        return (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space>
              <Select<Choice['level']>
                size="small"
                value={c.level}
                style={{ width: 230 }}
                data-testid="rating-choice"
                onChange={(v) => setChoice(l.member.id, { level: v, reason: c.reason })}
                options={[...LEVELS.map((x) => ({ value: x, label: levelLabel(x) })), { value: 'not_rated' as const, label: t('rating.notRatedOption') }]}
              />
              {assess}
            </Space>
            {(needsReason(l, c) || (c.level === 'not_rated' && !l.excluded)) && (
              <Input
                size="small"
                value={c.reason}
                placeholder={c.level === 'not_rated' ? t('rating.notRatedDetail') : t('rating.overrideReason')}
                onChange={(e) => setChoice(l.member.id, { level: c.level, reason: e.target.value })}
                data-testid="rating-reason"
              />
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div className="tcxd-page" data-testid="rating-sheet">
      <div className="tcxd-page-head">
        <div className="tcxd-page-title">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('rating.sheetTitle', { branch: sheet.branch.name ?? '' })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('rating.ratingDate', { date: formatDate(sheet.campaign.rating_date) })}</Typography.Text>
        </div>
        <Link to={`/orgs/${sheet.campaign.org_id}/ratings?c=${id}`}>
          <ArrowLeftOutlined /> {t('rating.backToBoard')}
        </Link>
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {mayDecide && <Meter checks={meter} problem={meterProblem} />}
        {saveProblem && <Alert type="error" showIcon title={saveProblem} role="alert" data-testid="rating-save-error" />}
        <Card
          size="small"
          extra={
            mayDecide && (
              <Button type="primary" icon={<SaveOutlined />} disabled={entries.length === 0} loading={saving} onClick={() => void save()} data-testid="rating-save">
                {t('rating.saveDecisions', { n: entries.length })}
              </Button>
            )
          }
        >
          <Table<RatingSheetLine>
            data-testid="rating-lines"
            size="small"
            rowKey={(l) => l.member.id}
            columns={columns}
            dataSource={sheet.lines}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 1100 }}
          />
        </Card>
      </Space>
      {assessing && (
        <SelfForm
          sheet={sheet}
          line={assessing}
          onCancel={() => setAssessing(null)}
          onDone={() => {
            setAssessing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
