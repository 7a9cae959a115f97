// The admission settings (issue #5 items 3 and 5): who decides admissions for a subtree (the competent
// committee, rules.md §1.5 and §10) and the working-day calendar the deadlines are counted on.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { admissionApi } from '../api';
import { ApiError } from '../api/client';
import type { CalendarYear, CompetentCommittee } from '../api/types';
import { useUser } from '../auth/AuthContext';
import { canEditCalendar, canSetCompetence } from '../auth/access';
import { DATE_FORMATS, isoDay } from '../common/dateInput';
import { applyServerErrorsAt, clearFieldErrors } from '../common/formErrors';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { t, tDynamic } from '../i18n';
import { byDay, calendarBody, dayCounts, weekday } from './model';

/** Loads with `load` again whenever `deps` change (null while loading); `error` when it failed. */
function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    setValue(null); // what is shown below is built from the new value, not the previous one
    load(ctl.signal).then(setValue, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { value, error };
}

/** The competent committee of the organization's subtree; administrators and provincial staff change it. */
export function CompetenceTab({ orgId }: { orgId: number }) {
  const user = useUser();
  const { message } = App.useApp();
  const [n, setN] = useState(0);
  const { value: v, error } = useLoaded<CompetentCommittee>((s) => admissionApi.competence(orgId, s), [orgId, n]);
  const [choice, setChoice] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (error) return <ErrorState error={error} />;
  if (!v) return <Loading />;
  const save = async (committeeId: number | null) => {
    setProblem(null);
    try {
      await admissionApi.setCompetence(orgId, committeeId);
      message.success(t('admission.saved'));
      setChoice(null);
      setN((x) => x + 1);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(e.fields.committee_id ?? e.message);
    }
  };
  const editable = canSetCompetence(user);
  return (
    <Card size="small" data-testid="competence">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label={t('admission.competence.effective', { org: v.org.name })}>
            <span data-testid="competence-effective">{v.effective?.name ?? t('admission.competence.none')}</span>
            <div>
              <Typography.Text type="secondary">
                {v.set_on ? t('admission.competence.setOn', { org: v.set_on.name }) : t('admission.competence.byDefault')}
              </Typography.Text>
            </div>
          </Descriptions.Item>
        </Descriptions>
        {!editable && <Typography.Text type="secondary">{t('admission.competence.readOnly')}</Typography.Text>}
        {editable && (
          <Form layout="vertical">
            <Form.Item label={t('admission.competence.choose', { org: v.org.name })} validateStatus={problem ? 'error' : undefined} help={problem}>
              <Space.Compact style={{ width: '100%' }}>
                <Select style={{ minWidth: 320 }} value={choice ?? v.setting?.id ?? undefined} onChange={setChoice} data-testid="competence-select"
                  options={v.choices.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` }))} />
                <Button type="primary" disabled={choice === null} onClick={() => void save(choice)} data-testid="competence-save">{t('admission.save')}</Button>
              </Space.Compact>
            </Form.Item>
            {v.setting && <Button onClick={() => void save(null)} data-testid="competence-reset">{t('admission.competence.reset')}</Button>}
          </Form>
        )}
      </Space>
    </Card>
  );
}

interface DayForm {
  date: Dayjs | null;
  kind: 'off' | 'work';
  name: string;
}
interface YearForm {
  status: 'official' | 'provisional';
  source: string;
  days: DayForm[];
}

const toYearForm = (y: CalendarYear): YearForm => ({
  status: y.status,
  source: y.source,
  days: y.days.map((d) => ({ date: dayjs(d.date), kind: d.working ? 'work' : 'off', name: d.name })),
});

/** One year of the calendar: its status and source, its days off and weekend days worked. */
function YearEditor({ year, initial, readOnly, onSaved }: { year: number; initial: YearForm; readOnly: boolean; onSaved: () => void }) {
  const [form] = Form.useForm<YearForm>();
  const { message } = App.useApp();
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (v: YearForm) => {
    setBusy(true);
    setProblems([]);
    clearFieldErrors(form);
    try {
      // The rows in the order sent (by date), so that the server's "days[i]" names the row shown at i.
      const body = calendarBody(v.status, v.source ?? '', (v.days ?? []).map((d) => ({ date: isoDay(d.date), working: d.kind === 'work', name: d.name ?? '' })));
      form.setFieldValue('days', [...(v.days ?? [])].sort((a, b) => byDay(isoDay(a.date) ?? '', isoDay(b.date) ?? '')));
      await admissionApi.setCalendarYear(year, body);
      message.success(t('admission.calendar.saved', { year }));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // Days are sent in date order, as the form lists them once saved; the line errors go above the form.
      setProblems(applyServerErrorsAt(form, e, ['status', 'source', 'days']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" disabled={busy || readOnly} initialValues={initial} onFinish={(v) => void submit(v)} data-testid="calendar-form">
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join(' ')} role="alert" style={{ marginBottom: 12 }} data-testid="calendar-error" />}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="status" label={t('admission.calendar.status')}>
            <Radio.Group options={(['official', 'provisional'] as const).map((s) => ({ value: s, label: t(`admission.calendar.statuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="source" label={t('admission.calendar.source')}><Input /></Form.Item>
        </Col>
      </Row>
      <Form.List name="days">
        {(items, { add, remove }) => (
          <>
            {items.length === 0 && <Typography.Paragraph type="secondary">{t('admission.calendar.noDays')}</Typography.Paragraph>}
            {items.map((item) => (
              <Row key={item.key} gutter={8} align="middle" data-testid="calendar-day">
                <Col xs={12} md={5}>
                  <Form.Item name={[item.name, 'date']} label={t('admission.calendar.day')} rules={[{ required: true, message: t('member.validation.required') }]}>
                    <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={3}>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const d = form.getFieldValue(['days', item.name, 'date']) as Dayjs | null;
                      const iso = isoDay(d);
                      return <Form.Item label={t('admission.calendar.weekday')}>{iso ? tDynamic(`admission.calendar.weekdays.d${weekday(iso)}`, iso) : '—'}</Form.Item>;
                    }}
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[item.name, 'kind']} label={t('admission.calendar.kind')}>
                    <Select options={[{ value: 'off', label: t('admission.calendar.off') }, { value: 'work', label: t('admission.calendar.work') }]} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={10}>
                  <Form.Item name={[item.name, 'name']} label={t('admission.calendar.name')}><Input /></Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  {!readOnly && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('admission.remove')} onClick={() => remove(item.name)} />}
                </Col>
              </Row>
            ))}
            {!readOnly && (
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ date: null, kind: 'off', name: '' })} data-testid="calendar-add-day">{t('admission.calendar.addDay')}</Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-save">{t('admission.calendar.saveYear', { year })}</Button>
              </Space>
            )}
          </>
        )}
      </Form.List>
    </Form>
  );
}

/** The working-day calendar: every year declared, and one year edited (administrators). */
export function CalendarTab() {
  const user = useUser();
  const [n, setN] = useState(0);
  const { value, error } = useLoaded((s) => admissionApi.calendar(s), [n]);
  const [year, setYear] = useState<number | null>(null);
  const [newYear, setNewYear] = useState<number | null>(null);
  if (error) return <ErrorState error={error} />;
  if (!value) return <Loading />;
  const readOnly = !canEditCalendar(user);
  const years = value.years;
  const shown = year ?? years[years.length - 1]?.year ?? null;
  const current = years.find((y) => y.year === shown);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('admission.calendar.help')}</Typography.Paragraph>
      <Table rowKey="year" size="small" pagination={false} dataSource={years} data-testid="calendar-years"
        onRow={(y) => ({ onClick: () => setYear(y.year), style: { cursor: 'pointer' } })}
        rowClassName={(y) => (y.year === shown ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('admission.calendar.year'), dataIndex: 'year' },
          { title: t('admission.calendar.status'), key: 's', render: (_, y) => <Tag color={y.status === 'official' ? 'green' : 'orange'}>{t(`admission.calendar.statuses.${y.status}`)}</Tag> },
          { title: t('admission.calendar.source'), dataIndex: 'source' },
          { title: '', key: 'n', render: (_, y) => t('admission.calendar.counts', dayCounts(y)) },
        ]} />
      {!readOnly && (
        <Space.Compact>
          <InputNumber min={2000} max={2100} placeholder={t('admission.calendar.newYear')} value={newYear} onChange={setNewYear} data-testid="calendar-new-year" />
          <Button icon={<PlusOutlined />} disabled={!newYear} onClick={() => setYear(newYear)} data-testid="calendar-add-year">{t('admission.calendar.addYear')}</Button>
        </Space.Compact>
      )}
      {readOnly && <Typography.Text type="secondary">{t('admission.calendar.readOnly')}</Typography.Text>}
      {shown !== null && (
        <Card size="small" title={`${t('admission.calendar.year')} ${shown}`}>
          <YearEditor key={shown} year={shown} readOnly={readOnly} onSaved={() => setN((x) => x + 1)}
            initial={current ? toYearForm(current) : { status: 'provisional', source: '', days: [] }} />
        </Card>
      )}
    </Space>
  );
}
