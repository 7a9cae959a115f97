import { ArrowDownOutlined, ArrowLeftOutlined, EditOutlined, FlagOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ratingApi } from '../api';
import { ApiError } from '../api/client';
import type { CapCheck, RatingLevel, RatingSheet, RatingSheetLine } from '../api/types';
import { canRunSupplements, canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { DocumentLinks } from '../common/DocumentLinks';
import { useDebounced } from '../common/useDebounced';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t, tDynamic } from '../i18n';
import { capFill, type Choice, decisionEntries, initialChoice, LEVELS, lowerLevels, needsReason, undecided } from './model';
import { useSubmit } from './forms';
import { ROLES, SelfForm } from './SelfForm';

const levelLabel = (l: string | null | undefined) => (l ? tDynamic(`rating.levels.${l}`, l) : '–');

/** The branch's proposal for one self-assessed member: a level and a note (PUT …/proposal). */
function ProposalForm({ campaignId, line, onDone, onCancel }: { campaignId: number; line: RatingSheetLine; onDone: () => void; onCancel: () => void }) {
  const [form] = Form.useForm<{ level: RatingLevel; note: string }>();
  const { message } = App.useApp();
  const r = line.rating;
  const { busy, problem, submit } = useSubmit<{ level: RatingLevel; note: string }>(form, ['level', 'note'], async (v) => {
    const saved = await ratingApi.propose(campaignId, line.member.id, v.level, (v.note ?? '').trim());
    message.success(t('rating.propose.done', { name: line.member.full_name, level: levelLabel(saved.proposed_level) }));
    onDone();
  });
  return (
    <Modal
      open
      title={t('rating.propose.title', { name: line.member.full_name })}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'rating-propose-submit' } as Record<string, string>}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      {line.derived && (
        <Typography.Paragraph type="secondary">
          {t('rating.propose.selfLine', { n: line.derived.total_score, level: levelLabel(line.derived.level) })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ level: r?.proposed_level ?? line.derived?.level ?? undefined, note: r?.proposal_note ?? '' }}
      >
        <Form.Item name="level" label={t('rating.propose.level')} rules={[{ required: true, message: t('member.validation.required') }]}>
          <Select data-testid="rating-propose-level" options={LEVELS.map((x) => ({ value: x, label: levelLabel(x) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('rating.propose.note')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="rating-propose-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A higher committee lowers a decided rating, with the reason (POST …/downgrade). The server decides who is
 * "higher": the refusal (403, with its reason) is shown in the dialog.
 */
function DowngradeForm({ campaignId, line, onDone, onCancel }: { campaignId: number; line: RatingSheetLine; onDone: () => void; onCancel: () => void }) {
  const [form] = Form.useForm<{ level: RatingLevel; reason: string }>();
  const { message } = App.useApp();
  const current = (line.rating?.level ?? 'not_completed') as RatingLevel;
  const lower = lowerLevels(current);
  const { busy, problem, submit } = useSubmit<{ level: RatingLevel; reason: string }>(form, ['level', 'reason'], async (v) => {
    const saved = await ratingApi.downgrade(campaignId, line.member.id, v.level, (v.reason ?? '').trim());
    message.success(t('rating.downgrade.done', { name: line.member.full_name, level: levelLabel(saved.level) }));
    onDone();
  });
  return (
    <Modal
      open
      title={t('rating.downgrade.title', { name: line.member.full_name })}
      okText={t('rating.downgrade.action')}
      okButtonProps={{ danger: true, disabled: lower.length === 0, ...({ 'data-testid': 'rating-downgrade-submit' } as Record<string, string>) }}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" data-testid="rating-downgrade-error" />}
      <Typography.Paragraph>{t('rating.downgrade.current', { level: levelLabel(current) })}</Typography.Paragraph>
      {lower.length === 0 ? (
        <Typography.Text type="secondary">{t('rating.downgrade.none')}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ level: lower[0], reason: '' }}>
          <Form.Item name="level" label={t('rating.downgrade.level')} rules={[{ required: true, message: t('member.validation.required') }]}>
            <Select data-testid="rating-downgrade-level" options={lower.map((x) => ({ value: x, label: levelLabel(x) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('rating.downgrade.reason')} rules={[{ required: true, whitespace: true, message: t('member.validation.required') }]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="rating-downgrade-reason" />
          </Form.Item>
        </Form>
      )}
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
  const [proposing, setProposing] = useState<RatingSheetLine | null>(null);
  const [lowering, setLowering] = useState<RatingSheetLine | null>(null);
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
    {
      title: t('rating.proposal'),
      key: 'proposal',
      width: 190,
      render: (_, l) => {
        const r = l.rating;
        const decided = !!r && (!!r.level || !!r.not_rated);
        const mayPropose = open && canWriteMembers(user) && !!r && r.self_total !== null && !decided;
        return (
          <Space orientation="vertical" size={2}>
            <span data-col="proposal">{levelLabel(r?.proposed_level)}</span>
            {r?.proposal_note && <Typography.Text type="secondary">{r.proposal_note}</Typography.Text>}
            {mayPropose && (
              <Button size="small" icon={<FlagOutlined />} onClick={() => setProposing(l)} data-testid="rating-propose-open">
                {t('rating.propose.action')}
              </Button>
            )}
          </Space>
        );
      },
    },
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
              {r.downgraded_from && (
                <Tooltip title={r.downgrade_reason || undefined}>
                  <Typography.Text type="secondary" data-col="downgraded">
                    {t('rating.downgraded', { from: levelLabel(r.downgraded_from) })}
                  </Typography.Text>
                </Tooltip>
              )}
              {r.level && r.level !== 'not_completed' && canRunSupplements(user) && (
                <Button size="small" danger icon={<ArrowDownOutlined />} onClick={() => setLowering(l)} data-testid="rating-downgrade-open">
                  {t('rating.downgrade.action')}
                </Button>
              )}
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
          campaignId={sheet.campaign.id}
          criteria={sheet.criteria}
          total={sheet.bands.total}
          member={assessing.member}
          rating={assessing.rating}
          onCancel={() => setAssessing(null)}
          onDone={() => {
            setAssessing(null);
            reload();
          }}
        />
      )}
      {proposing && (
        <ProposalForm
          campaignId={sheet.campaign.id}
          line={proposing}
          onCancel={() => setProposing(null)}
          onDone={() => {
            setProposing(null);
            reload();
          }}
        />
      )}
      {lowering && (
        <DowngradeForm
          campaignId={sheet.campaign.id}
          line={lowering}
          onCancel={() => setLowering(null)}
          onDone={() => {
            setLowering(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
