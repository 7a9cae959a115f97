import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { ratingApi } from '../api';
import type { OrgRating, RatingCriterion } from '../api/types';
import { t, tDynamic } from '../i18n';
import { LEVELS, orgBody, orgInitial, type OrgValues } from './model';
import { ScoreFields, useSubmit } from './forms';

const levelLabel = (l: string | null | undefined) => (l ? tDynamic(`rating.levels.${l}`, l) : '–');

const ORG_FIELDS = [
  'scores',
  'assigned',
  'completed',
  'on_time',
  'exceeded',
  'shortcomings_remedied',
  'disciplined',
  'leadership_member_disciplined',
  'corruption_disciplined',
  'internal_disunity',
  'subordinate_orgs_disciplined',
  'level',
  'override_reason',
  'detail',
] as const;

const FLAGS = [
  ['shortcomings_remedied', 'rating.shortcomings'],
  ['disciplined', 'rating.org.disciplined'],
  ['leadership_member_disciplined', 'rating.org.leadershipDisciplined'],
  ['corruption_disciplined', 'rating.org.corruptionDisciplined'],
  ['internal_disunity', 'rating.org.disunity'],
] as const;

/**
 * An organization's rating (grassroots organization or branch): the collective's assessment on the rule
 * set's organization criteria and the committee's level (PUT /ratings/{id}/orgs/{oid}). The server adds the
 * levels of its members and subordinate organizations and checks the head; its refusals land on the inputs
 * they name, or above the form.
 */
export function OrgForm({
  campaignId,
  org,
  criteria,
  total: max,
  onDone,
  onCancel,
}: {
  campaignId: number;
  org: { id: number; name: string };
  criteria: RatingCriterion[];
  total: number;
  onDone: (r: OrgRating) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<OrgValues>();
  const { message } = App.useApp();
  const scores = Form.useWatch('scores', form) ?? [];
  const level = Form.useWatch('level', form);
  const { busy, problem, submit } = useSubmit<OrgValues>(form, ORG_FIELDS, async (v) => {
    const r = await ratingApi.rateOrg(campaignId, org.id, orgBody(v));
    message.success(
      r.level
        ? t('rating.org.done', { org: org.name, level: levelLabel(r.level), n: r.self_total ?? 0, derived: levelLabel(r.derived_level) })
        : t('rating.org.doneNotRated', { org: org.name }),
    );
    onDone(r);
  });
  const notRated = level === 'not_rated';
  return (
    <Modal
      open
      title={t('rating.org.title', { org: org.name })}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'rating-org-submit' } as Record<string, string>}
      width={680}
    >
      <Typography.Paragraph type="secondary">{t('rating.org.hint')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" data-testid="rating-org-error" />}
      <Form form={form} layout="vertical" data-testid="rating-org-form" onFinish={(v) => void submit(v)} initialValues={orgInitial(criteria.length)}>
        <Form.Item name="level" label={t('rating.org.level')} rules={[{ required: true, message: t('member.validation.required') }]}>
          <Select
            data-testid="rating-org-level"
            options={[...LEVELS.map((x) => ({ value: x, label: levelLabel(x) })), { value: 'not_rated', label: t('rating.notRatedOption') }]}
          />
        </Form.Item>
        {notRated ? (
          <Form.Item name="detail" label={t('rating.org.detail')} rules={[{ required: true, whitespace: true, message: t('member.validation.required') }]}>
            <Input maxLength={1000} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="override_reason" label={t('rating.overrideReason')}>
              <Input maxLength={1000} data-testid="rating-org-reason" />
            </Form.Item>
            <ScoreFields criteria={criteria} max={max} scores={scores} scoreTestId="rating-org-score" totalTestId="rating-org-total" />
            <Form.Item name="subordinate_orgs_disciplined" label={t('rating.org.subordinatesDisciplined')}>
              <InputNumber min={0} max={10000} />
            </Form.Item>
            {FLAGS.map(([name, label]) => (
              <Form.Item key={name} name={name} valuePropName="checked" style={{ marginBottom: 4 }}>
                <Checkbox>{t(label)}</Checkbox>
              </Form.Item>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
