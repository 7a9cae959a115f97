import { Alert, App } from 'antd';
import { useEffect, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { memberApi } from '../api';
import { Loading } from '../common/Loading';
import { t } from '../i18n';
import { useOrgStore } from '../orgs';
import { emptyDraft, MemberForm } from './MemberForm';

export default function MemberCreate() {
  const [sp] = useSearchParams();
  const orgId = Number(sp.get('org'));
  const store = useOrgStore();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const org = store.get(orgId);
  const initial = useMemo(() => emptyDraft(), []);

  useEffect(() => {
    if (orgId && !store.get(orgId)) void store.ensure([orgId]);
  }, [orgId, store]);

  if (!orgId) return <Alert type="info" showIcon title={t('member.list.addOnlyInBranch')} />;
  if (!org) return <Loading />;
  if (!org.holds_members) return <Alert type="info" showIcon title={t('member.list.addOnlyInBranch')} />;

  return (
    <MemberForm
      title={t('member.form.createTitle', { org: org.name })}
      initial={initial}
      statuses={['probationary', 'official', 'temporary', 'exempt']}
      onCancel={() => navigate(`/orgs/${orgId}/members`)}
      onSubmit={async (draft) => {
        const body: Record<string, unknown> = { org_id: orgId };
        for (const [k, v] of Object.entries(draft)) if (v !== null && v !== '') body[k] = v;
        const m = await memberApi.create(body);
        message.success(t('app.created'));
        navigate(`/members/${m.id}`, { replace: true });
      }}
    />
  );
}
