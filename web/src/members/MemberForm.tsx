import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { ApiError } from '../api/client';
import type { Member, MemberStatus } from '../api/types';
import { applyServerErrors } from '../common/formErrors';
import { todayIso } from '../format';
import { t } from '../i18n';
import { CatalogInput } from './CatalogInput';
import { genderLabel, statusLabel } from './labels';
import { type MemberDraft, hasLeft, officialDateFor, validateMember } from './validation';
import { DATE_FORMATS } from '../common/dateInput';

const DATE_FIELDS = ['birth_date', 'admission_date', 'ceremony_date', 'official_date', 'left_on'] as const;
type DateField = (typeof DATE_FIELDS)[number];
export const FORM_FIELDS: readonly (keyof MemberDraft)[] = [
  'full_name', 'gender', 'birth_date', 'ethnicity', 'religion', 'hometown', 'residence', 'national_id',
  'admission_date', 'ceremony_date', 'official_date', 'card_number', 'cv_number', 'status', 'left_on',
];

/** What the form holds: the draft with dates as dayjs values (or null). */
export type FormValues = Omit<MemberDraft, DateField> & Record<DateField, Dayjs | null>;

export function emptyDraft(): MemberDraft {
  return {
    full_name: '', gender: '', birth_date: null, ethnicity: 'Kinh', religion: 'Không', hometown: '', residence: '',
    national_id: '', admission_date: null, ceremony_date: null, official_date: null, card_number: '', cv_number: '',
    status: 'probationary', left_on: null,
  };
}

export function draftOf(m: Member): MemberDraft {
  const d = emptyDraft();
  for (const f of FORM_FIELDS) (d as unknown as Record<string, unknown>)[f] = m[f] ?? (DATE_FIELDS.includes(f as DateField) ? null : '');
  return d;
}

export function toValues(d: MemberDraft): FormValues {
  const v = { ...d } as unknown as Record<string, unknown>;
  for (const f of DATE_FIELDS) v[f] = d[f] ? dayjs(d[f]) : null;
  return v as unknown as FormValues;
}

export function toDraft(v: FormValues): MemberDraft {
  const d = { ...v } as unknown as Record<string, unknown>;
  for (const f of DATE_FIELDS) d[f] = v[f] && v[f].isValid() ? v[f].format('YYYY-MM-DD') : null;
  for (const f of FORM_FIELDS) if (typeof d[f] === 'string') d[f] = (d[f] as string).trim();
  return d as unknown as MemberDraft;
}

/** The fields of `after` that differ from `before` (what a PATCH sends). */
export function changes(before: MemberDraft, after: MemberDraft): Partial<MemberDraft> {
  const out: Record<string, unknown> = {};
  for (const f of FORM_FIELDS) if ((before[f] ?? null) !== (after[f] ?? null)) out[f] = after[f];
  return out as Partial<MemberDraft>;
}

interface Props {
  title: ReactNode;
  initial: MemberDraft;
  statuses: MemberStatus[];
  extra?: ReactNode;
  /** Saves; throws ApiError on refusal. */
  onSubmit: (draft: MemberDraft) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
}

export function MemberForm({ title, initial, statuses, extra, onSubmit, onCancel, onReload }: Props) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const leaving = useRef(false);
  const initialJson = JSON.stringify(initial);

  useEffect(() => {
    form.setFieldsValue(toValues(JSON.parse(initialJson) as MemberDraft));
    setDirty(false);
  }, [form, initialJson]);

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
    const on = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', on);
    return () => window.removeEventListener('beforeunload', on);
  }, [dirty]);

  const submit = async (values: FormValues) => {
    setFormError(null);
    setConflict(null);
    const draft = toDraft({ ...form.getFieldsValue(true), ...values });
    const errors = validateMember(draft, todayIso());
    const names = Object.keys(errors) as (keyof MemberDraft)[];
    if (names.length) {
      form.setFields(names.map((name) => ({ name, errors: [errors[name]!] })));
      form.scrollToField(names[0]!, { block: 'center' });
      setFormError(t('member.form.fixErrors'));
      return;
    }
    setBusy(true);
    try {
      leaving.current = true;
      await onSubmit(draft);
      setDirty(false);
    } catch (e) {
      leaving.current = false;
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 409 && e.field === 'version') setConflict(e.message);
      else if (!applyServerErrors(form, e, FORM_FIELDS)) message.error(e.message);
      else setFormError(t('member.form.fixErrors'));
    } finally {
      setBusy(false);
    }
  };

  const dateInput = (name: DateField, required = false) => (
    <Form.Item name={name} label={t(`member.fields.${name}`)} required={required}>
      <DatePicker
        format={DATE_FORMATS}
        placeholder={t('member.form.datePlaceholder')}
        style={{ width: '100%' }}
        // Enter confirms the typed date; it must not also save the whole form.
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
    </Form.Item>
  );
  const status = Form.useWatch('status', form);

  return (
    <div className="tcxd-page">
      <div className="tcxd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </div>
      {extra}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('member.form.conflictTitle')}
          description={conflict}
          action={onReload && <Button onClick={onReload}>{t('member.form.reload')}</Button>}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} role="alert" />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        onValuesChange={(changed: Partial<FormValues>) => {
          // A field the user touched loses its old error; it is checked again on save.
          form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof FormValues, errors: [] })));
          setDirty(JSON.stringify(toDraft(form.getFieldsValue(true))) !== initialJson);
          if ('admission_date' in changed && changed.admission_date && form.getFieldValue('status') === 'official' && !form.getFieldValue('official_date')) {
            const official = officialDateFor(changed.admission_date.format('YYYY-MM-DD'));
            if (official) form.setFieldValue('official_date', dayjs(official));
          }
        }}
        data-testid="member-form"
      >
        <Card title={t('member.form.identity')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="full_name" label={t('member.fields.full_name')} required>
                <Input autoComplete="off" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="gender" label={t('member.fields.gender')} required>
                <Select options={(['male', 'female'] as const).map((g) => ({ value: g, label: genderLabel(g) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              {dateInput('birth_date', true)}
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="ethnicity" label={t('member.fields.ethnicity')}>
                <CatalogInput kind="ethnicity" maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="religion" label={t('member.fields.religion')}>
                <CatalogInput kind="religion" maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="national_id" label={t('member.fields.national_id')}>
                <Input inputMode="numeric" maxLength={12} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="hometown" label={t('member.fields.hometown')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="residence" label={t('member.fields.residence')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} data-testid="residence-input" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('member.form.party')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="status"
                label={t('member.fields.status')}
                required
                extra={hasLeft(status ?? 'official') ? undefined : t('member.form.statusHelpLeft')}
              >
                <Select options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="card_number" label={t('member.fields.card_number')}>
                <Input inputMode="numeric" maxLength={12} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="cv_number" label={t('member.fields.cv_number')}>
                <Input maxLength={9} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              {dateInput('admission_date')}
            </Col>
            <Col xs={12} md={6}>
              {dateInput('ceremony_date')}
            </Col>
            <Col xs={12} md={6}>
              {dateInput('official_date')}
            </Col>
            {(hasLeft(status ?? 'official') || initial.left_on) && (
              <Col xs={12} md={6}>
                {dateInput('left_on')}
              </Col>
            )}
          </Row>
        </Card>
        <Space className="tcxd-form-actions">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-member">
            {t('app.save')}
          </Button>
          <Button onClick={onCancel} disabled={false}>
            {t('app.cancel')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
