import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageYears,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercentString,
  fullMonthsBetween,
  parseVnDate,
  percent,
  todayIso,
} from '.';

describe('numbers', () => {
  it.each([
    [0, 0, '0'],
    [999, 0, '999'],
    [1000, 0, '1.000'],
    [19683, 0, '19.683'],
    [1234567.891, 2, '1.234.567,89'],
    [-4500, 0, '-4.500'],
  ])('formatNumber(%s, %s) = %s', (n, d, out) => {
    expect(formatNumber(n, d)).toBe(out);
  });
  it('shows a dash for missing numbers', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(Number.NaN)).toBe('–');
  });
  it('keeps server percent strings exact', () => {
    expect(formatPercentString('38.12')).toBe('38,12 %');
    expect(formatPercentString('1234.50')).toBe('1.234,50 %');
    expect(formatPercentString('abc')).toBe('–');
    expect(percent(1, 3)).toBe('33,33 %');
    expect(percent(1, 0)).toBe('–');
  });
});

describe('dates', () => {
  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-01-05')).toBe('05/01/2026');
    expect(formatDate(null)).toBe('–');
  });
  it.each([
    ['23/11/2026', '2026-11-23'],
    ['1/2/1990', '1990-02-01'],
    ['29.02.2024', '2024-02-29'],
    ['29/02/2023', null],
    ['31/04/2020', null],
    ['2020-01-01', null],
    ['', null],
  ])('parseVnDate(%j) = %j', (text, iso) => {
    expect(parseVnDate(text)).toBe(iso);
  });
  it('formats moments in Vietnam time', () => {
    // 2026-11-23T17:30:00Z is 24/11/2026 00:30 in Hà Nội.
    expect(formatDateTime(Date.UTC(2026, 10, 23, 17, 30))).toBe('24/11/2026 00:30');
    expect(todayIso(Date.UTC(2026, 10, 23, 17, 30))).toBe('2026-11-24');
  });
  it('adds months like the server (clamped to the month end)', () => {
    expect(addMonths({ y: 2024, m: 1, d: 31 }, 1)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(addMonths({ y: 2025, m: 3, d: 15 }, 12)).toEqual({ y: 2026, m: 3, d: 15 });
  });
  it('counts full months and ages', () => {
    expect(fullMonthsBetween({ y: 2000, m: 5, d: 10 }, { y: 2018, m: 5, d: 9 })).toBe(215);
    expect(fullMonthsBetween({ y: 2000, m: 5, d: 10 }, { y: 2018, m: 5, d: 10 })).toBe(216);
    expect(ageYears('2000-05-10', '2018-05-09')).toBe(17);
    expect(ageYears('2000-05-10', '2018-05-10')).toBe(18);
    expect(ageYears(null, '2018-05-10')).toBeNull();
  });
});
