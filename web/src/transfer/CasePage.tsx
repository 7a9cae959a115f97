import { CheckCircleOutlined, ClockCircleOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { transferApi } from '../api';
import { ApiError } from '../api/client';
import type { TransferCase, TransferStepInput, TransferStepKind } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { applyServerErrors } from '../common/formErrors';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t } from '../i18n';
import { destination, TransferDue } from './Board';
import { DATE_FORMATS } from '../common/dateInput';

const STEP_FIELDS = ['kind', 'date', 'reason', 'fees_paid_to', 'dossier_complete'] as const;

interface FormValues {
  kind: TransferStepKind;
  date: Dayjs | null;
  reason?: string;
  fees_paid_to?: string;
  dossier_complete?: boolean;
}

/** The next step for whichever side the user is on: only the steps the server says the user may record. */
function StepFormCard({ c, onDone }: { c: TransferCase; onDone: (c: TransferCase) => void }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const choices = c.allowed_steps;
  const kind = (Form.useWatch('kind', form) ?? choices[0]?.kind) as TransferStepKind | undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!c.next) return null;
  // The next step belongs to the other side (or to the committee): said first; a cancel may still be offered.
  const next = c.next;
  const side = next.actor === 'receiving' ? t('transfer.sideReceiving') : t('transfer.sideSending');
  const notYours = choices.some((s) => s.kind === next.step) ? null : (
    <Alert type="info" showIcon title={t('transfer.notYourTurn', { side })} data-testid="step-not-yours" style={{ marginBottom: 12 }} />
  );
  if (choices.length === 0) return notYours;
  const submit = async (v: FormValues) => {
    setProblem(null);
    setBusy(true);
    try {
      const body: TransferStepInput = { kind: v.kind, date: v.date && v.date.isValid() ? v.date.format('YYYY-MM-DD') : '', version: c.version };
      if (v.reason) body.reason = v.reason;
      if (v.kind === 'letter') body.fees_paid_to = v.fees_paid_to ?? '';
      if (v.kind === 'registered') body.dossier_complete = Boolean(v.dossier_complete);
      const next = await transferApi.step(c.id, body);
      message.success(t('transfer.stepRecorded'));
      onDone(next);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (!applyServerErrors(form, e, STEP_FIELDS)) setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <Card size="small" title={t('transfer.recordStep')} data-testid="transfer-step-form">
      {notYours}
      {problem && <Alert type="error" showIcon title={problem} role="alert" data-testid="step-error" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={busy} initialValues={{ kind: choices[0]?.kind }} onFinish={(v) => void submit(v)}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('transfer.step')}>
              <Select options={choices.map((s) => ({ value: s.kind, label: s.label }))} data-testid="step-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="date" label={t('transfer.date')} rules={required}>
              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="step-date" />
            </Form.Item>
          </Col>
          {kind === 'letter' && (
            <Col xs={24} md={12}>
              <Form.Item name="fees_paid_to" label={t('transfer.feesPaidTo')} rules={required}>
                <Input placeholder={dayjs().subtract(1, 'month').format('YYYY-MM')} data-testid="step-fees" />
              </Form.Item>
            </Col>
          )}
          {kind === 'registered' && (
            <Col xs={24}>
              <Form.Item name="dossier_complete" valuePropName="checked">
                <Checkbox data-testid="step-dossier">{t('transfer.dossierComplete')}</Checkbox>
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="reason" label={t('transfer.reason')}>
              <Input data-testid="step-reason" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="step-submit">{t('transfer.record')}</Button>
      </Form>
    </Card>
  );
}

/** `/transfers/:id`: the case as both sides see it, its timeline with deadlines and delays, and the next step. */
export function TransferCasePage() {
  const id = Number(useParams().id);
  const [c, setC] = useState<TransferCase | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    transferApi.get(id, ctl.signal).then(setC, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [id]);
  if (error) return <ErrorState error={error} />;
  if (!c) return <Loading />;
  const steps = c.steps ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <div className="tcxd-page-head">
        <div className="tcxd-page-title">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="transfer-title">{c.member.full_name}</Typography.Title>
          <Typography.Text type="secondary">
            <Link to={`/orgs/${c.from.id}/transfers`}>{c.from.name} ({c.from.code})</Link> →{' '}
            {c.to ? <Link to={`/orgs/${c.to.id}/transfers`}>{c.to.name} ({c.to.code})</Link> : destination(c)}
          </Typography.Text>
        </div>
        <Space wrap>
          {c.letter && (
            <Button icon={<PrinterOutlined />} href={transferApi.letterUrl(c.id)} target="_blank" rel="noopener" data-testid="print-letter">
              {t('transfer.printLetter')}
            </Button>
          )}
          <Tag color={c.next ? 'blue' : c.state === 'cancelled' ? 'default' : 'green'} data-testid="transfer-case-state">{c.state_label}</Tag>
        </Space>
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('transfer.kind')}>{c.kind_label}</Descriptions.Item>
        {c.temporary_until && <Descriptions.Item label={t('transfer.temporaryUntil')}>{formatDate(c.temporary_until)}</Descriptions.Item>}
        <Descriptions.Item label={t('transfer.decision')}>
          {t('transfer.decisionLine', { number: c.decision.number, date: formatDate(c.decision.date), body: c.decision.body, effective: formatDate(c.decision.effective) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('transfer.letter')}>
          <span data-testid="transfer-letter">
            {c.letter ? t('transfer.letterLine', { number: c.letter.number, issued_by: c.letter.issued_by, fees: c.letter.fees_paid_to }) : '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('transfer.next')}><span data-testid="transfer-next"><TransferDue c={c} /></span></Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('transfer.timeline')}>
            <div data-testid="transfer-timeline">
              <Timeline
                items={steps
                  .map((s) => ({
                    color: s.late_working_days > 0 ? 'red' : 'green',
                    icon: s.late_working_days > 0 ? <WarningOutlined /> : <CheckCircleOutlined />,
                    content: (
                      <div data-step={s.kind}>
                        <Typography.Text strong>{s.label}</Typography.Text> — {formatDate(s.date)}
                        {s.deadline && (
                          <div>
                            {t('transfer.ruleDeadline', { date: formatDate(s.deadline), rule: s.rule_key })}
                            {s.late_working_days > 0 && <Tag color="red" style={{ marginLeft: 8 }}>{t('transfer.late', { days: s.late_working_days })}</Tag>}
                          </div>
                        )}
                        {s.reason && <div>{t('transfer.reason')}: {s.reason}</div>}
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('transfer.recordedBy', { who: s.recorded_by })}</Typography.Text>
                        </div>
                      </div>
                    ),
                  }))
                  .concat(c.next ? [{ color: c.next.overdue ? 'red' : 'blue', icon: <ClockCircleOutlined />, content: <TransferDue c={c} /> }] : [])}
              />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <StepFormCard key={c.version} c={c} onDone={setC} />
        </Col>
      </Row>
    </Space>
  );
}
