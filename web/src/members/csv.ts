import type { Member } from '../api/types';
import { formatDate } from '../format';
import { fieldLabel, genderLabel, statusLabel } from './labels';

/** One CSV cell: quoted when needed; a leading = + - @ gets a ' so spreadsheets do not run it. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const COLUMNS: (keyof Member)[] = [
  'full_name', 'gender', 'birth_date', 'ethnicity', 'religion', 'hometown', 'residence', 'national_id',
  'admission_date', 'official_date', 'card_number', 'cv_number', 'status',
];

export function csvHeader(): string {
  return COLUMNS.map((c) => csvCell(fieldLabel(c))).join(',');
}

export function csvRow(m: Member): string {
  return COLUMNS.map((c) => {
    const v = m[c];
    if (c === 'gender') return csvCell(genderLabel(String(v)));
    if (c === 'status') return csvCell(statusLabel(String(v)));
    if (c.endsWith('_date')) return csvCell(formatDate(v as string | null));
    return csvCell(v === null || v === undefined ? '' : String(v));
  }).join(',');
}
