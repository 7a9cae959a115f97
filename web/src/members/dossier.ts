// The member dossier (hồ sơ đảng viên) between the API and the edit form: JSON → form values (dates as
// dayjs), form values → the whole dossier the server takes, and the server's field paths
// ("dossier.family[0].full_name") → the form's names (['family', 0, 'full_name']). Pure; no React.
import dayjs, { type Dayjs } from 'dayjs';
import type { CatalogEntry, Dossier } from '../api/types';
import { ruleKey, ruleText } from '../common/rules';
import { fold } from '../common/text';

/** The text fields of the dossier, in the order of the form and the view. */
export const TEXT_FIELDS = [
  'other_names', 'birth_place', 'occupation', 'general_education', 'academic_title', 'political_theory',
  'state_management', 'languages', 'it_level', 'party_position', 'government_position', 'mass_org_position',
  'awards', 'discipline', 'health', 'armed_service', 'admission_decision_number', 'admission_decision_issuer', 'book_line_number',
  'residence_branch',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The dates of the dossier outside its lists (YYYY-MM-DD or null). */
export const DATE_FIELDS = ['enlisted_on', 'discharged_on', 'retired_on', 'card_issued_on'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** The lists of the dossier (rows added and removed in the form). */
export const LIST_FIELDS = ['qualifications', 'work_history', 'family', 'introducers', 'badges', 'interruptions'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

type D = Dayjs | null;
/** What the edit form holds: the dossier with dates as dayjs values, plus the version's date and note. */
export interface DossierFormValues extends Record<TextField, string>, Record<DateField, D> {
  valid_from: D;
  note: string;
  qualifications: { level: string; field: string; institution: string; year: number | null }[];
  work_history: { from: D; to: D; place: string; position: string }[];
  family: { relation: string; full_name: string; birth_year: number | null; occupation: string; residence: string }[];
  introducers: { full_name: string; position: string; organization: string }[];
  badges: { years: number | null; awarded_on: D; decision: string }[];
  interruptions: { from: D; to: D; reason: string }[];
}

/** A new, empty row of each list (what "Thêm dòng" adds). */
export const EMPTY_ROW: { [K in ListField]: DossierFormValues[K][number] } = {
  qualifications: { level: '', field: '', institution: '', year: null },
  work_history: { from: null, to: null, place: '', position: '' },
  family: { relation: '', full_name: '', birth_year: null, occupation: '', residence: '' },
  introducers: { full_name: '', position: '', organization: '' },
  badges: { years: null, awarded_on: null, decision: '' },
  interruptions: { from: null, to: null, reason: '' },
};

export function emptyDossier(): Dossier {
  const d: Record<string, unknown> = {};
  for (const f of DATE_FIELDS) d[f] = null;
  for (const f of TEXT_FIELDS) d[f] = '';
  for (const f of LIST_FIELDS) d[f] = [];
  return d as unknown as Dossier;
}

const day = (s: string | null | undefined): D => (s ? dayjs(s) : null);
const iso = (d: D | undefined): string | null => (d && d.isValid() ? d.format('YYYY-MM-DD') : null);
const str = (s: string | null | undefined) => (s ?? '').trim();
const int = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** The form values of a dossier (a missing field of an older answer becomes empty). */
export function toFormValues(dossier: Partial<Dossier>, validFrom: string | null, note = ''): DossierFormValues {
  const d = { ...emptyDossier(), ...dossier };
  const v: Record<string, unknown> = { valid_from: day(validFrom), note };
  for (const f of DATE_FIELDS) v[f] = day(d[f]);
  for (const f of TEXT_FIELDS) v[f] = d[f] ?? '';
  const out = v as unknown as DossierFormValues;
  out.qualifications = d.qualifications.map((q) => ({ level: q.level ?? '', field: q.field ?? '', institution: q.institution ?? '', year: q.year ?? null }));
  out.work_history = d.work_history.map((w) => ({ from: day(w.from), to: day(w.to), place: w.place ?? '', position: w.position ?? '' }));
  out.family = d.family.map((r) => ({
    relation: r.relation ?? '',
    full_name: r.full_name ?? '',
    birth_year: r.birth_year ?? null,
    occupation: r.occupation ?? '',
    residence: r.residence ?? '',
  }));
  out.introducers = d.introducers.map((i) => ({ full_name: i.full_name ?? '', position: i.position ?? '', organization: i.organization ?? '' }));
  out.badges = d.badges.map((b) => ({ years: b.years ?? null, awarded_on: day(b.awarded_on), decision: b.decision ?? '' }));
  out.interruptions = d.interruptions.map((i) => ({ from: day(i.from), to: day(i.to), reason: i.reason ?? '' }));
  return out;
}

/**
 * The whole dossier the server takes, from the form values: text trimmed, dates as YYYY-MM-DD or null.
 * Every row is sent as it stands (an empty row too), so that the server's "family[2]" is the form's
 * third row; the server says which row lacks what.
 */
export function fromFormValues(v: Partial<DossierFormValues>): Dossier {
  const d: Record<string, unknown> = {};
  for (const f of DATE_FIELDS) d[f] = iso(v[f]);
  for (const f of TEXT_FIELDS) d[f] = str(v[f]);
  const out = d as unknown as Dossier;
  out.qualifications = (v.qualifications ?? []).map((q) => ({ level: str(q?.level), field: str(q?.field), institution: str(q?.institution), year: int(q?.year) }));
  out.work_history = (v.work_history ?? []).map((w) => ({ from: iso(w?.from), to: iso(w?.to), place: str(w?.place), position: str(w?.position) }));
  out.family = (v.family ?? []).map((r) => ({
    relation: str(r?.relation),
    full_name: str(r?.full_name),
    birth_year: int(r?.birth_year),
    occupation: str(r?.occupation),
    residence: str(r?.residence),
  }));
  out.introducers = (v.introducers ?? []).map((i) => ({ full_name: str(i?.full_name), position: str(i?.position), organization: str(i?.organization) }));
  // The contract has no null for these: a missing number or date is sent as null all the same, and the
  // server answers with the field's Vietnamese message.
  out.badges = (v.badges ?? []).map((b) => ({ years: int(b?.years) as number, awarded_on: iso(b?.awarded_on), decision: str(b?.decision) }));
  out.interruptions = (v.interruptions ?? []).map((i) => ({ from: iso(i?.from) as string, to: iso(i?.to) as string, reason: str(i?.reason) }));
  return out;
}

export type FormPath = (string | number)[];

/**
 * The form name of a field the server names in `error.fields`: "dossier.family[0].full_name" →
 * ['family', 0, 'full_name'], "dossier.political_theory" → ['political_theory'], "valid_from" →
 * ['valid_from']. Null for a name the form has no input for (it is shown above the form instead).
 */
export function formPathOf(serverField: string): FormPath | null {
  if (serverField === 'valid_from' || serverField === 'note') return [serverField];
  const m = /^dossier\.(.+)$/.exec(serverField);
  if (!m) return null;
  const path: FormPath = [];
  for (const part of m[1]!.split('.')) {
    const r = /^([a-z_]+)((?:\[\d+\])*)$/.exec(part);
    if (!r) return null;
    path.push(r[1]!);
    for (const idx of r[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(idx[1]));
  }
  const [head] = path;
  const known = (TEXT_FIELDS as readonly unknown[]).includes(head) || (LIST_FIELDS as readonly unknown[]).includes(head) || (DATE_FIELDS as readonly unknown[]).includes(head);
  return known ? path : null;
}

/** Splits the server's field errors into those the form shows at an input and the rest. */
export function splitFieldErrors(fields: Record<string, string>): { onForm: { name: FormPath; errors: string[] }[]; other: string[] } {
  const onForm: { name: FormPath; errors: string[] }[] = [];
  const other: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const name = formPathOf(field);
    if (name) onForm.push({ name, errors: [message] });
    else other.push(message);
  }
  return { onForm, other };
}

/** Autocomplete options of a catalog: the entries in use whose name or an alias matches what is typed (without marks). */
export function catalogOptions(entries: readonly CatalogEntry[], typed: string): { value: string; label: string }[] {
  const q = fold(typed);
  return entries
    .filter((e) => !e.retired)
    .filter((e) => !q || [e.name, ...e.aliases].some((n) => fold(n).includes(q)))
    .map((e) => ({ value: e.name, label: e.name }));
}

/** The party badge milestones (years) in force on `dateIso`, from the rule set ("30,40,45,…" → [30, 40, 45, …]). */
export function badgeMilestones(dateIso: string): number[] {
  return ruleText(ruleKey.badgeMilestones, dateIso, '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}
