// Pure helpers of the rating screens.
import type { RatingLevel, RatingSheetLine } from '../api/types';

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
