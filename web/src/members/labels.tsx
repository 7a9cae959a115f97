import { Tag } from 'antd';
import type { Gender, MemberStatus } from '../api/types';
import { ruleKey, ruleText } from '../common/rules';
import { todayIso } from '../format';
import { t, tDynamic } from '../i18n';

const STATUS_COLOR: Record<MemberStatus, string> = {
  probationary: 'gold',
  official: 'green',
  temporary: 'blue',
  exempt: 'purple',
  removed: 'default',
  expelled: 'red',
  withdrew: 'default',
  deceased: 'default',
  transferred_out: 'cyan',
};

export const statusLabel = (s: string) => tDynamic(`member.status.${s}`, s);
export const genderLabel = (g: Gender | string) => tDynamic(`member.gender.${g}`, g);
export const fieldLabel = (f: string) => tDynamic(`member.fields.${f}`, f);

export function StatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{statusLabel(status)}</Tag>;
}

export interface AgeBandFilter {
  key: string;
  label: string;
  min: number | null;
  max: number | null;
}

/**
 * Age bands of the filter, from the upper bounds of the statistics rule (`report.age_band_bounds`,
 * "30,40,50,60" → đến 30, 31–40, 41–50, 51–60, từ 61), so the list and the dashboard group alike.
 */
export function ageBands(bounds: string = ruleText(ruleKey.ageBandBounds, todayIso(), '30,40,50,60')): AgeBandFilter[] {
  const ups = bounds
    .split(',')
    .map((b) => Number(b.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const out: AgeBandFilter[] = [];
  let lo: number | null = null;
  for (const hi of ups) {
    out.push({ key: `${lo ?? ''}-${hi}`, label: lo === null ? t('member.ageBands.upTo', { n: hi }) : `${lo}–${hi}`, min: lo, max: hi });
    lo = hi + 1;
  }
  if (lo !== null) out.push({ key: `${lo}-`, label: t('member.ageBands.from', { n: lo }), min: lo, max: null });
  return out;
}

export const AGE_BANDS = ageBands();
