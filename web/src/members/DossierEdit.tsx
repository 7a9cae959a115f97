import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { dossierApi, supplementApi } from '../api';
import { ApiError } from '../api/client';
import type { DossierCatalog, DossierView, SupplementCampaign } from '../api/types';
import { canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { todayIso } from '../format';
import { t, tDynamic } from '../i18n';
import { CatalogInput } from './CatalogInput';
import { badgeMilestones, type DossierFormValues, EMPTY_ROW, fromFormValues, type ListField, splitFieldErrors, type TextField, toFormValues } from './dossier';
import { DATE_FORMATS } from '../common/dateInput';

const field = (f: string) => tDynamic(`dossier.fields.${f}`, f);
const column = (c: string) => tDynamic(`dossier.columns.${c}`, c);
// Enter confirms a typed date; it must not also save the whole form.
const noEnter = (e: KeyboardEvent) => e.key === 'Enter' && e.preventDefault();

function DateInput({ value, onChange, id }: { value?: Dayjs | null; onChange?: (d: Dayjs | null) => void; id?: string }) {
  return (
    <DatePicker
      id={id}
      value={value ?? null}
      onChange={(d) => onChange?.(d ?? null)}
      format={DATE_FORMATS}
      placeholder={t('member.form.datePlaceholder')}
      style={{ width: '100%' }}
      onKeyDown={noEnter}
    />
  );
}

type Kind = 'text' | 'date' | 'year' | 'badge' | DossierCatalog;
interface Col_ {
  name: string;
  kind: Kind;
  span: number;
}

const CATALOG_FIELDS: Partial<Record<TextField, DossierCatalog>> = {
  general_education: 'general_education',
  academic_title: 'academic_title',
  political_theory: 'political_theory',
  state_management: 'state_management',
  party_position: 'party_position',
};

function input(kind: Kind) {
  if (kind === 'text') return <Input maxLength={300} />;
  if (kind === 'date') return <DateInput />;
  if (kind === 'year') return <InputNumber min={1900} max={2100} style={{ width: '100%' }} />;
  if (kind === 'badge') return <Select allowClear options={badgeMilestones(todayIso()).map((y) => ({ value: y, label: String(y) }))} />;
  return <CatalogInput kind={kind} />;
}

/** An editable list of the dossier: one line of inputs per row, a button to remove it, one to add a row. */
function ListInput({ name, cols }: { name: ListField; cols: Col_[] }) {
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <div data-testid={`dossier-list-${name}`}>
          <Typography.Text strong>{field(name)}</Typography.Text>
          {rows.length === 0 && <div className="tcxd-muted">{t('dossier.edit.noRows')}</div>}
          {rows.map((row, i) => (
            <Row key={row.key} gutter={8} className="tcxd-dossier-row" data-testid={`dossier-row-${name}-${i}`}>
              {cols.map((c) => (
                <Col key={c.name} xs={24} md={c.span}>
                  <Form.Item name={[row.name, c.name]} label={column(c.name)} style={{ marginBottom: 8 }}>
                    {input(c.kind)}
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} md={2} style={{ paddingTop: 30 }}>
                <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('dossier.edit.removeRow')} title={t('dossier.edit.removeRow')} onClick={() => remove(row.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_ROW[name] })} data-testid={`dossier-add-${name}`} style={{ margin: '4px 0 16px' }}>
            {t('dossier.edit.addRow')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function TextItem({ name, span = 12, area = false }: { name: TextField; span?: number; area?: boolean }) {
  const kind = CATALOG_FIELDS[name];
  return (
    <Col xs={24} md={span}>
      <Form.Item name={name} label={field(name)} extra={kind ? t('dossier.edit.catalogHint') : undefined}>
        {kind ? <CatalogInput kind={kind} /> : area ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} /> : <Input maxLength={300} />}
      </Form.Item>
    </Col>
  );
}

/**
 * Records a new version of the whole dossier (`PUT /members/{id}/dossier`), in force from a date the user
 * gives. `?supplement=ID` comes from the yearly supplement board: the version also counts the member as
 * "changed" in that campaign, and saving goes back to `?back=`.
 */
export default function DossierEdit() {
  const id = Number(useParams().id);
  const [sp] = useSearchParams();
  const supplementId = Number(sp.get('supplement')) || undefined;
  const back = sp.get('back');
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<DossierFormValues>();
  const [view, setView] = useState<DossierView | null>(null);
  const [campaign, setCampaign] = useState<SupplementCampaign | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string[] | null>(null);
  const [n, setN] = useState(0);
  const [dirty, setDirty] = useState(false);
  const leaving = useRef(false);

  // Unsaved changes: ask before leaving the page inside the app, and let the browser ask on reload/close.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    Modal.confirm({
      title: t('member.form.unsavedTitle'),
      content: t('member.form.unsavedBody'),
      okText: t('member.form.unsavedLeave'),
      cancelText: t('member.form.unsavedStay'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker]);
  useEffect(() => {
    if (!dirty) return;
    const on = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', on);
    return () => window.removeEventListener('beforeunload', on);
  }, [dirty]);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    dossierApi.get(id, undefined, ctl.signal).then(setView, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [id, n]);
  useEffect(() => {
    if (!supplementId) return;
    const ctl = new AbortController();
    supplementApi.view(supplementId, undefined, ctl.signal).then(
      (v) => setCampaign(v.campaign),
      () => undefined,
    );
    return () => ctl.abort();
  }, [supplementId]);
  useEffect(() => {
    if (view) form.setFieldsValue(toFormValues(view.dossier, todayIso(), ''));
  }, [form, view]);

  if (!canWriteMembers(user)) return <Result status="403" title={t('dossier.edit.forbidden')} />;
  if (error) return <ErrorState error={error} notFoundText={t('member.show.notFound')} onRetry={() => setN((x) => x + 1)} />;
  if (!view) return <Loading />;

  const done = () => navigate(back && back.startsWith('/') ? back : `/members/${id}#dossier`, { replace: true });

  const submit = async () => {
    setFormError(null);
    const values = form.getFieldsValue(true) as DossierFormValues;
    const validFrom = values.valid_from && values.valid_from.isValid() ? values.valid_from.format('YYYY-MM-DD') : '';
    setBusy(true);
    try {
      await dossierApi.put(id, { valid_from: validFrom, note: (values.note ?? '').trim(), dossier: fromFormValues(values), supplement_id: supplementId });
      leaving.current = true;
      message.success(t('dossier.edit.saved'));
      done();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const { onForm, other } = splitFieldErrors(e.fields);
      if (onForm.length) {
        form.setFields(onForm.map((f) => ({ name: f.name as never, errors: f.errors })));
        form.scrollToField(onForm[0]!.name as never, { block: 'center' });
      }
      setFormError(onForm.length ? [t('member.form.fixErrors'), ...other] : other.length ? other : [e.message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tcxd-page">
      <div className="tcxd-page-head">
        <div className="tcxd-page-title">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="dossier-edit-title">
            {t('dossier.edit.title', { name: view.member.full_name })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dossier.edit.intro')}</Typography.Text>
        </div>
      </div>
      {supplementId && campaign && (
        <Alert type="info" showIcon title={t('dossier.edit.supplement', { year: campaign.year })} style={{ marginBottom: 16 }} data-testid="dossier-edit-supplement" />
      )}
      {formError && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={formError[0]} description={formError.slice(1).join(' ') || undefined} data-testid="dossier-edit-error" />
      )}
      <Form<DossierFormValues>
        form={form}
        layout="vertical"
        onFinish={() => void submit()}
        disabled={busy}
        data-testid="dossier-form"
        onValuesChange={() => {
          setFormError(null);
          setDirty(true);
        }}
      >
        <Card title={t('dossier.edit.version')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="valid_from" label={t('dossier.edit.validFrom')} rules={[{ required: true, message: t('member.validation.required') }]}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="note" label={t('dossier.edit.note')}>
                <Input maxLength={500} placeholder={t('dossier.edit.notePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('dossier.sections.background')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <TextItem name="other_names" />
            <TextItem name="birth_place" />
            <TextItem name="occupation" />
            <TextItem name="health" />
            <Col xs={24} md={6}>
              <Form.Item name="armed_service" label={field('armed_service')}>
                <Select
                  data-testid="dossier-armed-service"
                  options={(['', 'army', 'police'] as const).map((v) => ({ value: v, label: tDynamic(`dossier.armedService.${v || 'none'}`, v) }))}
                />
              </Form.Item>
            </Col>
            {(['enlisted_on', 'discharged_on', 'retired_on'] as const).map((f) => (
              <Col xs={24} md={6} key={f}>
                <Form.Item name={f} label={field(f)}>
                  <DateInput />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Card title={t('dossier.sections.education')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <TextItem name="general_education" span={8} />
            <TextItem name="academic_title" span={8} />
            <TextItem name="political_theory" span={8} />
            <TextItem name="state_management" span={8} />
            <TextItem name="languages" span={8} />
            <TextItem name="it_level" span={8} />
          </Row>
          <ListInput
            name="qualifications"
            cols={[
              { name: 'level', kind: 'professional_level', span: 6 },
              { name: 'field', kind: 'text', span: 6 },
              { name: 'institution', kind: 'text', span: 6 },
              { name: 'year', kind: 'year', span: 4 },
            ]}
          />
        </Card>
        <Card title={t('dossier.sections.work')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <TextItem name="party_position" span={8} />
            <TextItem name="government_position" span={8} />
            <TextItem name="mass_org_position" span={8} />
          </Row>
          <ListInput
            name="work_history"
            cols={[
              { name: 'from', kind: 'date', span: 4 },
              { name: 'to', kind: 'date', span: 4 },
              { name: 'place', kind: 'text', span: 8 },
              { name: 'position', kind: 'text', span: 6 },
            ]}
          />
          <Row gutter={16}>
            <TextItem name="awards" area />
            <TextItem name="discipline" area />
          </Row>
        </Card>
        <Card title={t('dossier.sections.family')} style={{ marginBottom: 16 }}>
          <ListInput
            name="family"
            cols={[
              { name: 'relation', kind: 'text', span: 3 },
              { name: 'full_name', kind: 'text', span: 6 },
              { name: 'birth_year', kind: 'year', span: 3 },
              { name: 'occupation', kind: 'text', span: 4 },
              { name: 'residence', kind: 'text', span: 6 },
            ]}
          />
        </Card>
        <Card title={t('dossier.sections.party')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <TextItem name="admission_decision_number" span={8} />
            <TextItem name="admission_decision_issuer" span={16} />
            <Col xs={24} md={8}>
              <Form.Item name="card_issued_on" label={field('card_issued_on')}>
                <DateInput />
              </Form.Item>
            </Col>
            <TextItem name="book_line_number" span={8} />
            <TextItem name="residence_branch" span={8} />
          </Row>
          <ListInput
            name="introducers"
            cols={[
              { name: 'full_name', kind: 'text', span: 8 },
              { name: 'position', kind: 'text', span: 6 },
              { name: 'organization', kind: 'text', span: 8 },
            ]}
          />
          <ListInput
            name="badges"
            cols={[
              { name: 'years', kind: 'badge', span: 4 },
              { name: 'awarded_on', kind: 'date', span: 6 },
              { name: 'decision', kind: 'text', span: 12 },
            ]}
          />
        </Card>
        <Card title={t('dossier.sections.interruptions')} style={{ marginBottom: 16 }}>
          <ListInput
            name="interruptions"
            cols={[
              { name: 'from', kind: 'date', span: 5 },
              { name: 'to', kind: 'date', span: 5 },
              { name: 'reason', kind: 'text', span: 12 },
            ]}
          />
        </Card>
        <Space className="tcxd-form-actions">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-dossier">
            {t('app.save')}
          </Button>
          <Button onClick={done} disabled={false}>
            {t('app.cancel')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
