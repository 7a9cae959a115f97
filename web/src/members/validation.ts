// Client-side checks that mirror the server's ValidateMember (src/domain/member.cpp), so that most
// mistakes are shown before saving. The server stays the judge: its field errors are shown the same way.
import { addMonths, compareIso, formatDate, fullMonthsBetween, parseIso, toIso } from '../format';
import { t } from '../i18n';
import { ruleInt, ruleKey } from '../common/rules';
import type { MemberStatus } from '../api/types';

export interface MemberDraft {
  full_name: string;
  gender: string;
  birth_date: string | null;
  ethnicity: string;
  religion: string;
  hometown: string;
  residence: string;
  national_id: string;
  admission_date: string | null;
  ceremony_date: string | null;
  official_date: string | null;
  card_number: string;
  cv_number: string;
  status: MemberStatus;
  left_on: string | null;
}

export type FieldErrors = Partial<Record<keyof MemberDraft, string>>;

const COUNTED: MemberStatus[] = ['probationary', 'official', 'exempt'];
export const hasLeft = (s: MemberStatus) => !COUNTED.includes(s) && s !== 'temporary';

const codePoints = (s: string) => Array.from(s).length;

/** At least two words of letters (and ' or -), as the server's IsPlausibleName. */
export function isPlausibleName(name: string): boolean {
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (clean.split(' ').length < 2) return false;
  return /^[\p{L}\p{M}' -]+$/u.test(clean);
}

/** Official date for an admission date: admission + probation months in force then. */
export function officialDateFor(admissionIso: string): string | null {
  const adm = parseIso(admissionIso);
  if (!adm) return null;
  return toIso(addMonths(adm, ruleInt(ruleKey.probationMonths, admissionIso, 12)));
}

/** Every problem of `m` on `today` (ISO), by field; empty when the draft looks valid. */
export function validateMember(m: MemberDraft, today: string): FieldErrors {
  const e: FieldErrors = {};
  const name = m.full_name.trim();
  if (!name) e.full_name = t('member.validation.required');
  else if (codePoints(name) > 100) e.full_name = t('member.validation.tooLong', { max: 100 });
  else if (!isPlausibleName(name)) e.full_name = t('member.validation.nameWords');
  if (!m.gender) e.gender = t('member.validation.required');
  const lengths: [keyof MemberDraft, number][] = [
    ['ethnicity', 50],
    ['religion', 50],
    ['hometown', 300],
    ['residence', 300],
  ];
  for (const [f, max] of lengths) {
    if (codePoints(String(m[f] ?? '')) > max) e[f] = t('member.validation.tooLong', { max });
  }

  if (!m.birth_date) e.birth_date = t('member.validation.required');
  else if (compareIso(m.birth_date, today) > 0) e.birth_date = t('member.validation.future');
  else if (m.birth_date < '1900') e.birth_date = t('member.validation.birthTooEarly');

  const nid = m.national_id.trim();
  const nidDigits = ruleInt(ruleKey.nationalIdDigits, today, 12);
  if (nid && !new RegExp(`^\\d{${nidDigits}}$`).test(nid)) e.national_id = t('member.validation.nationalId', { n: nidDigits });
  const card = m.card_number.trim();
  const lo = ruleInt(ruleKey.cardMinDigits, today, 8);
  const hi = ruleInt(ruleKey.cardMaxDigits, today, 12);
  if (card && !new RegExp(`^\\d{${lo},${hi}}$`).test(card)) e.card_number = t('member.validation.cardNumber', { min: lo, max: hi });
  const cv = m.cv_number.trim();
  if (cv && !/^\d{6}[A-Z]{1,3}$/.test(cv)) e.cv_number = t('member.validation.cvNumber');

  if (!m.admission_date) {
    if (m.status !== 'temporary') e.admission_date = t('member.validation.admissionRequired');
  } else {
    const adm = m.admission_date;
    if (compareIso(adm, today) > 0) {
      e.admission_date = t('member.validation.future');
    } else if (m.birth_date) {
      const minAge = ruleInt(ruleKey.minAdmissionAge, adm, 18);
      const b = parseIso(m.birth_date);
      const a = parseIso(adm);
      if (b && a && fullMonthsBetween(b, a) < minAge * 12) e.admission_date = t('member.validation.tooYoung', { n: minAge });
    }
    if (m.ceremony_date && compareIso(m.ceremony_date, adm) < 0) e.ceremony_date = t('member.validation.ceremonyBefore');
    if (m.ceremony_date && compareIso(m.ceremony_date, today) > 0) e.ceremony_date = t('member.validation.future');
    const official = officialDateFor(adm);
    const months = ruleInt(ruleKey.probationMonths, adm, 12);
    if (m.official_date && official && m.official_date !== official) {
      e.official_date = t('member.validation.officialRule', { months, date: formatDate(official) });
    }
    if (m.status === 'probationary' && m.official_date) e.official_date = t('member.validation.probationaryHasOfficial');
    if (m.status === 'official') {
      if (!m.official_date) e.official_date = t('member.validation.officialRequired');
      else if (compareIso(m.official_date, today) > 0) e.official_date = t('member.validation.officialTooEarly', { months });
    }
  }
  if (m.status === 'probationary' && card) e.card_number = t('member.validation.cardOnlyOfficial');
  if (hasLeft(m.status)) {
    if (!m.left_on) e.left_on = t('member.validation.leftRequired');
    else if (compareIso(m.left_on, today) > 0) e.left_on = t('member.validation.future');
  }
  return e;
}
