import { describe, expect, it } from 'vitest';
import type { OrgStats, OrgView } from '../api/types';
import { fromOrg, fromStats } from './model';

const stats: OrgStats = {
  org_id: 1,
  as_of: '2026-11-23',
  year: 2026,
  by_status: { probationary: 10, official: 80, temporary: 2, exempt: 10, removed: 0, expelled: 0, withdrew: 0, deceased: 3, transferred_out: 0 },
  counted: 100,
  female: 38,
  female_percent: '38.00',
  admitted_in_year: 7,
  age_bands: [
    { label: '18–30', min: 18, max: 30, count: 25 },
    { label: 'trên 70', min: 71, max: null, count: 75 },
  ],
};

describe('dashboard model with exact shares from the server', () => {
  it('keeps the server percent strings and adds members without a birth date', () => {
    const d = fromStats({
      ...stats,
      age_bands: [
        { label: 'đến 30', min: null, max: 30, count: 1, percent: '33.33' },
        { label: 'từ 31', min: 31, max: null, count: 1, percent: '33.33' },
      ],
      age_unknown: 1,
    });
    expect(d.byAge).toEqual([
      { key: 'đến 30', label: 'đến 30', count: 1, share: '33,33 %' },
      { key: 'từ 31', label: 'từ 31', count: 1, share: '33,33 %' },
      { key: 'unknown', label: 'Chưa có ngày sinh', count: 1, share: '33,33 %' },
    ]);
  });
});

describe('dashboard model', () => {
  it('uses the stats endpoint when there is one', () => {
    const d = fromStats(stats);
    expect(d.counted).toBe(100);
    expect(d.femaleShare).toBe('38,00 %');
    expect(d.admittedInYear).toBe(7);
    expect(d.byStatus.map((r) => r.key)).toEqual(['probationary', 'official', 'temporary', 'exempt', 'deceased']);
    expect(d.byStatus[1]).toMatchObject({ label: 'Chính thức', count: 80, share: '76,19 %' });
    expect(d.byAge).toEqual([
      { key: '18–30', label: '18–30', count: 25, share: '25,00 %' },
      { key: 'trên 70', label: 'trên 70', count: 75, share: '75,00 %' },
    ]);
    expect(d.byGender.map((r) => r.count)).toEqual([62, 38]);
  });
  it('falls back to the organization counts', () => {
    const org = {
      id: 1,
      counts: { by_status: { official: 3, probationary: 1 }, members: 4, women: 1 },
    } as unknown as OrgView;
    const d = fromOrg(org);
    expect(d.byAge).toBeNull();
    expect(d.admittedInYear).toBeNull();
    expect(d.femaleShare).toBe('25,00 %');
    expect(d.byStatus.map((r) => r.count)).toEqual([1, 3]);
  });
});
