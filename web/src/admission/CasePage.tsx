import { CheckCircleOutlined, ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { admissionApi } from '../api';
import { ApiError } from '../api/client';
import type { AdmissionCase, AdmissionDocumentKind, AdmissionStepKind } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate, formatDateTime } from '../format';
import { t, tDynamic } from '../i18n';
import { DueTag } from './Board';
import { needsReason, needsVotes, stepBody, stepChoices, type StepForm } from './model';
import { DATE_FORMATS } from '../common/dateInput';
import { canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { CommentsCard, IntroducersCard, VerificationsCard } from './FileCards';
import { DocumentLinks } from '../common/DocumentLinks';

const ADMISSION_DOCUMENTS: AdmissionDocumentKind[] = ['branch_resolution', 'committee_resolution', 'decision', 'ceremony'];


type FormValues = Omit<StepForm, 'date'> & { date: Dayjs | null };

/** Records the next step (or an extension, or a stop); the server checks the rules, the deadlines and who may act. */
function StepFormCard({ c, onDone }: { c: AdmissionCase; onDone: (c: AdmissionCase) => void }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const choices = stepChoices(c);
  const kind = (Form.useWatch('kind', form) ?? choices[0]) as AdmissionStepKind;
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!c.next) return null;
  const submit = async (v: FormValues) => {
    setProblem(null);
    setBusy(true);
    try {
      const date = v.date && v.date.isValid() ? v.date.format('YYYY-MM-DD') : '';
      const next = await admissionApi.step(c.id, stepBody({ ...v, kind, date, document_number: v.document_number ?? '' }, c.version));
      message.success(t('admission.stepRecorded'));
      onDone(next);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = Object.entries(e.fields);
      setProblem(fields.length ? fields.map(([, m]) => m).join(' ') : e.message);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <Card size="small" title={t('admission.recordStep')} data-testid="step-form">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {t('admission.waitsFor', { actor: tDynamic(`admission.actor.${c.next.actor}`, c.next.actor) })}{' '}
          {c.next.actor === 'competent' ? c.competent.name : c.next.actor === 'office' ? c.office?.name : c.branch.name}
        </Typography.Text>
        {c.next.earliest && <Typography.Text type="secondary">{t('admission.notBefore', { date: formatDate(c.next.earliest) })}</Typography.Text>}
        {problem && <Alert type="error" showIcon title={problem} role="alert" data-testid="step-error" />}
        <Form form={form} layout="vertical" disabled={busy} initialValues={{ kind: choices[0] }} onFinish={(v) => void submit(v)}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('admission.step')}>
                <Select options={choices.map((k) => ({ value: k, label: tDynamic(`admission.steps.${k}`, k) }))} data-testid="step-kind" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="date" label={t('admission.date')} rules={required}>
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="step-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="document_number" label={t('admission.documentNumber')}>
                <Input data-testid="step-doc" />
              </Form.Item>
            </Col>
            {needsVotes(kind) && (
              <>
                <Col xs={8}><Form.Item name="yes" label={t('admission.yes')} rules={required}><InputNumber min={0} style={{ width: '100%' }} data-testid="step-yes" /></Form.Item></Col>
                <Col xs={8}><Form.Item name="no" label={t('admission.no')} rules={required}><InputNumber min={0} style={{ width: '100%' }} data-testid="step-no" /></Form.Item></Col>
                <Col xs={8}><Form.Item name="entitled" label={t('admission.entitled')} rules={required}><InputNumber min={0} style={{ width: '100%' }} data-testid="step-entitled" /></Form.Item></Col>
              </>
            )}
            {needsReason(kind) && (
              <Col xs={24} md={16}><Form.Item name="reason" label={t('admission.reason')} rules={required}><Input data-testid="step-reason" /></Form.Item></Col>
            )}
            {kind === 'extension' && (
              <Col xs={24} md={8}><Form.Item name="extension_working_days" label={t('admission.extensionDays')} rules={required}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
            )}
            {kind === 'ceremony' && (
              <Col xs={24} md={16}><Form.Item name="consent_document" label={t('admission.consent')}><Input /></Form.Item></Col>
            )}
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="step-submit">{t('admission.record')}</Button>
        </Form>
      </Space>
    </Card>
  );
}

/**
 * `/admission/:id`: the candidate file (introducers, background verifications, comments), the timeline of
 * steps with the rules applied, the next step and its deadline.
 */
export function AdmissionCasePage() {
  const id = Number(useParams().id);
  const user = useUser();
  const [c, setC] = useState<AdmissionCase | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    admissionApi.get(id, ctl.signal).then(setC, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [id]);
  if (error) return <ErrorState error={error} />;
  if (!c) return <Loading />;
  const steps = c.steps ?? [];
  const canEdit = canWriteMembers(user);
  const closed = c.stage === 'official' || c.stage === 'stopped';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <div className="tcxd-page-head">
        <div className="tcxd-page-title">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">{c.full_name}</Typography.Title>
          <Typography.Text type="secondary">
            <Link to={`/orgs/${c.branch.id}/admission`}>{c.branch.name}</Link>
          </Typography.Text>
        </div>
        <Tag color={c.stage === 'official' ? 'green' : c.stage === 'stopped' ? 'default' : 'blue'} data-testid="case-stage">{c.stage_label}</Tag>
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('admission.birthDate')}>{formatDate(c.birth_date)}</Descriptions.Item>
        <Descriptions.Item label={t('admission.certificate')}>{formatDate(c.awareness_certificate_date)}</Descriptions.Item>
        <Descriptions.Item label={t('admission.competent')}>{c.competent.name}</Descriptions.Item>
        <Descriptions.Item label={t('admission.officeLabel')}>{c.office?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('admission.decisionDate')}>{formatDate(c.decision_date)}</Descriptions.Item>
        <Descriptions.Item label={t('admission.officialDate')}>
          <span data-testid="case-official-date">{formatDate(c.official_date)}</span>
        </Descriptions.Item>
        {c.member_id && (
          <Descriptions.Item label={t('admission.member')}><Link to={`/members/${c.member_id}`}>{t('admission.openMember')}</Link></Descriptions.Item>
        )}
        <Descriptions.Item label={t('admission.next')}><span data-testid="case-next"><DueTag c={c} /></span></Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <IntroducersCard key={`i${c.version}`} c={c} canEdit={canEdit} onSaved={setC} />
        </Col>
        <Col xs={24} lg={12}>
          <VerificationsCard key={`v${c.version}`} c={c} readOnly={!canEdit || closed} onSaved={setC} />
        </Col>
        <Col xs={24}>
          <CommentsCard key={`c${c.version}`} c={c} readOnly={!canEdit || closed} onSaved={setC} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('admission.timeline')}>
            <div data-testid="case-timeline">
            <Timeline
              items={steps.map((s) => ({
                color: s.late ? 'red' : 'green',
                icon: s.late ? <WarningOutlined /> : <CheckCircleOutlined />,
                content: (
                  <div data-step={s.kind}>
                    <Typography.Text strong>{s.label}</Typography.Text> — {formatDate(s.date)} · {s.document_number}
                    {s.votes && <div>{t('admission.votes', { yes: s.votes.yes, no: s.votes.no, entitled: s.votes.entitled })}</div>}
                    {s.deadline && <div>{t('admission.deadline', { date: formatDate(s.deadline) })}{s.late && <Tag color="red" style={{ marginLeft: 8 }}>{t('admission.late')}</Tag>}</div>}
                    {s.warnings.map((w) => <Typography.Paragraph key={w} type="warning" style={{ margin: 0 }}>{w}</Typography.Paragraph>)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('admission.recordedBy', { who: s.recorded_by, at: formatDateTime(s.recorded_at_ms) })}
                      {s.rules.length > 0 && ` · ${s.rules.map((r) => `${r.key} = ${r.value}`).join('; ')}`}
                    </Typography.Text>
                  </div>
                ),
              })).concat(c.next ? [{ color: c.next.late ? 'red' : 'blue', icon: <ClockCircleOutlined />, content: <DueTag c={c} /> }] : [])}
            />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <StepFormCard key={c.version} c={c} onDone={setC} />
            <Card size="small" title={t('documents.admission')} data-testid="case-documents">
              <Space orientation="vertical">
                {ADMISSION_DOCUMENTS.map((kind) => (
                  <DocumentLinks key={kind} url={(f) => admissionApi.documentUrl(c.id, kind, f)} label={t(`documents.kinds.${kind}`)} testId={`case-document-${kind}`} />
                ))}
              </Space>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
