import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Steps, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ratingApi } from '../api';
import type { MemberRatingCard } from '../api/types';
import { canWriteMembers } from '../auth/access';
import { useUser } from '../auth/AuthContext';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate } from '../format';
import { t, tDynamic } from '../i18n';
import { campaignTitle, ratingStep } from './model';
import { SelfForm } from './SelfForm';

const levelLabel = (l: string | null | undefined) => (l ? tDynamic(`rating.levels.${l}`, l) : '–');
const STEP_INDEX = { not_assessed: 0, self_assessed: 1, proposed: 2, decided: 3, downgraded: 3, not_rated: 3 } as const;

/** One campaign as the member sees it: the steps, the self-assessment and its derived level, the branch's proposal, the decision. */
function CampaignCard({ card, mayAssess, onAssess }: { card: MemberRatingCard; mayAssess: boolean; onAssess: () => void }) {
  const { campaign, line } = card;
  const r = line.rating;
  const step = ratingStep(r);
  const open = campaign.state === 'open';
  const decided = step === 'decided' || step === 'downgraded' || step === 'not_rated';
  const waiting = <Typography.Text type="secondary">{t('rating.mine.waiting')}</Typography.Text>;
  return (
    <Card
      size="small"
      data-testid="rating-mine-card"
      data-campaign={campaign.id}
      data-step={step}
      title={
        <Space wrap>
          <span>{campaignTitle(campaign)}</span>
          {open ? <Tag color="green">{t('rating.running')}</Tag> : <Tag>{t('rating.closed')}</Tag>}
        </Space>
      }
      extra={
        mayAssess &&
        open &&
        !line.excluded &&
        !decided && (
          <Button type={r ? 'default' : 'primary'} icon={<EditOutlined />} onClick={onAssess} data-testid="rating-mine-assess">
            {r && r.self_total !== null ? t('rating.mine.assessAgain') : t('rating.selfAssess')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('rating.ratingDate', { date: formatDate(campaign.rating_date) })} ·{' '}
        {t('rating.timeline', { self: formatDate(campaign.self_due), decision: formatDate(campaign.decision_due) })}
      </Typography.Paragraph>
      {line.excluded ? (
        <Alert type="info" showIcon title={t('rating.mine.excluded', { detail: line.excluded.detail })} />
      ) : (
        <Steps
          orientation="vertical"
          size="small"
          current={STEP_INDEX[step]}
          items={[
            {
              title: t('rating.mine.steps.self'),
              content:
                r && r.self_total !== null ? (
                  <Space orientation="vertical" size={0} data-testid="rating-mine-self">
                    <span>{t('rating.mine.selfResult', { n: r.self_total, max: card.bands.total, level: levelLabel(line.derived?.level ?? r.derived_level) })}</span>
                    {line.derived && line.derived.limits.length > 0 && (
                      <Typography.Text type="secondary">{t('rating.mine.limits', { reasons: line.derived.limits.map((x) => x.reason).join('; ') })}</Typography.Text>
                    )}
                  </Space>
                ) : (
                  waiting
                ),
            },
            {
              title: t('rating.mine.steps.proposal'),
              content: r?.proposed_level ? (
                <Space orientation="vertical" size={0} data-testid="rating-mine-proposal">
                  <span>{levelLabel(r.proposed_level)}</span>
                  {r.proposal_note && <Typography.Text type="secondary">{t('rating.mine.note', { note: r.proposal_note })}</Typography.Text>}
                </Space>
              ) : (
                waiting
              ),
            },
            {
              title: t('rating.mine.steps.decision'),
              content: decided && r ? (
                <Space orientation="vertical" size={0} data-testid="rating-mine-decision">
                  {r.not_rated ? (
                    <span>{t('rating.mine.notRated', { detail: r.not_rated_detail })}</span>
                  ) : (
                    <Tag color={r.level === 'excellent' ? 'red' : 'blue'}>{levelLabel(r.level)}</Tag>
                  )}
                  {r.override_reason && <Typography.Text type="secondary">{t('rating.mine.overrideReason', { reason: r.override_reason })}</Typography.Text>}
                  {r.downgraded_from && (
                    <Typography.Text type="warning">{t('rating.mine.downgradedBy', { from: levelLabel(r.downgraded_from), reason: r.downgrade_reason })}</Typography.Text>
                  )}
                </Space>
              ) : (
                waiting
              ),
            },
          ]}
        />
      )}
      {!open && !decided && <Typography.Text type="secondary">{t('rating.mine.closedHint')}</Typography.Text>}
    </Card>
  );
}

/** A member's rating campaigns (the member's own screen; staff see it from the member's record). */
export default function RatingMinePage() {
  const memberId = Number(useParams().id);
  const user = useUser();
  const [cards, setCards] = useState<MemberRatingCard[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  const [assessing, setAssessing] = useState<MemberRatingCard | null>(null);
  const reload = useCallback(() => setN((x) => x + 1), []);

  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    ratingApi.mine(memberId, ctl.signal).then(
      (r) => setCards(r.items),
      (e: unknown) => !ctl.signal.aborted && setError(e),
    );
    return () => ctl.abort();
  }, [memberId, n]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!cards) return <Loading />;
  // The member for him- or herself, or the branch and the committees above (the server checks again).
  const mayAssess = (user.role === 'member' && user.member_id === memberId) || canWriteMembers(user);
  const name = cards[0]?.line.member.full_name ?? '';
  return (
    <div className="tcxd-page" data-testid="rating-mine">
      <div className="tcxd-page-head">
        <div className="tcxd-page-title">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('rating.mine.title', { name })}
          </Typography.Title>
        </div>
        <Link to={`/members/${memberId}`}>
          <ArrowLeftOutlined /> {t('rating.mine.back')}
        </Link>
      </div>
      {cards.length === 0 ? (
        <Empty description={t('rating.mine.none')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {cards.map((c) => (
            <CampaignCard key={c.campaign.id} card={c} mayAssess={mayAssess} onAssess={() => setAssessing(c)} />
          ))}
        </Space>
      )}
      {assessing && (
        <SelfForm
          campaignId={assessing.campaign.id}
          criteria={assessing.criteria}
          total={assessing.bands.total}
          member={assessing.line.member}
          rating={assessing.line.rating}
          onCancel={() => setAssessing(null)}
          onDone={() => {
            setAssessing(null);
            reload();
          }}
        />
      )}
    </div>
  );
}
