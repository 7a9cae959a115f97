import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Radio, Row, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { orgApi } from '../api';
import { ApiError } from '../api/client';
import type { OrgEvent, RestructureKind, RestructureOutcome, StatusTally } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { applyServerErrors } from '../common/formErrors';
import { formatDate, formatNumber } from '../format';
import { type MessageKey, t, tDynamic } from '../i18n';
import { AsOfTree } from './AsOfTree';
import { OrgHeader } from './OrgHeader';
import { type OrgStore, useOrgStore } from './orgStore';
import { DATE_FORMATS, isoDay as day } from '../common/dateInput';

const KINDS: RestructureKind[] = ['rename', 'move', 'merge', 'split', 'dissolve'];

interface FormValues {
  kind: RestructureKind;
  effective: Dayjs | null;
  'decision.number': string;
  'decision.date': Dayjs | null;
  'decision.body': string;
  new_name?: string;
  new_code?: string;
  new_parent?: number;
  sources?: number[];
  receiver?: number;
  dissolve_subject?: boolean;
  note?: string;
  [assignment: `assignments.${number}`]: number | undefined;
}


/** The request body from the form; `units` are the organization's direct units (split). */
function requestBody(orgId: number, v: FormValues, units: number[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    kind: v.kind,
    subject: orgId,
    effective: day(v.effective),
    decision: { number: v['decision.number'] ?? '', date: day(v['decision.date']), body: v['decision.body'] ?? '' },
    note: v.note ?? '',
  };
  if (v.kind === 'rename') Object.assign(body, { new_name: v.new_name ?? '', new_code: v.new_code ?? '' });
  if (v.kind === 'move' && v.new_parent) body.new_parent = v.new_parent;
  if (v.kind === 'merge') body.sources = v.sources ?? [];
  if (v.kind === 'dissolve' && v.receiver) body.receiver = v.receiver;
  if (v.kind === 'split') {
    body.assignments = units.flatMap((u, i) => {
      const to = v[`assignments.${i}`];
      return to ? [{ unit: u, to }] : [];
    });
    body.dissolve_subject = !!v.dissolve_subject;
  }
  return body;
}

/** Tree nodes of the organizations loaded in the store (committees and branches), for the pickers. */
function pickerNodes(store: OrgStore, ids: number[] | null | undefined): DataNode[] {
  return (ids ?? []).flatMap((id) => {
    const o = store.get(id);
    if (!o) return [];
    return [{ key: id, value: id, title: `${o.name} (${o.code})`, isLeaf: !o.has_children, children: pickerNodes(store, store.children(id)) } as DataNode];
  });
}

function OrgPicker({ multiple, value, onChange, testId }: { multiple?: boolean; value?: number | number[]; onChange?: (v: unknown) => void; testId: string }) {
  const store = useOrgStore();
  const [, setVersion] = useState(0);
  useEffect(() => {
    void store.loadRoots().then(() => setVersion((x) => x + 1));
  }, [store]);
  return (
    <TreeSelect
      data-testid={testId}
      value={value}
      onChange={onChange}
      multiple={multiple}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('restructure.pick')}
      treeData={pickerNodes(store, store.roots())}
      loadData={async (node) => {
        await store.loadChildren(Number(node.value));
        setVersion((x) => x + 1);
      }}
      style={{ width: '100%' }}
    />
  );
}

function Tally({ tally }: { tally: StatusTally }) {
  const parts = Object.entries(tally).filter(([, n]) => n > 0);
  if (parts.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {parts.map(([s, n]) => (
        <Tag key={s}>
          {tDynamic(`member.status.${s}`, s)} {formatNumber(n)}
        </Tag>
      ))}
    </Space>
  );
}

/** The plan of a restructuring and its hand-over record: what moves, and the counts before and after. */
export function PlanView({ outcome }: { outcome: RestructureOutcome }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="restructure-plan">
      <Typography.Text strong>
        {outcome.applied ? t('restructure.applied') : t('restructure.preview')}: {outcome.kind_label} · {t('restructure.effective')}{' '}
        {formatDate(outcome.effective)} · {outcome.decision.number}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={outcome.steps}
        columns={[
          { title: t('restructure.step'), render: (_, s) => tDynamic(`restructure.steps.${s.kind}`, s.kind) },
          { title: t('restructure.org'), render: (_, s) => s.org?.name },
          { title: t('restructure.to'), render: (_, s) => s.to?.name ?? s.new_name ?? '' },
          { title: t('restructure.moves'), render: (_, s) => (s.moves ? <Tally tally={s.moves} /> : null) },
        ]}
      />
      {outcome.hand_overs.length > 0 && (
        <Table
          size="small"
          pagination={false}
          data-testid="hand-over"
          rowKey={(h) => String(h.org?.id)}
          dataSource={outcome.hand_overs}
          columns={[
            { title: t('restructure.receiver'), render: (_, h) => h.org?.name },
            { title: t('restructure.before'), align: 'right', render: (_, h) => formatNumber(h.before_counted) },
            { title: t('restructure.received'), align: 'right', render: (_, h) => formatNumber(h.received_counted) },
            { title: t('restructure.after'), align: 'right', render: (_, h) => <strong>{formatNumber(h.after_counted)}</strong> },
            { title: t('restructure.byStatus'), render: (_, h) => <Tally tally={h.after} /> },
          ]}
        />
      )}
    </Space>
  );
}

/** The structure as it was on a date: names, parents and member counts of that day, read from the server. */
function TreeAsOf({ orgId }: { orgId: number }) {
  const [date, setDate] = useState<Dayjs | null>(dayjs('2025-06-30'));
  const asOf = day(date);
  return (
    <Card size="small" title={t('restructure.asOfTitle')} data-testid="tree-as-of">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Text>{t('restructure.asOf')}</Typography.Text>
          <DatePicker value={date} onChange={setDate} format={DATE_FORMATS} data-testid="as-of-date" />
        </Space>
        {asOf ? <AsOfTree orgId={orgId} asOf={asOf} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        <Typography.Text type="secondary">{t('restructure.asOfNote')}</Typography.Text>
      </Space>
    </Card>
  );
}

/** "Sắp xếp tổ chức": the restructuring wizard of an organization, with a preview, its decisions and its past structure. */
export function RestructurePage() {
  const orgId = Number(useParams().orgId);
  const store = useOrgStore();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = (Form.useWatch('kind', form) ?? 'rename') as RestructureKind;
  const [preview, setPreview] = useState<RestructureOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [events, setEvents] = useState<OrgEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [units, setUnits] = useState<number[]>([]);

  const reload = useCallback(() => {
    orgApi
      .restructures(orgId)
      .then((r) => setEvents(r.items))
      .catch(setError);
    void store.loadChildren(orgId).then(setUnits);
  }, [orgId, store]);
  useEffect(reload, [reload]);

  const org = store.get(orgId);
  // Its siblings are the likeliest to be merged with it: loaded for the pickers.
  const parentId = org?.parent_id;
  useEffect(() => {
    if (parentId) void store.loadChildren(parentId);
  }, [parentId, store]);

  const send = async (dryRun: boolean) => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const body = requestBody(orgId, v, units);
      const out = await orgApi.restructure(body, dryRun);
      // Accepted: no field keeps an error from an earlier attempt.
      form.setFields(Object.keys(form.getFieldsValue(true) as object).map((name) => ({ name: name as never, errors: [] })));
      setPreview(out);
      if (!dryRun) {
        message.success(t('restructure.done'));
        store.clear();
        void store.loadRoots();
        reload();
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setPreview(null);
      const fields = Object.keys(e.fields).map((f) => f.replace(/^assignments\[(\d+)\]\.(?:to|unit)$/, 'assignments.$1'));
      const mapped = new ApiError(e.status, e.code, e.message, e.field, Object.fromEntries(fields.map((f, i) => [f, Object.values(e.fields)[i]!])));
      if (!applyServerErrors(form, mapped)) setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState error={error} />;
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <div className="tcxd-page">
      <OrgHeader orgId={orgId} view="restructure" />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('restructure.title')} data-testid="restructure-form">
            <Form
              form={form}
              layout="vertical"
              disabled={busy}
              initialValues={{ kind: 'rename', effective: dayjs(), 'decision.date': dayjs() }}
              onValuesChange={(changed: Partial<FormValues>) => {
                // Whatever changed: its server error and the preview no longer hold.
                setProblem(null);
                setPreview((p) => (p && !p.applied ? null : p));
                form.setFields(Object.keys(changed).map((name) => ({ name: name as never, errors: [] })));
              }}
            >
              <Form.Item name="kind" label={t('restructure.kind')}>
                <Radio.Group
                  optionType="button"
                  options={KINDS.map((k) => ({ value: k, label: tDynamic(`restructure.kinds.${k}`, k) }))}
                  data-testid="restructure-kind"
                />
              </Form.Item>
              <Typography.Paragraph type="secondary">{t(`restructure.help.${kind}` as MessageKey, { name: org?.name ?? '' })}</Typography.Paragraph>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="effective" label={t('restructure.effective')} rules={required}>
                    <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="restructure-effective" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="decision.number" label={t('restructure.decisionNumber')}>
                    <Input data-testid="decision-number" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="decision.date" label={t('restructure.decisionDate')}>
                    <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="decision.body" label={t('restructure.decisionBody')}>
                <Input data-testid="decision-body" placeholder={t('restructure.decisionBodyHint')} />
              </Form.Item>
              {kind === 'rename' && (
                <Row gutter={12}>
                  <Col xs={24} md={16}>
                    <Form.Item name="new_name" label={t('restructure.newName')}>
                      <Input data-testid="new-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="new_code" label={t('restructure.newCode')}>
                      <Input />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              {kind === 'move' && (
                <Form.Item name="new_parent" label={t('restructure.newParent')}>
                  <OrgPicker testId="new-parent" />
                </Form.Item>
              )}
              {kind === 'merge' && (
                <Form.Item name="sources" label={t('restructure.sources', { name: org?.name ?? '' })}>
                  <OrgPicker multiple testId="sources" />
                </Form.Item>
              )}
              {kind === 'dissolve' && (
                <Form.Item name="receiver" label={t('restructure.receiverPick')}>
                  <OrgPicker testId="receiver" />
                </Form.Item>
              )}
              {kind === 'split' && (
                <>
                  {units.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('restructure.noUnits')} />}
                  {units.map((u, i) => (
                    <Form.Item key={u} name={`assignments.${i}`} label={store.get(u)?.name ?? String(u)}>
                      <OrgPicker testId={`assign-${i}`} />
                    </Form.Item>
                  ))}
                  <Form.Item name="dissolve_subject" valuePropName="checked">
                    <Checkbox>{t('restructure.dissolveAfter')}</Checkbox>
                  </Form.Item>
                </>
              )}
              <Form.Item name="note" label={t('restructure.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              {problem && <Alert type="error" showIcon title={problem} role="alert" data-testid="restructure-error" style={{ marginBottom: 12 }} />}
              <Space>
                <Button onClick={() => void send(true)} loading={busy} data-testid="restructure-preview">
                  {t('restructure.previewButton')}
                </Button>
                <Button type="primary" danger disabled={!preview || preview.applied} onClick={() => void send(false)} data-testid="restructure-apply">
                  {t('restructure.applyButton')}
                </Button>
              </Space>
            </Form>
            {preview && (
              <div style={{ marginTop: 16 }}>
                <PlanView outcome={preview} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <TreeAsOf orgId={orgId} />
            <Card size="small" title={t('restructure.history')} data-testid="restructure-history">
              <Table
                size="small"
                rowKey="id"
                loading={events === null}
                dataSource={events ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{ emptyText: t('restructure.noHistory') }}
                columns={[
                  { title: t('restructure.effective'), render: (_, e) => formatDate(e.effective) },
                  { title: t('restructure.kind'), render: (_, e) => e.kind_label },
                  { title: t('restructure.decisionNumber'), render: (_, e) => `${e.decision.number} (${e.decision.body})` },
                  {
                    title: t('restructure.after'),
                    render: (_, e) => e.hand_overs.map((h) => `${h.org?.name ?? ''}: ${formatNumber(h.after_counted)}`).join('; '),
                  },
                ]}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}
