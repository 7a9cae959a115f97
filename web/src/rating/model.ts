// Pure helpers of the rating screens.
import type { RatingCampaign, RatingLevel, RatingSheetLine } from '../api/types';
import { t } from '../i18n';
import { fieldPath } from '../common/formErrors';

export const LEVELS: readonly RatingLevel[] = ['excellent', 'good', 'completed', 'not_completed'];

/** The committee's choice for one member on the decision screen: a level (with the reason when it differs from the derived one) or "not rated". */
export interface Choice {
  level: RatingLevel | 'not_rated';
  reason: string;
}

/** One entry of `POST /ratings/{id}/decisions`. */
export interface DecisionEntry {
  member_id: number;
  level?: RatingLevel;
  override_reason?: string;
  not_rated?: string;
  detail?: string;
}

/** Members not decided yet: the ones the committee may still decide on this screen. */
export function undecided(lines: readonly RatingSheetLine[]): RatingSheetLine[] {
  return lines.filter((l) => !l.rating || (l.rating.level === null && l.rating.not_rated === null));
}

/**
 * The initial choice for a member: the derived level of the self-assessment; "not rated" when the register
 * says so (exempt, admitted too recently); nothing when the member has not assessed yet.
 */
export function initialChoice(line: RatingSheetLine): Choice | null {
  if (line.excluded) return { level: 'not_rated', reason: line.excluded.detail ?? '' };
  if (line.derived) return { level: line.derived.level as RatingLevel, reason: '' };
  return null;
}

/** Whether a choice departs from the derived level, so that the committee must give its reason. */
export function needsReason(line: RatingSheetLine, c: Choice): boolean {
  return c.level !== 'not_rated' && !!line.derived && line.derived.level !== c.level;
}

/** The decision entries of the chosen members, in the order of the screen. */
export function decisionEntries(lines: readonly RatingSheetLine[], choices: ReadonlyMap<number, Choice>): DecisionEntry[] {
  const out: DecisionEntry[] = [];
  for (const l of lines) {
    const c = choices.get(l.member.id);
    if (!c) continue;
    if (c.level === 'not_rated') {
      out.push(l.excluded ? { member_id: l.member.id, not_rated: l.excluded.reason } : { member_id: l.member.id, not_rated: 'other', detail: c.reason });
    } else {
      out.push(needsReason(l, c) ? { member_id: l.member.id, level: c.level, override_reason: c.reason } : { member_id: l.member.id, level: c.level });
    }
  }
  return out;
}

/** The sum of the shown percentages of a table ("16.81" + …), in hundredths: 10000 when the base is > 0. */
export function percentSum(rows: readonly { percent: string }[]): number {
  return rows.reduce((s, r) => s + Math.round(Number(r.percent) * 100), 0);
}

/** A meter's fill for the cap: count against the most allowed (100 % when at the cap, more when over). */
export function capFill(count: number, allowed: number): number {
  if (allowed <= 0) return count > 0 ? 100 : 0;
  return Math.min(100, Math.round((count * 100) / allowed));
}

/** The levels a higher committee may lower a decided level to: every level below it, best first. */
export function lowerLevels(level: RatingLevel): RatingLevel[] {
  return LEVELS.slice(LEVELS.indexOf(level) + 1);
}

/** The values of the self-assessment form: a score per criterion, the tasks, the role and the hard conditions. */
export interface SelfValues {
  scores: (number | null)[];
  assigned: number;
  completed: number;
  on_time: number;
  exceeded: number;
  role: string;
  disciplined: boolean;
  shortcomings_remedied: boolean;
}

/** The stored self-assessment as the server sends it back (`MemberRating.assessment`). */
interface StoredAssessment {
  scores?: number[];
  tasks?: { assigned?: number; completed?: number; on_time?: number; exceeded?: number };
  disciplined?: boolean;
  shortcomings_remedied?: boolean;
}

/**
 * The form's first values: the stored self-assessment when there is one (the member corrects it before the
 * decision), otherwise empty scores (one per criterion) and all tasks done on time.
 */
export function selfInitial(criteria: number, rating: { role: string; assessment: unknown } | null | undefined): SelfValues {
  const a = (rating?.assessment ?? null) as StoredAssessment | null;
  const tasks = a?.tasks ?? {};
  return {
    scores: Array.from({ length: criteria }, (_, i) => a?.scores?.[i] ?? null),
    assigned: tasks.assigned ?? 10,
    completed: tasks.completed ?? 10,
    on_time: tasks.on_time ?? 10,
    exceeded: tasks.exceeded ?? 0,
    role: rating?.role ?? 'member',
    disciplined: a?.disciplined ?? false,
    shortcomings_remedied: a?.shortcomings_remedied ?? true,
  };
}

/** The body of `PUT /ratings/{id}/members/{mid}/self` from the form's values. */
/** The scores (an empty one as 0) and the tasks of a rating form, as the server reads them. */
function scoresAndTasks(v: Pick<SelfValues, 'scores' | 'assigned' | 'completed' | 'on_time' | 'exceeded'>) {
  return {
    scores: v.scores.map((x) => x ?? 0),
    tasks: { assigned: v.assigned, completed: v.completed, on_time: v.on_time, exceeded: v.exceeded },
  };
}

export function selfBody(v: SelfValues) {
  return {
    ...scoresAndTasks(v),
    role: v.role,
    disciplined: v.disciplined,
    shortcomings_remedied: v.shortcomings_remedied,
  };
}

/**
 * Where a server field error goes on the rating forms: "scores[2]" → ['scores', 2], "tasks.on_time" →
 * 'on_time' (the tasks are flat on the form), any other field as it is.
 */
export function formFieldOf(field: string): string | (string | number)[] {
  const path = fieldPath(field);
  if (path[0] === 'tasks' && path.length === 2) return String(path[1]);
  return path.length === 1 ? String(path[0]) : path;
}

/** The step a member's rating has reached, for the member's own view. */
export type RatingStep = 'not_assessed' | 'self_assessed' | 'proposed' | 'decided' | 'downgraded' | 'not_rated';

export function ratingStep(r: { self_total: number | null; proposed_level: string | null; level: string | null; downgraded_from: string | null; not_rated: string | null } | null): RatingStep {
  if (!r) return 'not_assessed';
  if (r.not_rated) return 'not_rated';
  if (r.downgraded_from) return 'downgraded';
  if (r.level) return 'decided';
  if (r.proposed_level) return 'proposed';
  return r.self_total === null ? 'not_assessed' : 'self_assessed';
}

/** The body of `PUT /ratings/{id}/orgs/{oid}`: a level with the assessment, or "not rated" with its reason. */
export interface OrgValues {
  scores: (number | null)[];
  assigned: number;
  completed: number;
  on_time: number;
  exceeded: number;
  shortcomings_remedied: boolean;
  disciplined: boolean;
  leadership_member_disciplined: boolean;
  corruption_disciplined: boolean;
  internal_disunity: boolean;
  subordinate_orgs_disciplined: number;
  level: RatingLevel | 'not_rated';
  override_reason: string;
  detail: string;
}

/** The organization form's first values: empty scores (one per criterion), all tasks done on time, no condition, "good". */
export function orgInitial(criteria: number): OrgValues {
  return {
    scores: Array.from({ length: criteria }, () => null),
    assigned: 10,
    completed: 10,
    on_time: 10,
    exceeded: 0,
    shortcomings_remedied: true,
    disciplined: false,
    leadership_member_disciplined: false,
    corruption_disciplined: false,
    internal_disunity: false,
    subordinate_orgs_disciplined: 0,
    level: 'good',
    override_reason: '',
    detail: '',
  };
}

export function orgBody(v: OrgValues) {
  if (v.level === 'not_rated') return { not_rated: 'other', detail: v.detail };
  return {
    ...scoresAndTasks(v),
    shortcomings_remedied: v.shortcomings_remedied,
    disciplined: v.disciplined,
    leadership_member_disciplined: v.leadership_member_disciplined,
    corruption_disciplined: v.corruption_disciplined,
    internal_disunity: v.internal_disunity,
    subordinate_orgs_disciplined: v.subordinate_orgs_disciplined,
    level: v.level,
    ...(v.override_reason?.trim() ? { override_reason: v.override_reason.trim() } : {}),
  };
}

/** A campaign's name: "Năm 2026" or "Quý 4/2026". */
export function campaignTitle(c: Pick<RatingCampaign, 'year' | 'quarter'>): string {
  return c.quarter > 0 ? t('rating.quarter', { q: c.quarter, year: c.year }) : t('rating.campaign', { year: c.year });
}
