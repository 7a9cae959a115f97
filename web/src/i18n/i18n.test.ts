import { describe, expect, it } from 'vitest';
import { t, tDynamic, translate } from '.';
import { vi } from './vi';

describe('i18n', () => {
  it('looks up hierarchical keys', () => {
    expect(t('member.fields.full_name')).toBe('Họ và tên');
  });
  it('fills placeholders and leaves unknown ones', () => {
    expect(t('member.list.total', { n: '1.234' })).toBe('Tổng số: 1.234 hồ sơ');
    expect(translate(vi, 'member.list.total')).toBe('Tổng số: {n} hồ sơ');
  });
  it('returns the key for a missing text, and the fallback for dynamic keys', () => {
    expect(translate(vi, 'member.fields.nope')).toBe('member.fields.nope');
    expect(tDynamic('member.status.deceased', 'x')).toBe('Từ trần');
    expect(tDynamic('member.status.unknown', 'Khác')).toBe('Khác');
  });
  it('has no empty text', () => {
    const walk = (o: object, path: string): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? (v.trim() === '' ? [`${path}${k}`] : []) : walk(v as object, `${path}${k}.`),
      );
    expect(walk(vi, '')).toEqual([]);
  });
});
