// Pure helpers of the admission screens (issue #5): the board's columns, which fields a step needs, the
// body of a step, and the report's periods.
import type { AdmissionCase, AdmissionStepInput, AdmissionStepKind } from '../api/types';

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
