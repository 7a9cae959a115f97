// Which member events may be recorded in which state, as the server's domain rules say (src/domain/member_event.h);
// the server checks again and answers 409 on a state that does not allow the event.
import type { DecidingBody, MemberEventKind, MemberStatus } from '../api/types';

const LEAVING: readonly MemberEventKind[] = ['removal', 'withdrawal', 'expulsion', 'death'];

export const isLeaving = (k: MemberEventKind) => LEAVING.includes(k);
/** Exemption (optional end) and reduction (required end) have a period. */
export const hasPeriod = (k: MemberEventKind) => k === 'exemption' || k === 'reduction';
/** The card goes back to the party organization on removal, withdrawal and expulsion (the family keeps it on death). */
export const returnsCard = (k: MemberEventKind) => k === 'removal' || k === 'withdrawal' || k === 'expulsion';

/** The body that usually decides each kind, preselected in the form (the rule set decides which are allowed). */
export function defaultBody(k: MemberEventKind): DecidingBody {
  if (k === 'removal' || k === 'withdrawal') return 'grassroots';
  if (k === 'expulsion') return 'upper';
  return 'branch';
}

/**
 * The events valid for a member in `status`: none once the member left or is registered here temporarily;
 * exemption and reduction for an active member, the end of an exemption for an exempt one; the leaving
 * events (expulsion not for a probationary member) only when `leaving` (committee staff).
 */
export function availableEvents(status: MemberStatus, leaving: boolean): MemberEventKind[] {
  const out: MemberEventKind[] = [];
  if (status === 'probationary' || status === 'official') out.push('exemption', 'reduction');
  else if (status === 'exempt') out.push('exemption_end');
  else return out;
  if (leaving) {
    out.push('removal', 'withdrawal');
    if (status !== 'probationary') out.push('expulsion');
    out.push('death');
  }
  return out;
}
