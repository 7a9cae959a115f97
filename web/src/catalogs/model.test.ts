import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../api/types';
import { cleanAliases, communeImportChanges, filterEntries, successorLabel } from './model';

const entry = (code: string, name: string, aliases: string[] = []): CatalogEntry => ({
  catalog: 'ethnicity',
  code,
  name,
  aliases,
  builtin: true,
  retired: false,
});

const entries = [entry('01', 'Kinh', ['Việt']), entry('05', 'Khơ-me', ['Khmer', 'Khơ Me']), entry('12', 'Ê-đê', ['Ê Đê', 'Rhade'])];

describe('catalog entries', () => {
  it('are found by name, alias or code, typed without marks', () => {
    expect(filterEntries(entries, 'kho').map((e) => e.code)).toEqual(['05']);
    expect(filterEntries(entries, 'KHMER').map((e) => e.code)).toEqual(['05']);
    expect(filterEntries(entries, 'viet').map((e) => e.code)).toEqual(['01']);
    expect(filterEntries(entries, 'e de').map((e) => e.code)).toEqual(['12']);
    expect(filterEntries(entries, '12').map((e) => e.code)).toEqual(['12']);
    expect(filterEntries(entries, '  ')).toEqual(entries);
    expect(filterEntries(entries, 'xyz')).toEqual([]);
  });
  it('keep the aliases typed once each, trimmed', () => {
    expect(cleanAliases([' Đạo Phật ', '', 'dao phat', 'Phật  giáo', '  '])).toEqual(['Đạo Phật', 'Phật giáo']);
    expect(cleanAliases([])).toEqual([]);
  });
  it('name the successor of a former province', () => {
    const provinces = [entry('01', 'Thành phố Hà Nội'), entry('08', 'Tuyên Quang')];
    expect(successorLabel('08', provinces)).toBe('08 · Tuyên Quang');
    expect(successorLabel('99', provinces)).toBe('99');
    expect(successorLabel(undefined, provinces)).toBe('');
  });
});

describe('communeImportChanges', () => {
  const r = { added: { count: 3 }, changed: { count: 1 }, missing: { count: 120 } };
  it('counts the missing units only when they are to be retired', () => {
    expect(communeImportChanges(r, false)).toBe(4);
    expect(communeImportChanges(r, true)).toBe(124);
    expect(communeImportChanges({ added: { count: 0 }, changed: { count: 0 }, missing: { count: 0 } }, true)).toBe(0);
  });
});
