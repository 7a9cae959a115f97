import { FileExcelOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Segmented, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { admissionApi } from '../api';
import { ApiError } from '../api/client';
import type { AdmissionCase, AdmissionInbox, AdmissionQuota, QuotaLine, QuotaReport } from '../api/types';
import { canRunSupplements, canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate, formatNumber, formatPercentString, todayIso } from '../format';
import { t, tDynamic } from '../i18n';
import { OrgHeader, useOrgStore } from '../orgs';
import { BOARD_COLUMNS, columnOf, reportPeriod, termPeriod, termsOf } from './model';
import { CalendarTab, CompetenceTab } from './Settings';
import { applyServerErrorsAt, clearFieldErrors } from '../common/formErrors';
import { DATE_FORMATS, isoDay as iso } from '../common/dateInput';

const Chart = lazy(() => import('../dashboard/Charts'));

/** The next step of a case and its deadline, red when overdue. */
export function DueTag({ c }: { c: AdmissionCase }) {
  if (!c.next) return <Tag>{c.stage_label}</Tag>;
  return (
    <Space size={4} wrap>
      <Typography.Text>{c.next.step_label}</Typography.Text>
      {c.next.deadline && (
        <Tag color={c.next.late ? 'red' : 'blue'} icon={c.next.late ? <WarningOutlined /> : undefined} data-testid={c.next.late ? 'overdue' : 'deadline'}>
          {c.next.late ? t('admission.overdue', { date: formatDate(c.next.deadline) }) : t('admission.deadline', { date: formatDate(c.next.deadline) })}
        </Tag>
      )}
    </Space>
  );
}

function caseColumns(): ColumnsType<AdmissionCase> {
  return [
    { title: t('admission.candidate'), key: 'name', render: (_, c) => <Link to={`/admission/${c.id}`}>{c.full_name}</Link> },
    { title: t('admission.branch'), key: 'branch', render: (_, c) => c.branch.name },
    { title: t('admission.stage'), dataIndex: 'stage_label' },
    { title: t('admission.next'), key: 'next', render: (_, c) => <DueTag c={c} /> },
  ];
}

function InboxTab({ orgId }: { orgId: number }) {
  const [inbox, setInbox] = useState<AdmissionInbox | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setInbox(null);
    admissionApi.inbox(orgId, ctl.signal).then(setInbox, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [orgId]);
  if (error) return <ErrorState error={error} />;
  if (!inbox) return <Loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card size="small" title={t('admission.waiting', { org: inbox.org.name })} data-testid="inbox-waiting">
        <Table rowKey="id" size="small" pagination={false} columns={caseColumns()} dataSource={inbox.waiting} locale={{ emptyText: t('admission.nothingWaiting') }} />
      </Card>
      <Card size="small" title={t('admission.overdueTitle')} data-testid="inbox-overdue">
        <Table rowKey="id" size="small" pagination={false} columns={caseColumns()} dataSource={inbox.overdue} locale={{ emptyText: t('admission.nothingOverdue') }} />
      </Card>
    </Space>
  );
}

interface NewCaseForm {
  full_name: string;
  gender: 'male' | 'female';
  birth_date: Dayjs | null;
  ethnicity: string;
  religion: string;
  general_education: string;
  awareness_certificate_date: Dayjs | null;
  youth_union: boolean;
  introducer_name: string;
  introducer_official_since: Dayjs | null;
  introducer_together_since: Dayjs | null;
}


/** The candidate file, short: identity, certificate, one member introducer and the Youth Union as the second. */
function NewCase({ orgId, onCreated }: { orgId: number; onCreated: (c: AdmissionCase) => void }) {
  const [form] = Form.useForm<NewCaseForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: NewCaseForm) => {
    setProblem(null);
    setBusy(true);
    try {
      const c = await admissionApi.create({
        branch_id: orgId,
        full_name: v.full_name,
        gender: v.gender,
        birth_date: iso(v.birth_date),
        ethnicity: v.ethnicity ?? '',
        religion: v.religion ?? '',
        general_education: v.general_education,
        awareness_certificate_date: iso(v.awareness_certificate_date),
        youth_union: v.youth_union,
        source: v.youth_union ? 'youth_union' : 'other',
        introducers: [
          { kind: 'member', name: v.introducer_name, official_since: iso(v.introducer_official_since), together_since: iso(v.introducer_together_since) },
          { kind: 'youth_union', name: t('admission.youthUnionIntroducer') },
        ],
      });
      onCreated(c);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(Object.keys(e.fields).length ? Object.entries(e.fields).map(([f, m]) => `${f}: ${m}`).join(' · ') : e.message);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <Card size="small" title={t('admission.newCase')} data-testid="admission-new">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" disabled={busy} onFinish={(v) => void submit(v)}
        initialValues={{ gender: 'female', general_education: '3', youth_union: true, ethnicity: 'Kinh', religion: 'Không' }}>
        <Row gutter={12}>
          <Col xs={24} md={8}><Form.Item name="full_name" label={t('admission.fullName')} rules={required}><Input data-testid="new-name" /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item name="gender" label={t('admission.gender')}><Select options={[{ value: 'female', label: t('admission.female') }, { value: 'male', label: t('admission.male') }]} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="birth_date" label={t('admission.birthDate')} rules={required}><DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="new-birth" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="awareness_certificate_date" label={t('admission.certificate')} rules={required}><DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="new-certificate" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="ethnicity" label={t('admission.ethnicity')}><Input /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="religion" label={t('admission.religion')}><Input /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="general_education" label={t('admission.education')}><Select options={[1, 2, 3].map((n) => ({ value: String(n), label: `${n}` }))} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="youth_union" valuePropName="checked" label=" "><Checkbox>{t('admission.youthUnion')}</Checkbox></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="introducer_name" label={t('admission.introducer')} rules={required}><Input data-testid="new-introducer" /></Form.Item></Col>
          <Col xs={12} md={8}><Form.Item name="introducer_official_since" label={t('admission.introducerOfficial')} rules={required}><DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="new-introducer-official" /></Form.Item></Col>
          <Col xs={12} md={8}><Form.Item name="introducer_together_since" label={t('admission.introducerTogether')} rules={required}><DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="new-introducer-together" /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="new-submit">{t('admission.create')}</Button>
      </Form>
    </Card>
  );
}

function BoardTab({ orgId }: { orgId: number }) {
  const user = useUser();
  const store = useOrgStore();
  const navigate = useNavigate();
  const org = store.get(orgId);
  const [cases, setCases] = useState<AdmissionCase[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    setCases(null);
    admissionApi.list(orgId, undefined, ctl.signal).then((p) => setCases(p.items), (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [orgId]);
  if (error) return <ErrorState error={error} />;
  if (!cases) return <Loading />;
  const holdsMembers = org?.kind === 'branch' || org?.kind === 'grassroots_branch';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      {holdsMembers && canWriteMembers(user) && !adding && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="admission-add">{t('admission.newCase')}</Button>
      )}
      {adding && <NewCase orgId={orgId} onCreated={(c) => navigate(`/admission/${c.id}`)} />}
      <Row gutter={[12, 12]} data-testid="admission-board">
        {BOARD_COLUMNS.map((col) => {
          const mine = cases.filter((c) => columnOf(c) === col.key);
          return (
            <Col key={col.key} xs={24} md={12} xl={Math.floor(24 / BOARD_COLUMNS.length)} style={{ minWidth: 220 }}>
              <Card size="small" title={`${tDynamic(`admission.column.${col.key}`, col.key)} (${formatNumber(mine.length)})`} data-testid={`column-${col.key}`}>
                {mine.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admission.empty')} />}
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {mine.map((c) => (
                    <Card key={c.id} size="small" type="inner" title={<Link to={`/admission/${c.id}`}>{c.full_name}</Link>}>
                      <Typography.Text type="secondary">{c.branch.name}</Typography.Text>
                      <div><DueTag c={c} /></div>
                    </Card>
                  ))}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}

/** A quota report: the total line, the chart per unit and the table with the breakdown. */
function ReportView({ report }: { report: QuotaReport }) {
  const cols: ColumnsType<QuotaLine> = [
    { title: t('admission.unit'), key: 'org', render: (_, l) => `${l.org.code} — ${l.org.name}` },
    { title: t('admission.target'), key: 'target', align: 'right', render: (_, l) => (l.target === null ? '—' : formatNumber(l.target)) },
    { title: t('admission.admitted'), dataIndex: 'admitted', align: 'right' },
    { title: t('admission.percent'), key: 'percent', align: 'right', render: (_, l) => (l.percent ? formatPercentString(l.percent) : '—') },
    { title: t('admission.women'), key: 'w', align: 'right', render: (_, l) => l.breakdown.women },
    { title: t('admission.youthUnion'), key: 'y', align: 'right', render: (_, l) => l.breakdown.youth_union },
    { title: t('admission.minority'), key: 'm', align: 'right', render: (_, l) => l.breakdown.ethnic_minority },
    { title: t('admission.religious'), key: 'r', align: 'right', render: (_, l) => l.breakdown.religious },
    { title: t('admission.private'), key: 'p', align: 'right', render: (_, l) => l.breakdown.private_enterprise },
    { title: '', key: 'reached', render: (_, l) => (l.target === null ? null : l.reached ? <Tag color="green">{t('admission.reached')}</Tag> : <Tag color="orange">{t('admission.below')}</Tag>) },
  ];
  return (
    <>
      <Card size="small" data-testid="report-total">
        <Typography.Text strong>
          {t('admission.totalLine', { admitted: report.total.admitted, target: report.total.target ?? '—', percent: report.total.percent ? formatPercentString(report.total.percent) : '—' })}
        </Typography.Text>
      </Card>
      <Suspense fallback={<Loading />}>
        <Chart kind="bar" label={t('admission.admitted')} rows={report.units.map((u) => ({ key: String(u.org.id), label: u.org.code, count: u.admitted, share: u.percent ?? '' }))} />
      </Suspense>
      <Table rowKey={(l) => l.org.id} size="small" pagination={false} columns={cols} dataSource={[...report.units, report.total]} data-testid="report-table" />
    </>
  );
}

/** Fetches the report of [from, to] measured against a year's or a term's target; `n` refetches. */
function useReport(orgId: number, period: 'year' | 'term', from: string | null, to: string | null, n: number, asOf: string | null = null) {
  const [report, setReport] = useState<QuotaReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!from || !to) return;
    const ctl = new AbortController();
    setError(null);
    setReport(null);
    const done = (r: QuotaReport) => setReport(r);
    const failed = (e: unknown) => !ctl.signal.aborted && setError(e);
    if (period === 'term') admissionApi.termReport(orgId, from, to, ctl.signal).then(done, failed);
    else admissionApi.report(orgId, from, to, ctl.signal, asOf).then(done, failed);
    return () => ctl.abort();
  }, [orgId, period, from, to, n, asOf]);
  return { report, error };
}

function YearReport({ orgId }: { orgId: number }) {
  const user = useUser();
  const { message } = App.useApp();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)));
  const [span, setSpan] = useState<'year' | 'nine'>('year');
  const [n, setN] = useState(0);
  const [target, setTarget] = useState<number | null>(null);
  const { from, to } = reportPeriod(year, span);
  // The structure of a past day (after a restructuring: the units as they were then).
  const [asOf, setAsOf] = useState<string | null>(null);
  const { report, error } = useReport(orgId, 'year', from, to, n, asOf);
  const saveTarget = useCallback(async () => {
    if (target === null) return;
    try {
      await admissionApi.setQuota(orgId, year, target);
      message.success(t('admission.targetSaved'));
      setN((x) => x + 1);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      message.error(e.message);
    }
  }, [orgId, year, target, message]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space wrap>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label={t('admission.year')} />
        <Segmented value={span} onChange={(v) => setSpan(v as 'year' | 'nine')} options={[{ value: 'year', label: t('admission.wholeYear') }, { value: 'nine', label: t('admission.nineMonths') }]} data-testid="report-span" />
        <DatePicker
          placeholder={t('admission.structureAsOf')}
          aria-label={t('admission.structureAsOf')}
          format={DATE_FORMATS}
          value={asOf ? dayjs(asOf) : null}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => setAsOf(d && d.isValid() ? d.format('YYYY-MM-DD') : null)}
          data-testid="report-as-of"
        />
        <Button icon={<FileExcelOutlined />} href={admissionApi.reportXlsxUrl(orgId, from, to, asOf)} data-testid="report-xlsx">{t('admission.excel')}</Button>
        {canRunSupplements(user) && (
          <Space.Compact>
            <InputNumber min={0} placeholder={t('admission.target')} value={target} onChange={(v) => setTarget(v)} data-testid="target-input" />
            <Button onClick={() => void saveTarget()} data-testid="target-save">{t('admission.setTarget', { year })}</Button>
          </Space.Compact>
        )}
      </Space>
      {error ? <ErrorState error={error} /> : !report ? <Loading /> : <ReportView report={report} />}
    </Space>
  );
}

interface TermQuotaForm {
  first_year: number | null;
  last_year: number | null;
  target: number | null;
}

/** Term targets (nhiệm kỳ): the quotas set for the organization and its units, a term's report, a new term target. */
function TermReport({ orgId }: { orgId: number }) {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<TermQuotaForm>();
  const [n, setN] = useState(0);
  const [quotas, setQuotas] = useState<AdmissionQuota[] | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [problem, setProblem] = useState<string[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    admissionApi.quotas(orgId, ctl.signal).then((r) => setQuotas(r.items), () => undefined);
    return () => ctl.abort();
  }, [orgId, n]);
  const terms = termsOf(quotas ?? [], orgId);
  const term = terms.find((q) => q.first_year === picked) ?? terms[0] ?? null;
  const period = term ? termPeriod(term, todayIso()) : null;
  const { report, error } = useReport(orgId, 'term', period?.from ?? null, period?.to ?? null, n);
  const save = async (v: TermQuotaForm) => {
    setProblem([]);
    clearFieldErrors(form);
    try {
      await admissionApi.setTermQuota(orgId, v.first_year ?? 0, v.last_year ?? 0, v.target ?? 0);
      message.success(t('admission.targetSaved'));
      setPicked(v.first_year);
      setN((x) => x + 1);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(applyServerErrorsAt(form, e, ['first_year', 'last_year', 'target']));
    }
  };
  if (!quotas) return <Loading />;
  const years = (q: AdmissionQuota) => (q.first_year === q.last_year ? String(q.first_year) : `${q.first_year}–${q.last_year}`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Space wrap>
        {terms.length > 0 ? (
          <Select style={{ minWidth: 160 }} value={term?.first_year} onChange={setPicked} aria-label={t('admission.term.pick')} data-testid="term-pick"
            options={terms.map((q) => ({ value: q.first_year, label: years(q) }))} />
        ) : (
          <Typography.Text type="secondary" data-testid="term-none">{t('admission.term.none')}</Typography.Text>
        )}
        {period && <Button icon={<FileExcelOutlined />} href={admissionApi.termReportXlsxUrl(orgId, period.from, period.to)}>{t('admission.excel')}</Button>}
      </Space>
      {canRunSupplements(user) && (
        <Card size="small" title={t('admission.term.set')}>
          {problem.length > 0 && <Alert type="error" showIcon title={problem.join(' ')} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="inline" onFinish={(v) => void save(v)} data-testid="term-form">
            <Form.Item name="first_year" label={t('admission.term.firstYear')}><InputNumber data-testid="term-first" /></Form.Item>
            <Form.Item name="last_year" label={t('admission.term.lastYear')}><InputNumber data-testid="term-last" /></Form.Item>
            <Form.Item name="target" label={t('admission.target')}><InputNumber data-testid="term-target" /></Form.Item>
            <Button type="primary" htmlType="submit" data-testid="term-save">{t('admission.save')}</Button>
          </Form>
        </Card>
      )}
      {term && (error ? <ErrorState error={error} /> : !report ? <Loading /> : <ReportView report={report} />)}
      <Card size="small" title={t('admission.term.quotas')}>
        <Table rowKey={(q) => `${q.org_id}-${q.period}-${q.first_year}`} size="small" pagination={false} dataSource={quotas} data-testid="quota-list"
          columns={[
            { title: t('admission.term.org'), key: 'org', render: (_, q) => (q.org_id === orgId ? report?.total.org.name : report?.units.find((u) => u.org.id === q.org_id)?.org.name) ?? q.org_id },
            { title: t('admission.term.period'), key: 'p', render: (_, q) => (q.period === 'term' ? t('admission.term.term') : t('admission.term.year')) },
            { title: t('admission.term.years'), key: 'y', render: (_, q) => years(q) },
            { title: t('admission.target'), dataIndex: 'target', align: 'right' },
            { title: t('admission.term.setBy'), dataIndex: 'set_by' },
          ]} />
      </Card>
    </Space>
  );
}

function ReportTab({ orgId }: { orgId: number }) {
  const [mode, setMode] = useState<'year' | 'term'>('year');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Segmented value={mode} onChange={(v) => setMode(v as 'year' | 'term')} data-testid="report-mode"
        options={[{ value: 'year', label: t('admission.term.year') }, { value: 'term', label: t('admission.term.term') }]} />
      {mode === 'year' ? <YearReport orgId={orgId} /> : <TermReport orgId={orgId} />}
    </Space>
  );
}

/** `/orgs/:orgId/admission`: the inbox, the board by stage and the quota report of an organization. */
export function AdmissionPage() {
  const orgId = Number(useParams().orgId);
  const [tab, setTab] = useState('inbox');
  return (
    <div>
      <OrgHeader orgId={orgId} view="admission" />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'inbox', label: t('admission.inbox'), children: <InboxTab orgId={orgId} /> },
        { key: 'board', label: t('admission.board'), children: <BoardTab orgId={orgId} /> },
        { key: 'report', label: t('admission.report'), children: <ReportTab orgId={orgId} /> },
        { key: 'competence', label: t('admission.competence.tab'), children: <CompetenceTab orgId={orgId} /> },
        { key: 'calendar', label: t('admission.calendar.tab'), children: <CalendarTab /> },
      ]} />
    </div>
  );
}
