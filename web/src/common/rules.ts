// The server's versioned rule set (rules/default.json), read at build time so that the form checks use
// the same thresholds as the server. A key's value is the version in force on the given date.
import ruleFile from '../../../rules/default.json';

interface RuleVersion {
  from: string | null;
  to: string | null;
  value: number | string;
}

const rules = (ruleFile as unknown as { rules: Record<string, RuleVersion[]> }).rules;

export const ruleKey = {
  minAdmissionAge: 'admission.min_age_years',
  probationMonths: 'admission.probation_months',
  cardMinDigits: 'member.card_number.min_digits',
  cardMaxDigits: 'member.card_number.max_digits',
  nationalIdDigits: 'member.national_id.digits',
  passwordMinLength: 'security.password.min_length',
  ageBandBounds: 'report.age_band_bounds',
  badgeMilestones: 'badge.milestone_years',
  photoMaxBytes: 'member.photo.max_bytes',
} as const;

function versionOn(key: string, dateIso: string): RuleVersion | undefined {
  return (rules[key] ?? []).find((v) => (v.from === null || v.from <= dateIso) && (v.to === null || dateIso <= v.to));
}

/** The value of `key` on `dateIso`, or `fallback` when no version covers the date. */
export function ruleInt(key: string, dateIso: string, fallback: number): number {
  const v = versionOn(key, dateIso)?.value;
  return typeof v === 'number' ? v : fallback;
}

/** The text value of `key` on `dateIso`, or `fallback`. */
export function ruleText(key: string, dateIso: string, fallback: string): string {
  const v = versionOn(key, dateIso)?.value;
  return typeof v === 'string' ? v : fallback;
}
