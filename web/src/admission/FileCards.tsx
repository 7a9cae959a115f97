// The parts of the candidate file completed on the case page (issue #5 item 1): background verifications,
// comments of mass organizations and of the residence branch, and the two introducers. Each card saves its
// part with PATCH /admission/cases/{id}; the server checks and stores it, its field errors go on the inputs.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, type FormInstance, Input, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { admissionApi, memberApi } from '../api';
import { ApiError } from '../api/client';
import type { AdmissionCase, Member } from '../api/types';
import { DATE_FORMATS, isoDay } from '../common/dateInput';
import { applyServerErrorsAt, clearFieldErrors } from '../common/formErrors';
import { useDebounced } from '../common/useDebounced';
import { formatDate } from '../format';
import { t, tDynamic } from '../i18n';
import { statusLabel } from '../members/labels';
import { introducerIssues, introducerSlots, introducersBody, type IntroducerSlot } from './model';

/** One input of a list row: free text, a date (YYYY-MM-DD on the wire) or a choice. */
interface EntryField {
  name: string;
  label: string;
  kind: 'text' | 'date' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
  span: number;
}

type EntryRow = Record<string, string | null>;
type FormRow = Record<string, string | Dayjs | null>;

const toForm = (fields: EntryField[], r: EntryRow): FormRow =>
  Object.fromEntries(fields.map((f) => [f.name, f.kind === 'date' ? (r[f.name] ? dayjs(r[f.name]) : null) : (r[f.name] ?? '')]));
const fromForm = (fields: EntryField[], r: FormRow): EntryRow =>
  Object.fromEntries(fields.map((f) => [f.name, f.kind === 'date' ? isoDay(r[f.name] as Dayjs | null) : ((r[f.name] as string | null) ?? '')]));

/** Saves one part of the file and reports the new case, or the messages that found no input. */
async function saveFilePart<T>(c: AdmissionCase, body: Record<string, unknown>, form: FormInstance<T>, root: string) {
  clearFieldErrors(form);
  try {
    return { saved: await admissionApi.update(c.id, { version: c.version, ...body }), problems: [] as string[] };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { saved: null, problems: applyServerErrorsAt(form, e, [root]) };
  }
}

/** A list of the file (verifications or comments) edited row by row and saved as a whole. */
function EntryListCard({ c, list, fields, title, addLabel, empty, testId, readOnly, rowTag, onSaved }: {
  c: AdmissionCase;
  list: 'verifications' | 'comments';
  fields: EntryField[];
  title: string;
  addLabel: string;
  empty: string;
  testId: string;
  readOnly: boolean;
  /** A tag of a saved row (rows added since the last save have none). */
  rowTag?: (r: EntryRow) => ReactNode;
  onSaved: (c: AdmissionCase) => void;
}) {
  const [form] = Form.useForm<Record<string, FormRow[]>>();
  const { message } = App.useApp();
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const stored = c[list] as unknown as EntryRow[];
  const rows = stored.map((r) => toForm(fields, r));
  const submit = async (v: Record<string, FormRow[] | undefined>) => {
    setBusy(true);
    setProblems([]);
    const entries = (v[list] ?? []).map((r) => fromForm(fields, r));
    const { saved, problems: left } = await saveFilePart(c, { [list]: entries }, form, list).finally(() => setBusy(false));
    setProblems(left);
    if (saved) {
      message.success(t('admission.saved'));
      onSaved(saved);
    }
  };
  return (
    <Card size="small" title={title} data-testid={testId}>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join(' ')} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={busy || readOnly} initialValues={{ [list]: rows }} onFinish={(v) => void submit(v)}>
        <Form.List name={list}>
          {(items, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />}
              {items.map((item) => (
                <Card key={item.key} size="small" type="inner" data-testid={`${testId}-row`}
                  extra={
                    <Space>
                      {stored[item.name] && rowTag?.(stored[item.name]!)}
                      {!readOnly && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('admission.remove')} onClick={() => remove(item.name)} />}
                    </Space>
                  }>
                  <Row gutter={12}>
                    {fields.map((f) => (
                      <Col key={f.name} xs={24} md={f.span}>
                        <Form.Item name={[item.name, f.name]} label={f.label} rules={f.required ? [{ required: true, message: t('member.validation.required') }] : undefined}>
                          {f.kind === 'date' ? (
                            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
                          ) : f.kind === 'select' ? (
                            <Select options={f.options} />
                          ) : (
                            <Input />
                          )}
                        </Form.Item>
                      </Col>
                    ))}
                  </Row>
                </Card>
              ))}
              {!readOnly && (
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add(toForm(fields, {}))} data-testid={`${testId}-add`}>{addLabel}</Button>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid={`${testId}-save`}>{t('admission.save')}</Button>
                </Space>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

/** Background verification requests: to which place, sent, answered, conclusion. */
export function VerificationsCard({ c, readOnly, onSaved }: { c: AdmissionCase; readOnly: boolean; onSaved: (c: AdmissionCase) => void }) {
  const fields: EntryField[] = [
    { name: 'place', label: t('admission.verification.place'), kind: 'text', required: true, span: 24 },
    { name: 'sent', label: t('admission.verification.sent'), kind: 'date', required: true, span: 8 },
    { name: 'answered', label: t('admission.verification.answered'), kind: 'date', span: 8 },
    { name: 'conclusion', label: t('admission.verification.conclusion'), kind: 'text', span: 8 },
  ];
  return (
    <EntryListCard c={c} list="verifications" fields={fields} title={t('admission.verification.title')} addLabel={t('admission.verification.add')}
      empty={t('admission.verification.empty')} testId="verifications" readOnly={readOnly} onSaved={onSaved}
      rowTag={(r) => (r.answered ? <Tag color="green">{t('admission.verification.done')}</Tag> : <Tag color="orange">{t('admission.verification.waiting')}</Tag>)} />
  );
}

/** Comments of the mass organizations where the candidate works and of the residence branch. */
export function CommentsCard({ c, readOnly, onSaved }: { c: AdmissionCase; readOnly: boolean; onSaved: (c: AdmissionCase) => void }) {
  const fields: EntryField[] = [
    {
      name: 'source',
      label: t('admission.comment.source'),
      kind: 'select',
      required: true,
      span: 8,
      options: (['mass_org', 'residence_branch'] as const).map((s) => ({ value: s, label: t(`admission.comment.sources.${s}`) })),
    },
    { name: 'organization', label: t('admission.comment.organization'), kind: 'text', required: true, span: 10 },
    { name: 'date', label: t('admission.comment.date'), kind: 'date', required: true, span: 6 },
    { name: 'content', label: t('admission.comment.content'), kind: 'text', required: true, span: 24 },
  ];
  return (
    <EntryListCard c={c} list="comments" fields={fields} title={t('admission.comment.title')} addLabel={t('admission.comment.add')}
      empty={t('admission.comment.empty')} testId="comments" readOnly={readOnly} onSaved={onSaved} />
  );
}

/** Official (and probationary, to be refused with the reason) members found by name without diacritics. */
function MemberPicker({ value, label, onChange, onPicked }: {
  value?: number | null;
  label?: string;
  onChange?: (id: number) => void;
  onPicked: (name: string) => void;
}) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 300);
  const [found, setFound] = useState<Member[]>([]);
  useEffect(() => {
    if (!q) return;
    const ctl = new AbortController();
    memberApi.list({ q, status: 'official,probationary', limit: 20 }, ctl.signal).then((p: { items: Member[] }) => setFound(p.items), () => undefined);
    return () => ctl.abort();
  }, [q]);
  const options = found.map((m) => ({
    value: m.id,
    label: `${m.full_name} — ${m.status === 'official' ? t('admission.introducers.officialSince', { date: formatDate(m.official_date) }) : statusLabel(m.status)} · ${m.org_name}`,
    name: m.full_name,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: label ?? String(value), name: label ?? '' });
  return (
    <Select showSearch={{ filterOption: false, onSearch: setQuery }} value={value ?? undefined} placeholder={t('admission.introducers.search')}
      options={options} onChange={(id: number) => {
        onChange?.(id);
        onPicked(options.find((o) => o.value === id)?.name ?? '');
      }}
      notFoundContent={null} data-testid="introducer-search" />
  );
}

type SlotForm = Omit<IntroducerSlot, 'together_since'> & { together_since: Dayjs | null };

/** The two introducers: official members chosen from the register, or the Youth Union / trade union in place of one. */
export function IntroducersCard({ c, canEdit, onSaved }: { c: AdmissionCase; canEdit: boolean; onSaved: (c: AdmissionCase) => void }) {
  const [form] = Form.useForm<{ introducers: SlotForm[] }>();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const issues = introducerIssues(c.introducer_issues);
  const atCandidate = c.stage === 'candidate';
  const slots = introducerSlots(c.introducers);
  const submit = async (v: { introducers: SlotForm[] }) => {
    setBusy(true);
    setProblems([]);
    const body = introducersBody(v.introducers.map((s) => ({ ...s, together_since: isoDay(s.together_since) })));
    const { saved, problems: left } = await saveFilePart(c, { introducers: body }, form, 'introducers').finally(() => setBusy(false));
    setProblems(left);
    if (saved) {
      message.success(t('admission.saved'));
      setEditing(false);
      onSaved(saved);
    }
  };
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <Card size="small" title={t('admission.introducers.title')} data-testid="introducers"
      extra={canEdit && atCandidate && !editing && <Button size="small" onClick={() => setEditing(true)} data-testid="introducers-edit">{t('admission.introducers.edit')}</Button>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('admission.introducers.help')}</Typography.Text>
        {!editing && (
          <>
            {c.introducers.length === 0 && <Typography.Text>{t('admission.introducers.none')}</Typography.Text>}
            {c.introducers.map((i, n) => (
              <div key={n} data-testid={`introducer-${n}`}>
                <Typography.Text strong>{t('admission.introducers.slot', { n: n + 1 })}: </Typography.Text>
                {i.kind === 'member' ? i.name : `${tDynamic(`admission.introducers.kinds.${i.kind}`, i.kind)}${i.name ? ` (${i.name})` : ''}`}
                {i.together_since && <Typography.Text type="secondary"> · {t('admission.introducers.together')}: {formatDate(i.together_since)}</Typography.Text>}
                {issues.slots[n] && <Typography.Paragraph type="danger" style={{ margin: 0 }} data-testid={`introducer-issue-${n}`}>{issues.slots[n]}</Typography.Paragraph>}
              </div>
            ))}
            {atCandidate && issues.pair && <Alert type="error" showIcon title={issues.pair} data-testid="introducer-pair-issue" />}
            {atCandidate && c.introducers.length > 0 && Object.keys(c.introducer_issues).length === 0 && (
              <Alert type="success" showIcon title={t('admission.introducers.ok')} data-testid="introducers-ok" />
            )}
          </>
        )}
        {editing && (
          <Form form={form} layout="vertical" disabled={busy} onFinish={(v) => void submit(v)}
            initialValues={{ introducers: slots.map((s) => ({ ...s, together_since: s.together_since ? dayjs(s.together_since) : null })) }}>
            {problems.length > 0 && <Alert type="error" showIcon title={problems.join(' ')} role="alert" style={{ marginBottom: 12 }} />}
            <Form.List name="introducers">
              {(items) => items.map((item) => (
                <Card key={item.key} size="small" type="inner" title={t('admission.introducers.slot', { n: item.name + 1 })} style={{ marginBottom: 12 }} data-testid={`introducer-slot-${item.name}`}>
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[item.name, 'kind']} label={t('admission.introducers.kind')}>
                        <Select options={(['member', 'youth_union', 'trade_union'] as const).map((k) => ({ value: k, label: t(`admission.introducers.kinds.${k}`) }))}
                          onChange={(k: string) => form.setFieldValue(['introducers', item.name, 'name'], k === 'member' ? '' : t(`admission.introducers.kinds.${k as 'youth_union'}`))}
                          data-testid="introducer-kind" />
                      </Form.Item>
                    </Col>
                    <Form.Item noStyle shouldUpdate>
                      {() => form.getFieldValue(['introducers', item.name, 'kind']) === 'member' ? (
                        <>
                          <Form.Item name={[item.name, 'name']} hidden><Input /></Form.Item>
                          <Col xs={24} md={16}>
                            <Form.Item name={[item.name, 'member_id']} label={t('admission.introducers.member')} rules={required}>
                              <MemberPicker label={form.getFieldValue(['introducers', item.name, 'name']) as string}
                                onPicked={(name) => form.setFieldValue(['introducers', item.name, 'name'], name)} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={12}>
                            <Form.Item name={[item.name, 'together_since']} label={t('admission.introducers.together')} rules={required}>
                              <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="introducer-together" />
                            </Form.Item>
                          </Col>
                        </>
                      ) : (
                        <Col xs={24} md={16}>
                          <Form.Item name={[item.name, 'name']} label={t('admission.introducers.orgName')} rules={required}><Input /></Form.Item>
                        </Col>
                      )}
                    </Form.Item>
                  </Row>
                </Card>
              ))}
            </Form.List>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="introducers-save">{t('admission.save')}</Button>
              <Button onClick={() => setEditing(false)}>{t('admission.introducers.cancel')}</Button>
            </Space>
          </Form>
        )}
      </Space>
    </Card>
  );
}
