import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { transferApi } from '../api';
import { ApiError } from '../api/client';
import type { DirectoryEntry, TransferInput } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { applyServerErrors } from '../common/formErrors';
import { Loading } from '../common/Loading';
import { useDebounced } from '../common/useDebounced';
import { t } from '../i18n';
import { useMember } from '../members/useMember';
import { DATE_FORMATS } from '../common/dateInput';

const FIELDS = [
  'kind', 'temporary_reason', 'temporary_until', 'to_branch_id', 'external_kind', 'external_name', 'decision_number',
  'decision_date', 'decision_body', 'decision_effective', 'requested_on', 'member_id',
] as const;

interface FormValues {
  kind: 'official' | 'temporary';
  temporary_reason?: 'work_or_residence' | 'study';
  temporary_until?: Dayjs | null;
  where: 'tree' | 'external';
  to_branch_id?: number;
  external_kind?: string;
  external_name?: string;
  decision_number?: string;
  decision_date?: Dayjs | null;
  decision_body?: string;
  decision_effective?: Dayjs | null;
  requested_on?: Dayjs | null;
}

const iso = (d: Dayjs | null | undefined) => (d && d.isValid() ? d.format('YYYY-MM-DD') : undefined);

/** The receiving unit, searched across the whole tree as the user types (without diacritics is fine). */
function DirectorySelect({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const [items, setItems] = useState<DirectoryEntry[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    transferApi.directory(query, ctl.signal).then((r) => setItems(r.items), () => undefined);
    return () => ctl.abort();
  }, [query]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('transfer.directory')}
      data-testid="transfer-directory"
      options={items.map((e) => ({
        value: e.id,
        label: (
          <span data-testid="directory-option">
            {e.name} ({e.code}) <Typography.Text type="secondary">— {e.path_names.join(' › ')}</Typography.Text>
          </span>
        ),
      }))}
    />
  );
}

/** `/members/:id/transfer`: the sending side opens a transfer of the member's party registration. */
export function TransferCreatePage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { member, error } = useMember(id);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'official';
  const where = Form.useWatch('where', form) ?? 'tree';
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (error) return <ErrorState error={error} />;
  if (!member) return <Loading />;
  const submit = async (v: FormValues) => {
    setProblem(null);
    setBusy(true);
    const body: TransferInput = {
      member_id: member.id,
      kind: v.kind,
      decision_number: v.decision_number ?? '',
      decision_date: iso(v.decision_date) ?? '',
      decision_body: v.decision_body ?? '',
      decision_effective: iso(v.decision_effective) ?? '',
    };
    const requested = iso(v.requested_on);
    if (requested) body.requested_on = requested;
    if (v.kind === 'temporary') {
      body.temporary_reason = v.temporary_reason ?? 'work_or_residence';
      body.temporary_until = iso(v.temporary_until) ?? null;
    }
    if (v.where === 'tree') {
      if (v.to_branch_id) body.to_branch_id = v.to_branch_id;
    } else {
      body.external_kind = (v.external_kind ?? 'other_province') as TransferInput['external_kind'];
      body.external_name = v.external_name ?? '';
    }
    try {
      const c = await transferApi.create(body);
      message.success(t('transfer.created'));
      navigate(`/transfers/${c.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (!applyServerErrors(form, e, FIELDS) || e.field === 'member_id') setProblem(e.message);
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('member.validation.required') }];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="transfer-create-title">
        {t('transfer.action')}: {member.full_name}
      </Typography.Title>
      <Card>
        {problem && <Alert type="error" showIcon title={problem} role="alert" data-testid="transfer-create-error" style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" disabled={busy} initialValues={{ kind: 'official', where: 'tree', temporary_reason: 'work_or_residence' }} onFinish={(v) => void submit(v)}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('transfer.kind')}>
                <Radio.Group
                  options={[
                    { value: 'official', label: t('transfer.official') },
                    { value: 'temporary', label: t('transfer.temporary') },
                  ]}
                />
              </Form.Item>
            </Col>
            {kind === 'temporary' && (
              <>
                <Col xs={12} md={6}>
                  <Form.Item name="temporary_reason" label={t('transfer.temporaryReason')}>
                    <Select options={[{ value: 'work_or_residence', label: t('transfer.reasonWork') }, { value: 'study', label: t('transfer.reasonStudy') }]} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="temporary_until" label={t('transfer.temporaryUntil')} rules={required}>
                    <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24}>
              <Form.Item name="where" label={t('transfer.destination')}>
                <Radio.Group options={[{ value: 'tree', label: t('transfer.inTree') }, { value: 'external', label: t('transfer.external') }]} />
              </Form.Item>
            </Col>
            {where === 'tree' ? (
              <Col xs={24}>
                <Form.Item name="to_branch_id" label={t('transfer.to')}>
                  <DirectorySelect />
                </Form.Item>
              </Col>
            ) : (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name="external_kind" label={t('transfer.externalKind')} rules={required}>
                    <Select
                      data-testid="transfer-external-kind"
                      options={[
                        { value: 'other_province', label: t('transfer.externalOtherProvince') },
                        { value: 'army', label: t('transfer.externalArmy') },
                        { value: 'police', label: t('transfer.externalPolice') },
                        { value: 'abroad', label: t('transfer.externalAbroad') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="external_name" label={t('transfer.externalName')} rules={required}>
                    <Input />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24} md={6}>
              <Form.Item name="decision_number" label={t('transfer.decisionNumber')}>
                <Input data-testid="transfer-decision-number" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="decision_body" label={t('transfer.decisionBody')}>
                <Input data-testid="transfer-decision-body" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="decision_date" label={t('transfer.decisionDate')}>
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="transfer-decision-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="decision_effective" label={t('transfer.decisionEffective')}>
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} data-testid="transfer-decision-effective" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="requested_on" label={t('transfer.requestedOn')} extra={t('transfer.requestedOnHint')}>
                <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="transfer-create-submit">{t('transfer.create')}</Button>
        </Form>
      </Card>
    </Space>
  );
}
