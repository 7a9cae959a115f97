// Turns the server's numbers into the rows each chart and its table show. Pure, tested.
import type { AgeBand, MemberStatus, OrgStats, OrgView } from '../api/types';
import { MEMBER_STATUSES } from '../api/types';
import { formatPercentString, percent } from '../format';
import { t } from '../i18n';
import { statusLabel } from '../members/labels';

export interface Row {
  key: string;
  label: string;
  count: number;
  share: string;
}

export interface DashboardData {
  asOf: string | null;
  counted: number;
  probationary: number;
  female: number;
  femaleShare: string;
  admittedInYear: number | null;
  byStatus: Row[];
  byAge: Row[] | null;
  byGender: Row[];
}

function rows(entries: [string, string, number][]): Row[] {
  const total = entries.reduce((s, [, , n]) => s + n, 0);
  return entries.map(([key, label, count]) => ({ key, label, count, share: percent(count, total) }));
}

function statusRows(by: Partial<Record<MemberStatus, number>>): Row[] {
  return rows(MEMBER_STATUSES.map((s) => [s, statusLabel(s), by[s] ?? 0] as [string, string, number]).filter(([, , n]) => n > 0));
}

function genderRows(counted: number, female: number): Row[] {
  return rows([
    ['male', t('member.gender.male'), counted - female],
    ['female', t('member.gender.female'), female],
  ]);
}

/** Age bands with the server's exact shares when it sends them; members without a birth date last. */
function ageRows(bands: AgeBand[], unknown: number): Row[] {
  const computed = rows([
    ...bands.map((b) => [b.label, b.label, b.count] as [string, string, number]),
    ...(unknown > 0 ? [['unknown', t('dashboard.ageUnknown'), unknown] as [string, string, number]] : []),
  ]);
  return computed.map((r, i) => {
    const p = bands[i]?.percent;
    return p ? { ...r, share: formatPercentString(p) } : r;
  });
}

export function fromStats(s: OrgStats): DashboardData {
  return {
    asOf: s.as_of,
    counted: s.counted,
    probationary: s.probationary ?? s.by_status.probationary ?? 0,
    female: s.female,
    femaleShare: s.female_percent.replace('.', ',') + ' %',
    admittedInYear: s.admitted_in_year,
    byStatus: statusRows(s.by_status as Partial<Record<MemberStatus, number>>),
    byAge: ageRows(s.age_bands, s.age_unknown ?? 0),
    byGender: genderRows(s.counted, s.female),
  };
}

/** Without the stats endpoint: what `GET /orgs/{id}` tells (no age bands, no admissions). */
export function fromOrg(o: OrgView): DashboardData {
  const by = o.counts.by_status as Partial<Record<MemberStatus, number>>;
  return {
    asOf: null,
    counted: o.counts.members,
    probationary: by.probationary ?? 0,
    female: o.counts.women,
    femaleShare: percent(o.counts.women, o.counts.members),
    admittedInYear: null,
    byStatus: statusRows(by),
    byAge: null,
    byGender: genderRows(o.counts.members, o.counts.women),
  };
}
