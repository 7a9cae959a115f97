import { ArrowLeftOutlined, DownOutlined, EditOutlined, PrinterOutlined, SwapOutlined, TrophyOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Dropdown, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { ageYears, formatDate } from '../format';
import { t } from '../i18n';
import { memberApi } from '../api';
import { useOrgStore } from '../orgs';
import { AuditHistory } from './AuditHistory';
import { DossierTab } from './Dossier';
import { EventsTab } from './Events';
import { genderLabel, StatusTag } from './labels';
import { MemberPhotoBox } from './Photo';
import { useMember } from './useMember';

const text = (v: string | null | undefined) => (v ? v : '–');

export default function MemberShow() {
  const id = Number(useParams().id);
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const store = useOrgStore();
  const { member, error, reload } = useMember(id);
  const [tab, setTab] = useState(() => (location.hash === '#history' ? 'history' : location.hash === '#dossier' ? 'dossier' : location.hash === '#events' ? 'events' : 'identity'));

  if (error) return <ErrorState error={error} notFoundText={t('member.show.notFound')} onRetry={reload} />;
  if (!member) return <Loading />;

  const age = ageYears(member.birth_date);
  const partyAge = ageYears(member.admission_date);
  const branch = store.get(member.org_id);
  const canEdit = canWriteMembers(user);

  return (
    <div className="tcxd-page">
      <div className="tcxd-page-head">
        <Space align="start">
          {user.role !== 'member' && (
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('app.back')} onClick={() => navigate(-1)} />
          )}
          <div className="tcxd-page-title">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="member-name">
              {member.full_name} <StatusTag status={member.status} />
            </Typography.Title>
            <Typography.Text type="secondary">
              {[branch?.name, age !== null && t('member.show.ageYears', { n: age }), partyAge !== null && t('member.show.partyAge', { n: partyAge })]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
        </Space>
        <Space>
          <Dropdown
            menu={{
              items: [
                {
                  key: 'sheet',
                  label: (
                    <a href={memberApi.sheetUrl(member.id)} target="_blank" rel="noopener" data-testid="print-sheet">
                      {t('member.show.printSheet')}
                    </a>
                  ),
                },
                {
                  key: 'cv',
                  label: (
                    <a href={memberApi.cvUrl(member.id)} target="_blank" rel="noopener" data-testid="print-cv">
                      {t('member.show.printCv')}
                    </a>
                  ),
                },
              ],
            }}
          >
            <Button icon={<PrinterOutlined />} data-testid="print-menu">
              {t('member.show.print')} <DownOutlined />
            </Button>
          </Dropdown>
          <Button icon={<TrophyOutlined />} onClick={() => navigate(`/members/${member.id}/ratings`)} data-testid="member-ratings">
            {t('rating.mine.link')}
          </Button>
          {canEdit && ['probationary', 'official', 'exempt'].includes(member.status) && (
            <Button icon={<SwapOutlined />} onClick={() => navigate(`/members/${member.id}/transfer`)} data-testid="transfer-member">
              {t('transfer.action')}
            </Button>
          )}
          {canEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/members/${member.id}/edit`)} data-testid="edit-member">
              {t('app.edit')}
            </Button>
          )}
        </Space>
      </div>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'identity',
              label: t('member.tabs.identity'),
              children: (
                <div className="tcxd-identity">
                  <MemberPhotoBox member={member} canEdit={canEdit} />
                  <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
                    <Descriptions.Item label={t('member.fields.full_name')}>{member.full_name}</Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.gender')}>{genderLabel(member.gender)}</Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.birth_date')}>{formatDate(member.birth_date)}</Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.ethnicity')}>{text(member.ethnicity)}</Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.religion')}>{text(member.religion)}</Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.national_id')}>{text(member.national_id)}</Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.hometown')} span={2}>
                      {text(member.hometown)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('member.fields.residence')} span={2}>
                      <span data-testid="member-residence">{text(member.residence)}</span>
                    </Descriptions.Item>
                  </Descriptions>
                </div>
              ),
            },
            {
              key: 'party',
              label: t('member.tabs.party'),
              children: (
                <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
                  <Descriptions.Item label={t('member.fields.status')}>
                    <StatusTag status={member.status} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('member.fields.org_id')}>{member.org_name ?? branch?.name ?? '–'}</Descriptions.Item>
                  <Descriptions.Item label={t('member.fields.admission_date')}>{formatDate(member.admission_date)}</Descriptions.Item>
                  <Descriptions.Item label={t('member.fields.ceremony_date')}>{formatDate(member.ceremony_date)}</Descriptions.Item>
                  <Descriptions.Item label={t('member.fields.official_date')}>{formatDate(member.official_date)}</Descriptions.Item>
                  <Descriptions.Item label={t('member.fields.card_number')}>{text(member.card_number)}</Descriptions.Item>
                  <Descriptions.Item label={t('member.fields.cv_number')}>{text(member.cv_number)}</Descriptions.Item>
                  {member.left_on && (
                    <Descriptions.Item label={t('member.fields.left_on')}>{formatDate(member.left_on)}</Descriptions.Item>
                  )}
                </Descriptions>
              ),
            },
            {
              key: 'dossier',
              label: t('member.tabs.dossier'),
              children: <DossierTab memberId={member.id} canEdit={canEdit} />,
            },
            ...(user.role === 'member'
              ? []
              : [
                  {
                    key: 'events',
                    label: <span data-testid="events-tab">{t('event.tab')}</span>,
                    children: <EventsTab member={member} onChanged={reload} />,
                  },
                  {
                    key: 'history',
                    label: t('member.tabs.history'),
                    children: <AuditHistory memberId={member.id} refreshKey={member.version} />,
                  },
                ]),
          ]}
        />
      </Card>
    </div>
  );
}
