import { Alert, App, Checkbox, Form, Modal, Select } from 'antd';
import { ratingApi } from '../api';
import type { MemberRating, RatingCriterion } from '../api/types';
import { t } from '../i18n';
import { ScoreFields, useSubmit } from './forms';
import { selfBody, selfInitial, type SelfValues } from './model';

export const ROLES = ['secretary', 'deputy_secretary', 'committee_member', 'unit_head', 'member'] as const;

const SELF_FIELDS = ['scores', 'assigned', 'completed', 'on_time', 'exceeded', 'role', 'disciplined', 'shortcomings_remedied'] as const;

/**
 * The member's self-assessment form (Mẫu 2A): a score per criterion of the rule set, the tasks and the hard
 * conditions. Used by the member on their own screen and by the branch on the decision screen.
 */
export function SelfForm({
  campaignId,
  criteria,
  total: max,
  member,
  rating,
  onDone,
  onCancel,
}: {
  campaignId: number;
  criteria: RatingCriterion[];
  total: number;
  member: { id: number; full_name: string };
  rating: MemberRating | null;
  onDone: (r: MemberRating) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<SelfValues>();
  const { message } = App.useApp();
  const scores = Form.useWatch('scores', form) ?? [];
  const { busy, problem, submit } = useSubmit<SelfValues>(form, SELF_FIELDS, async (v) => {
    const r = await ratingApi.selfAssess(campaignId, member.id, selfBody(v));
    message.success(t('rating.saved', { name: member.full_name, n: r.self_total ?? 0 }));
    onDone(r);
  });
  return (
    <Modal
      open
      title={t('rating.selfTitle', { name: member.full_name })}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'rating-self-submit' } as Record<string, string>}
      width={640}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" data-testid="rating-self-form" onFinish={(v) => void submit(v)} initialValues={selfInitial(criteria.length, rating)}>
        <ScoreFields criteria={criteria} max={max} scores={scores} scoreTestId="rating-score" totalTestId="rating-self-total" />
        <Form.Item name="role" label={t('rating.role')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`rating.roles.${r}`) }))} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="shortcomings_remedied" valuePropName="checked">
          <Checkbox>{t('rating.shortcomings')}</Checkbox>
        </Form.Item>
        <Form.Item name="disciplined" valuePropName="checked">
          <Checkbox>{t('rating.disciplined')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
