import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Descriptions, Empty, List, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { dossierApi } from '../api';
import type { Dossier as DossierData, DossierVersion, DossierView } from '../api/types';
import { ErrorState } from '../common/ErrorState';
import { Loading } from '../common/Loading';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../format';
import { t, tDynamic } from '../i18n';
import { DATE_FORMATS } from '../common/dateInput';
import { statusLabel } from './labels';

const text = (v: string | null | undefined) => (v ? v : '–');
const field = (f: string) => tDynamic(`dossier.fields.${f}`, f);
const column = (c: string) => tDynamic(`dossier.columns.${c}`, c);

type Row = Record<string, unknown>;

/** A list of the dossier as a small table; dates dd/mm/yyyy, empty cells '–'. */
function Rows({ name, rows, cols, dates = [] }: { name: string; rows: readonly object[]; cols: string[]; dates?: string[] }) {
  if (rows.length === 0) return <span className="tcxd-muted">{t('dossier.none')}</span>;
  const columns: ColumnsType<Row> = cols.map((c) => ({
    title: column(c),
    dataIndex: c,
    render: (v: unknown) => (dates.includes(c) ? formatDate(v as string | null) : v === null || v === undefined || v === '' ? '–' : String(v)),
  }));
  return (
    <Table<Row>
      data-testid={`dossier-${name}`}
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      columns={columns}
      dataSource={rows as Row[]}
      scroll={{ x: 'max-content' }}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="tcxd-dossier-section">
      <Typography.Title level={5}>{title}</Typography.Title>
      {children}
    </section>
  );
}

/** The readable dossier: the six sections of the member sheet. */
export function DossierSections({ d, view }: { d: DossierData; view: Pick<DossierView, 'party_age' | 'next_badge'> | null }) {
  const item = (f: keyof DossierData, span = 1) => ({
    key: f,
    label: field(f),
    span,
    children: <span data-testid={`dossier-field-${f}`}>{text(d[f] as string)}</span>,
  });
  const props = { bordered: true, size: 'small' as const, column: { xs: 1, md: 2 } };
  const age = view?.party_age;
  const badge = view?.next_badge;
  return (
    <div data-testid="dossier-sections">
      <Section title={t('dossier.sections.background')}>
        <Descriptions
          {...props}
          items={[
            item('other_names'),
            item('birth_place'),
            item('occupation'),
            item('health'),
            {
              key: 'armed_service',
              label: field('armed_service'),
              children: (
                <span data-testid="dossier-field-armed_service">
                  {d.armed_service ? tDynamic(`dossier.armedService.${d.armed_service}`, d.armed_service) : '–'}
                  {d.enlisted_on ? ` (${formatDate(d.enlisted_on)} – ${d.discharged_on ? formatDate(d.discharged_on) : '…'})` : ''}
                </span>
              ),
            },
            { key: 'retired_on', label: field('retired_on'), children: d.retired_on ? formatDate(d.retired_on) : '–' },
          ]}
        />
      </Section>
      <Section title={t('dossier.sections.education')}>
        <Descriptions
          {...props}
          items={[
            item('general_education'),
            item('academic_title'),
            item('political_theory'),
            item('state_management'),
            item('languages'),
            item('it_level'),
            {
              key: 'qualifications',
              label: field('qualifications'),
              span: 2,
              children: <Rows name="qualifications" rows={d.qualifications} cols={['level', 'field', 'institution', 'year']} />,
            },
          ]}
        />
      </Section>
      <Section title={t('dossier.sections.work')}>
        <Descriptions
          {...props}
          items={[
            {
              key: 'work_history',
              label: field('work_history'),
              span: 2,
              children: <Rows name="work_history" rows={d.work_history} cols={['from', 'to', 'place', 'position']} dates={['from', 'to']} />,
            },
            item('party_position'),
            item('government_position'),
            item('mass_org_position'),
            item('awards'),
            item('discipline', 2),
          ]}
        />
      </Section>
      <Section title={t('dossier.sections.family')}>
        <Rows name="family" rows={d.family} cols={['relation', 'full_name', 'birth_year', 'occupation', 'residence']} />
      </Section>
      <Section title={t('dossier.sections.party')}>
        <Descriptions
          {...props}
          items={[
            {
              key: 'party_age',
              label: t('dossier.partyAge'),
              children: (
                <span data-testid="dossier-party-age">
                  {age
                    ? `${t('dossier.partyAgeValue', { years: formatNumber(age.years), months: formatNumber(age.months) })}${
                        age.interrupted_days ? ` ${t('dossier.interrupted', { days: formatNumber(age.interrupted_days) })}` : ''
                      }`
                    : '–'}
                </span>
              ),
            },
            {
              key: 'next_badge',
              label: t('dossier.nextBadge'),
              children: (
                <span data-testid="dossier-next-badge">
                  {badge ? t('dossier.nextBadgeValue', { years: badge.years, date: formatDate(badge.due) }) : '–'}
                </span>
              ),
            },
            item('admission_decision_number'),
            item('admission_decision_issuer'),
            { key: 'card_issued_on', label: field('card_issued_on'), children: formatDate(d.card_issued_on) },
            item('book_line_number'),
            item('residence_branch', 2),
            {
              key: 'introducers',
              label: field('introducers'),
              span: 2,
              children: <Rows name="introducers" rows={d.introducers} cols={['full_name', 'position', 'organization']} />,
            },
            {
              key: 'badges',
              label: field('badges'),
              span: 2,
              children: <Rows name="badges" rows={d.badges} cols={['years', 'awarded_on', 'decision']} dates={['awarded_on']} />,
            },
          ]}
        />
      </Section>
      <Section title={t('dossier.sections.interruptions')}>
        <Rows name="interruptions" rows={d.interruptions} cols={['from', 'to', 'reason']} dates={['from', 'to']} />
      </Section>
    </div>
  );
}

function VersionLine({ v }: { v: DossierVersion }) {
  return (
    <>
      <Typography.Text strong>{t('dossier.version', { date: formatDate(v.valid_from) })}</Typography.Text>
      <br />
      <Typography.Text type="secondary">{t('dossier.recorded', { at: formatDateTime(v.recorded_at_ms), by: v.recorded_by })}</Typography.Text>
      {v.note && (
        <>
          <br />
          <Typography.Text>{t('dossier.note', { note: v.note })}</Typography.Text>
        </>
      )}
    </>
  );
}

/** The register on the chosen day: the member's status then and the branch they were registered in. */
function OnDayLine({ view }: { view: DossierView }) {
  const day = view.on_day;
  if (!day) return null;
  const branch = day.branch_name || t('dossier.onDayUnknownBranch');
  const date = formatDate(view.as_of);
  return (
    <Typography.Paragraph data-testid="dossier-on-day">
      {day.status
        ? t('dossier.onDay', { date, status: statusLabel(day.status), branch })
        : t('dossier.onDayNotMember', { date, branch })}
    </Typography.Paragraph>
  );
}

/**
 * The member's dossier as of a date (today first), the version that is in force then, the party age and
 * the next badge the server computes for that date, and the list of every version (click one to see it).
 */
export function DossierTab({ memberId, canEdit }: { memberId: number; canEdit: boolean }) {
  const navigate = useNavigate();
  const [asOf, setAsOf] = useState(todayIso);
  // A version chosen in the history: shown as it was recorded (its own dossier), as of its first day.
  const [picked, setPicked] = useState<DossierVersion | null>(null);
  const [view, setView] = useState<DossierView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [history, setHistory] = useState<DossierVersion[] | null>(null);
  const [n, setN] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setView(null);
    setError(null);
    dossierApi.get(memberId, asOf, ctl.signal).then(setView, (e: unknown) => !ctl.signal.aborted && setError(e));
    return () => ctl.abort();
  }, [memberId, asOf, n]);
  useEffect(() => {
    const ctl = new AbortController();
    dossierApi.history(memberId, ctl.signal).then(
      (h) => setHistory(h.items),
      () => !ctl.signal.aborted && setHistory([]),
    );
    return () => ctl.abort();
  }, [memberId, n]);

  const version = picked ?? view?.version ?? null;
  const dossier = picked?.dossier ?? view?.dossier;

  return (
    <div data-testid="dossier-tab">
      <div className="tcxd-dossier-head">
        <Space wrap align="center">
          <label htmlFor="dossier-as-of">{t('dossier.asOf')}</label>
          <DatePicker
            id="dossier-as-of"
            data-testid="dossier-as-of"
            allowClear={false}
            format={DATE_FORMATS}
            value={dayjs(asOf)}
            onChange={(d) => {
              if (!d || !d.isValid()) return;
              setPicked(null);
              setAsOf(d.format('YYYY-MM-DD'));
            }}
          />
          {picked && <Button onClick={() => setPicked(null)}>{t('dossier.backToDate')}</Button>}
        </Space>
        {canEdit && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/members/${memberId}/dossier/edit`)} data-testid="dossier-update">
            {t('dossier.update')}
          </Button>
        )}
      </div>
      {error ? (
        <ErrorState error={error} onRetry={() => setN((x) => x + 1)} />
      ) : !view || !dossier ? (
        <Loading />
      ) : (
        <>
          {version ? (
            <Alert type="info" showIcon data-testid="dossier-version" style={{ marginBottom: 16 }} title={<VersionLine v={version} />} />
          ) : (
            <Alert
              type="warning"
              showIcon
              data-testid="dossier-no-version"
              style={{ marginBottom: 16 }}
              title={t('dossier.noVersion', { date: formatDate(view.as_of) })}
              description={canEdit ? t('dossier.noVersionHint') : undefined}
            />
          )}
          {!picked && view.on_day && <OnDayLine view={view} />}
          <DossierSections d={dossier} view={view} />
        </>
      )}
      <Section title={t('dossier.history')}>
        {history === null ? (
          <Loading />
        ) : history.length === 0 ? (
          <Empty description={t('dossier.historyEmpty')} />
        ) : (
          <List
            data-testid="dossier-history"
            size="small"
            bordered
            dataSource={history}
            renderItem={(v) => (
              <List.Item
                className={`tcxd-dossier-version${version?.id === v.id ? ' tcxd-dossier-version-current' : ''}`}
                data-version-id={v.id}
                onClick={() => {
                  setPicked(v);
                  setAsOf(v.valid_from);
                }}
              >
                <div>
                  <Typography.Link>{t('dossier.historyItem', { date: formatDate(v.valid_from) })}</Typography.Link>{' '}
                  <Typography.Text type="secondary">{t('dossier.recorded', { at: formatDateTime(v.recorded_at_ms), by: v.recorded_by })}</Typography.Text>
                  {v.note && <div>{v.note}</div>}
                </div>
              </List.Item>
            )}
          />
        )}
      </Section>
    </div>
  );
}
