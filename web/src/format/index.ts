// Vietnamese formats: dates dd/mm/yyyy, numbers 1.234.567,5, times in Vietnam (UTC+7, no DST).
// Written out by hand (not Intl) so that every browser and the unit tests give the same text.

const VN_OFFSET_MS = 7 * 3600 * 1000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Groups of three digits separated by '.', decimals after ','; `null`/`undefined` → '–'. */
export function formatNumber(n: number | null | undefined, decimals = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const sign = n < 0 ? '-' : '';
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return sign + grouped + (frac ? `,${frac}` : '');
}

/** A server percent string with a '.' decimal point ("38.12") → "38,12 %". Kept exact (no float). */
export function formatPercentString(p: string | null | undefined): string {
  if (p === null || p === undefined || !/^-?\d+(\.\d+)?$/.test(p)) return '–';
  const [int = '0', frac] = p.split('.');
  return `${formatNumber(Number(int))}${frac ? `,${frac}` : ''} %`;
}

/** Percentage of part in whole with two decimals, Vietnamese separators; whole 0 → '–'. */
export function percent(part: number, whole: number): string {
  if (!whole) return '–';
  return `${formatNumber((part * 100) / whole, 2)} %`;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses the API's "YYYY-MM-DD"; null when malformed or not a real day. */
export function parseIso(s: string | null | undefined): Ymd | null {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!r) return null;
  const v = { y: Number(r[1]), m: Number(r[2]), d: Number(r[3]) };
  if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > daysInMonth(v.y, v.m)) return null;
  return v;
}

export function toIso(v: Ymd): string {
  return `${String(v.y).padStart(4, '0')}-${pad2(v.m)}-${pad2(v.d)}`;
}

/** "2026-11-23" → "23/11/2026"; empty → '–'; anything unparsable is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const v = parseIso(iso);
  return v ? `${pad2(v.d)}/${pad2(v.m)}/${v.y}` : iso;
}

/** "23/11/2026" (also 23-11-2026, 23.11.2026, 1/2/2026) → "2026-11-23"; null when not a real day. */
export function parseVnDate(text: string): string | null {
  const r = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!r) return null;
  const v = { y: Number(r[3]), m: Number(r[2]), d: Number(r[1]) };
  if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > daysInMonth(v.y, v.m)) return null;
  return toIso(v);
}

/** A moment (ms since epoch) as "dd/mm/yyyy HH:mm" in Vietnam time. */
export function formatDateTime(ms: number): string {
  const t = new Date(ms + VN_OFFSET_MS);
  return `${pad2(t.getUTCDate())}/${pad2(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${pad2(t.getUTCHours())}:${pad2(
    t.getUTCMinutes(),
  )}`;
}

/** Today's date in Vietnam, as the server computes it. */
export function todayIso(nowMs: number = Date.now()): string {
  const t = new Date(nowMs + VN_OFFSET_MS);
  return toIso({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

function cmp(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** The same day n months later, clamped to the month's last day (as the server's Date::AddMonths). */
export function addMonths(v: Ymd, n: number): Ymd {
  const total = v.y * 12 + (v.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(v.d, daysInMonth(y, m)) };
}

/** Whole months from `from` to `to` (negative when `to` is earlier), as the server's FullMonthsBetween. */
export function fullMonthsBetween(from: Ymd, to: Ymd): number {
  if (cmp(to, from) < 0) return -fullMonthsBetween(to, from);
  let months = (to.y - from.y) * 12 + (to.m - from.m);
  if (months > 0 && cmp(addMonths(from, months), to) > 0) months -= 1;
  return months;
}

export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Age in full years on `onIso` (default today); null when the birth date is missing. */
export function ageYears(birthIso: string | null | undefined, onIso: string = todayIso()): number | null {
  const b = parseIso(birthIso);
  const on = parseIso(onIso);
  if (!b || !on) return null;
  return Math.floor(fullMonthsBetween(b, on) / 12);
}
