import { Alert, Button, Checkbox, Empty, Table, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { memberApi } from '../api';
import { ApiError } from '../api/client';
import type { AuditEntry } from '../api/types';
import { Loading } from '../common/Loading';
import { formatDate, formatDateTime } from '../format';
import { t, tDynamic } from '../i18n';
import { fieldLabel, genderLabel, statusLabel } from './labels';

const HIDDEN = new Set(['id', 'version', 'status_label']);

export const actionLabel = (action: string) => tDynamic(`audit.actions.${action.replace(/\./g, '_')}`, action);

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('app.empty');
  if (field === 'gender') return genderLabel(String(v));
  if (field === 'status') return statusLabel(String(v));
  if (field.endsWith('_date') || field === 'left_on') return formatDate(String(v));
  return String(v);
}

/** The fields that differ between `before` and `after` of an audit entry. */
export function changedFields(e: Pick<AuditEntry, 'before' | 'after'>): { field: string; before: unknown; after: unknown }[] {
  const b = e.before ?? {};
  const a = e.after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  return keys.filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

export function AuditHistory({ memberId, refreshKey }: { memberId: number; refreshKey: number }) {
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reads, setReads] = useState(false);

  const load = useCallback(
    async (before: string | null) => {
      try {
        const page = await memberApi.audit(memberId, before);
        setItems((old) => (before && old ? [...old, ...page.items] : page.items));
        setNext(page.next);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, 'internal', t('app.unexpected')));
      }
    },
    [memberId],
  );

  useEffect(() => {
    setItems(null);
    setError(null);
    void load(null);
  }, [load, refreshKey]);

  if (error) return <Alert type={error.status === 403 ? 'info' : 'error'} showIcon title={error.status === 403 ? t('audit.forbidden') : error.message} />;
  if (!items) return <Loading />;
  const shown = items.filter((e) => reads || !e.action.endsWith('.read'));

  return (
    <div data-testid="audit-history">
      <Checkbox checked={reads} onChange={(e) => setReads(e.target.checked)} style={{ marginBottom: 16 }}>
        {t('audit.showReads')}
      </Checkbox>
      {shown.length === 0 ? (
        <Empty description={t('audit.empty')} />
      ) : (
        <Timeline
          items={shown.map((e) => {
            const diff = e.action === 'member.update' ? changedFields(e) : [];
            return {
              key: e.id,
              color: e.action.endsWith('denied') ? 'red' : e.action.endsWith('.read') ? 'gray' : 'blue',
              content: (
                <div className="tcxd-audit-entry" data-action={e.action}>
                  <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at_ms)} · {t('audit.by', { login: e.login })}
                  </Typography.Text>
                  {diff.length > 0 && (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="field"
                      style={{ marginTop: 8 }}
                      dataSource={diff}
                      columns={[
                        { title: t('audit.field'), dataIndex: 'field', width: '30%', render: (f: string) => fieldLabel(f) },
                        { title: t('audit.before'), key: 'b', render: (_v, r) => <span className="tcxd-before">{show(r.field, r.before)}</span> },
                        { title: t('audit.after'), key: 'a', render: (_v, r) => <span className="tcxd-after">{show(r.field, r.after)}</span> },
                      ]}
                    />
                  )}
                </div>
              ),
            };
          })}
        />
      )}
      {next && <Button onClick={() => void load(next)}>{t('audit.more')}</Button>}
    </div>
  );
}
