// The pieces the rating dialogs share: the server's refusals placed on their inputs, the submit state, the
// score per criterion with the running total, and the tasks.
import { Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { RatingCriterion } from '../api/types';
import { t } from '../i18n';
import { formFieldOf } from './model';

/**
 * Puts the server's field errors of a rating form on its inputs ("scores[2]", "tasks.on_time", "level", …).
 * Returns the message to show above the form when none of them is a field of the form.
 */
export function placeErrors(form: { setFields: (f: { name: never; errors: string[] }[]) => void }, e: ApiError, known: readonly string[]): string | null {
  const placed = Object.entries(e.fields)
    .map(([f, msg]) => ({ name: formFieldOf(f), msg }))
    .filter(({ name }) => known.includes(Array.isArray(name) ? String(name[0]) : name));
  if (placed.length === 0) return e.message;
  form.setFields(placed.map(({ name, msg }) => ({ name: name as never, errors: [msg] })));
  return null;
}

/**
 * The state of a dialog's submit: busy while `send` runs; a refusal of the server lands on the inputs of
 * `known` or, failing that, in `problem` (shown above the form).
 */
export function useSubmit<V>(form: { setFields: (f: { name: never; errors: string[] }[]) => void }, known: readonly string[], send: (v: V) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: V) => {
    setBusy(true);
    setProblem(null);
    try {
      await send(v);
    } catch (e) {
      setProblem(e instanceof ApiError ? placeErrors(form, e, known) : t('app.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, submit };
}

/** A score per criterion of the rule set (form field `scores`), the total as typed, and the tasks. */
export function ScoreFields({ criteria, max, scores, scoreTestId, totalTestId }: { criteria: RatingCriterion[]; max: number; scores: (number | null)[]; scoreTestId: string; totalTestId: string }) {
  const sum = scores.reduce<number>((s, x) => s + (x ?? 0), 0);
  return (
    <>
      {criteria.map((c, i) => (
        <Form.Item key={c.code} name={['scores', i]} label={`${c.label} (0–${c.max})`} rules={[{ required: true, message: t('member.validation.required') }]}>
          <InputNumber min={0} max={c.max} style={{ width: 160 }} data-testid={`${scoreTestId}-${c.code}`} />
        </Form.Item>
      ))}
      <Typography.Paragraph strong data-testid={totalTestId}>
        {t('rating.total', { n: sum, max })}
      </Typography.Paragraph>
      <Typography.Text strong>{t('rating.tasks')}</Typography.Text>
      <Space wrap>
        {(['assigned', 'completed', 'on_time', 'exceeded'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(k === 'on_time' ? 'rating.onTime' : `rating.${k}`)}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
        ))}
      </Space>
    </>
  );
}
