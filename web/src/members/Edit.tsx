import { App } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { memberApi } from '../api';
import { type MemberStatus } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { t } from '../i18n';
import { changes, draftOf, MemberForm } from './MemberForm';
import { useMember } from './useMember';

const EDITABLE: MemberStatus[] = ['probationary', 'official', 'temporary', 'exempt'];

export default function MemberEdit() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { member, error, reload } = useMember(id);
  const initial = useMemo(() => (member ? draftOf(member) : null), [member]);

  if (error) return <ErrorState error={error} notFoundText={t('member.show.notFound')} onRetry={reload} />;
  if (!member || !initial) return <Loading />;
  const statuses = EDITABLE.includes(member.status) ? EDITABLE : [...EDITABLE, member.status];

  return (
    <MemberForm
      title={t('member.form.editTitle', { name: member.full_name })}
      initial={initial}
      statuses={statuses}
      onCancel={() => navigate(`/members/${id}`)}
      onReload={reload}
      onSubmit={async (draft) => {
        const diff = changes(initial, draft);
        if (Object.keys(diff).length) await memberApi.update(id, { ...diff, version: member.version });
        message.success(t('app.saved'));
        navigate(`/members/${id}`, { replace: true });
      }}
    />
  );
}
