// Pure helpers of the admission screens (issue #5): the board's columns, which fields a step needs, the
// body of a step, the report's periods, the introducer picker, term quotas and the calendar editor.
import type {
  AdmissionCase,
  AdmissionIntroducer,
  AdmissionQuota,
  AdmissionStepInput,
  AdmissionStepKind,
  CalendarYear,
  CalendarYearInput,
} from '../api/types';

/** The board's columns, in the order of the case's life. */
export const BOARD_COLUMNS: { key: string; stages: string[] }[] = [
  { key: 'candidate', stages: ['candidate'] },
  { key: 'proposed', stages: ['branch_voted', 'sub_committee_appraised', 'grassroots_voted'] },
  { key: 'admitted', stages: ['admitted'] },
  { key: 'probation', stages: ['probation', 'recognition_branch_voted', 'recognition_grassroots_voted'] },
  { key: 'closed', stages: ['official', 'stopped'] },
];

export function columnOf(c: Pick<AdmissionCase, 'stage'>): string {
  return BOARD_COLUMNS.find((col) => col.stages.includes(c.stage))?.key ?? 'candidate';
}

const VOTE_STEPS: AdmissionStepKind[] = ['branch_vote', 'grassroots_vote', 'recognition_branch_vote', 'recognition_grassroots_vote'];

/** The four steps that carry a vote (yes / no / entitled). */
export const needsVotes = (k: AdmissionStepKind) => VOTE_STEPS.includes(k);
/** Stop and extension need a reason; an extension its number of working days. */
export const needsReason = (k: AdmissionStepKind) => k === 'stop' || k === 'extension';

/** The steps a user may choose on an open case: the next one on the main path first, then extension and stop. */
export function stepChoices(c: Pick<AdmissionCase, 'next'>): AdmissionStepKind[] {
  if (!c.next) return [];
  const next = c.next.step as AdmissionStepKind;
  const out: AdmissionStepKind[] = [next];
  if (next === 'decision' || next === 'recognition_decision' || next === 'grassroots_vote' || next === 'recognition_grassroots_vote') {
    out.push('extension');
  }
  out.push('stop');
  return out;
}

export interface StepForm {
  kind: AdmissionStepKind;
  date: string;
  document_number: string;
  yes?: number | null;
  no?: number | null;
  entitled?: number | null;
  reason?: string;
  extension_working_days?: number | null;
  consent_document?: string;
}

/** The request body of a step: only the fields the kind uses. */
export function stepBody(f: StepForm, version: number): AdmissionStepInput {
  const body: AdmissionStepInput = { kind: f.kind, date: f.date, document_number: f.document_number.trim(), version };
  if (needsVotes(f.kind)) body.votes = { yes: f.yes ?? 0, no: f.no ?? 0, entitled: f.entitled ?? 0 };
  if (needsReason(f.kind)) body.reason = (f.reason ?? '').trim();
  if (f.kind === 'extension') body.extension_working_days = f.extension_working_days ?? 0;
  if (f.kind === 'ceremony' && f.consent_document?.trim()) body.consent_document = f.consent_document.trim();
  return body;
}

/** The report's period: the whole year, or its first 9 months (against the year's target). */
export function reportPeriod(year: number, span: 'year' | 'nine'): { from: string; to: string } {
  return { from: `${year}-01-01`, to: span === 'year' ? `${year}-12-31` : `${year}-09-30` };
}

// ---- the candidate file: introducers (rules.md §1.2)

/** One of the two introducer slots of the picker. */
export interface IntroducerSlot {
  kind: AdmissionIntroducer['kind'];
  member_id?: number | null;
  /** For a member: the name shown in the picker; for an organization: its name. */
  name?: string;
  together_since?: string | null;
}

/** The picker's two slots from the stored introducers (missing slots: a member to choose). */
export function introducerSlots(list: AdmissionIntroducer[]): IntroducerSlot[] {
  const slots: IntroducerSlot[] = list.slice(0, 2).map((i) => ({
    kind: i.kind,
    member_id: i.member_id ?? null,
    name: i.name ?? '',
    together_since: i.together_since ?? null,
  }));
  while (slots.length < 2) slots.push({ kind: 'member', member_id: null, name: '', together_since: null });
  return slots;
}

/** The `introducers` of the request: a member by id with the date they have been with the candidate, or an organization by name. */
export function introducersBody(slots: IntroducerSlot[]): AdmissionIntroducer[] {
  return slots.map((s) => {
    if (s.kind !== 'member') return { kind: s.kind, name: (s.name ?? '').trim() };
    const out: AdmissionIntroducer = { kind: 'member', together_since: s.together_since ?? null };
    if (s.member_id) out.member_id = s.member_id;
    if (s.name?.trim()) out.name = s.name.trim();
    return out;
  });
}

/** The server's judgement of the introducers, per slot ("candidate.introducers[i]") and for the pair ("candidate.introducers"). */
export function introducerIssues(issues: Record<string, string>): { pair: string | null; slots: Record<number, string> } {
  const slots: Record<number, string> = {};
  let pair: string | null = null;
  for (const [field, message] of Object.entries(issues)) {
    const m = /^candidate\.introducers\[(\d+)\]$/.exec(field);
    if (m) slots[Number(m[1])] = message;
    else if (field === 'candidate.introducers') pair = message;
  }
  return { pair, slots };
}

// ---- quotas per term

/** The term quotas of `orgId`, latest term first. */
export function termsOf(quotas: AdmissionQuota[], orgId: number): AdmissionQuota[] {
  return quotas.filter((q) => q.org_id === orgId && q.period === 'term').sort((a, b) => b.first_year - a.first_year);
}

/** A term report runs from the term's first day to its last day, or to `today` while the term runs. */
export function termPeriod(q: Pick<AdmissionQuota, 'first_year' | 'last_year'>, today: string): { from: string; to: string } {
  const from = `${q.first_year}-01-01`;
  const end = `${q.last_year}-12-31`;
  return { from, to: today >= from && today < end ? today : end };
}

// ---- the working-day calendar

/** A day of the calendar editor: a day off on a working day, or a weekend day worked. */
export interface CalendarDayForm {
  date: string | null;
  working: boolean;
  name: string;
}

/** The body of `PUT /admission/calendar/{year}`, days in date order. */
export function calendarBody(status: 'official' | 'provisional', source: string, days: CalendarDayForm[]): CalendarYearInput {
  return {
    status,
    source: source.trim(),
    days: days
      .map((d) => ({ date: d.date ?? '', working: d.working, name: d.name.trim() }))
      .sort((a, b) => byDay(a.date, b.date)),
  };
}

/** Orders YYYY-MM-DD days (an empty day first), as the calendar body lists them. */
export const byDay = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How many days off and weekend days worked a year lists. */
export function dayCounts(y: Pick<CalendarYear, 'days'>): { off: number; worked: number } {
  const worked = y.days.filter((d) => d.working).length;
  return { off: y.days.length - worked, worked };
}

/** 0 = Sunday … 6 = Saturday of a YYYY-MM-DD day (the calendar's own convention), counted in UTC. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}
