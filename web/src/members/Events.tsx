// The "Biến động" tab of a member: the history of status changes with their decisions, the party age
// (stopped on leaving), and the actions valid in the member's state, each opening the decision form.
import { Alert, App, Button, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { memberEventApi } from '../api';
import { ApiError } from '../api/client';
import { DECIDING_BODIES, REMOVAL_GROUNDS } from '../api/types';
import type { DecidingBody, Member, MemberEvent, MemberEventInput, MemberEventKind, MemberEvents, RemovalGround } from '../api/types';
import { canRecordLeaving, canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { applyServerErrors } from '../common/formErrors';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t, tDynamic } from '../i18n';
import { StatusTag } from './labels';
import { availableEvents, defaultBody, hasPeriod, isLeaving, returnsCard } from './events';
import { DATE_FORMATS, isoDay as iso } from '../common/dateInput';

const kindLabel = (k: string) => tDynamic(`event.kinds.${k}`, k);
const bodyLabel = (b: string) => tDynamic(`event.bodies.${b}`, b);
const groundLabel = (g: string) => tDynamic(`event.grounds.${g}`, g);

interface FormValues {
  effective_on: Dayjs | null;
  decision_number: string;
  decision_date: Dayjs | null;
  decision_body: DecidingBody;
  decision_body_name?: string;
  until?: Dayjs | null;
  ground?: RemovalGround;
  ground_months?: number | null;
  card_returned_on?: Dayjs | null;
  note?: string;
}

const FIELDS = [
  'effective_on',
  'decision_number',
  'decision_date',
  'decision_body',
  'decision_body_name',
  'until',
  'ground',
  'ground_months',
  'card_returned_on',
  'note',
] as const;


function EventForm({ member, kind, onDone, onCancel }: { member: Member; kind: MemberEventKind; onDone: () => void; onCancel: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const death = kind === 'death';
  const submit = async (v: FormValues) => {
    setProblem(null);
    setBusy(true);
    const body: MemberEventInput = {
      kind,
      effective_on: iso(v.effective_on) ?? '',
      decision_number: v.decision_number ?? '',
      decision_date: iso(v.decision_date) ?? '',
      decision_body: v.decision_body,
    };
    if (v.decision_body_name) body.decision_body_name = v.decision_body_name;
    if (hasPeriod(kind) && v.until) body.until = iso(v.until);
    if (kind === 'removal') {
      if (v.ground) body.ground = v.ground;
      if (v.ground_months !== undefined && v.ground_months !== null) body.ground_months = v.ground_months;
    }
    if (returnsCard(kind) && v.card_returned_on) body.card_returned_on = iso(v.card_returned_on);
    if (v.note) body.note = v.note;
    try {
      await memberEventApi.record(member.id, body);
      message.success(t('event.recorded', { kind: kindLabel(kind) }));
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (!applyServerErrors(form, e, FIELDS)) setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <Modal
      open
      title={t('event.recordTitle', { kind: kindLabel(kind), name: member.full_name })}
      onCancel={onCancel}
      footer={null}
      destroyOnHidden
      width={640}
    >
      {isLeaving(kind) && <Alert type="warning" showIcon title={t('event.leavingWarning')} style={{ marginBottom: 12 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" data-testid="event-problem" />}
      <Form
        form={form}
        layout="vertical"
        disabled={busy}
        data-testid="event-form"
        initialValues={{ decision_body: defaultBody(kind), effective_on: dayjs(), decision_date: dayjs() }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="effective_on" label={death ? t('event.fields.death_on') : t('event.fields.effective_on')} rules={required}>
              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="event-effective_on" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="decision_date" label={death ? t('event.fields.death_notice_date') : t('event.fields.decision_date')} rules={required}>
              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="event-decision_date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="decision_number" label={t('event.fields.decision_number')} rules={required}>
          <Input data-testid="event-decision_number" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="decision_body" label={t('event.fields.decision_body')} rules={required}>
              <Select data-testid="event-decision_body" options={DECIDING_BODIES.map((b) => ({ value: b, label: bodyLabel(b) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="decision_body_name" label={t('event.fields.decision_body_name')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {hasPeriod(kind) && (
          <Form.Item name="until" label={t('event.fields.until')} rules={kind === 'reduction' ? required : []}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="event-until" />
          </Form.Item>
        )}
        {kind === 'removal' && (
          <Row gutter={12}>
            <Col span={16}>
              <Form.Item name="ground" label={t('event.fields.ground')} rules={required}>
                <Select data-testid="event-ground" options={REMOVAL_GROUNDS.map((g) => ({ value: g, label: groundLabel(g) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="ground_months" label={t('event.fields.ground_months')}>
                <InputNumber min={0} max={1200} style={{ width: '100%' }} data-testid="event-ground_months" />
              </Form.Item>
            </Col>
          </Row>
        )}
        {returnsCard(kind) && (
          <Form.Item name="card_returned_on" label={t('event.fields.card_returned_on')}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('event.fields.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="event-submit">
            {t('event.submit')}
          </Button>
          <Button onClick={onCancel}>{t('app.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

function cardCell(e: MemberEvent) {
  if (e.kind === 'death') return t('event.cardKept');
  if (!e.card_return_required) return '–';
  return e.card_returned ? t('event.cardReturned', { date: formatDate(e.card_returned_on) }) : t('event.cardPending');
}

/** The member's events and the actions; `onChanged` reloads the member after a recorded event. */
export function EventsTab({ member, onChanged }: { member: Member; onChanged: () => void }) {
  const user = useUser();
  const [data, setData] = useState<MemberEvents | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  const [open, setOpen] = useState<MemberEventKind | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    memberEventApi.list(member.id, ctl.signal).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => !ctl.signal.aborted && setError(e),
    );
    return () => ctl.abort();
  }, [member.id, member.version, n]);
  const done = useCallback(() => {
    setOpen(null);
    setN((x) => x + 1);
    onChanged();
  }, [onChanged]);

  if (error) return <ErrorState error={error} onRetry={() => setN((x) => x + 1)} />;
  if (!data) return <Loading />;
  const actions = canWriteMembers(user) ? availableEvents(member.status, canRecordLeaving(user)) : [];
  const columns: ColumnsType<MemberEvent> = [
    { title: t('event.columns.date'), dataIndex: 'effective_on', render: (d: string) => formatDate(d), width: 120 },
    {
      title: t('event.columns.kind'),
      key: 'kind',
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <span>
            {e.kind_label} {e.superseded_by !== null && <Tag>{t('event.superseded')}</Tag>}
          </span>
          {e.until && <Typography.Text type="secondary">{t('event.until', { date: formatDate(e.until) })}</Typography.Text>}
          {e.ground_label && <Typography.Text type="secondary">{e.ground_label}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('event.columns.decision'),
      key: 'decision',
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <span>
            {e.decision_number} · {formatDate(e.decision_date)}
          </span>
          <Typography.Text type="secondary">{e.decision_body_name || e.decision_body_label}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('event.columns.change'),
      key: 'change',
      render: (_, e) =>
        e.status_before === e.status_after ? (
          <StatusTag status={e.status_after as Member['status']} />
        ) : (
          <span>
            <StatusTag status={e.status_before as Member['status']} /> → <StatusTag status={e.status_after as Member['status']} />
          </span>
        ),
    },
    { title: t('event.columns.card'), key: 'card', render: (_, e) => cardCell(e) },
    { title: t('event.columns.recordedBy'), dataIndex: 'recorded_by' },
  ];
  const age = data.party_age;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        {age && (
          <Typography.Text data-testid="event-party-age">
            {data.party_age_end
              ? t('event.partyAgeStopped', { date: formatDate(data.party_age_end), years: age.years, months: age.months })
              : t('event.partyAge', { years: age.years, months: age.months })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {data.next_badge
            ? t('event.nextBadge', { years: data.next_badge.years, date: formatDate(data.next_badge.due) })
            : !data.badge_eligible && t('event.noBadge')}
        </Typography.Text>
      </Space>
      {actions.length > 0 && (
        <Space wrap>
          {actions.map((k) => (
            <Button key={k} danger={isLeaving(k)} onClick={() => setOpen(k)} data-testid={`event-action-${k}`}>
              {t(`event.actions.${k}`)}
            </Button>
          ))}
        </Space>
      )}
      {data.events.length === 0 ? (
        <Empty description={t('event.empty')} />
      ) : (
        <Table<MemberEvent>
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={[...data.events].reverse()}
          data-testid="events-table"
        />
      )}
      {open && <EventForm member={member} kind={open} onDone={done} onCancel={() => setOpen(null)} />}
    </Space>
  );
}
