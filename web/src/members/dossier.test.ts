import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Dossier } from '../api/types';
import { badgeMilestones, catalogOptions, emptyDossier, formPathOf, fromFormValues, splitFieldErrors, toFormValues } from './dossier';

const full: Dossier = {
  ...emptyDossier(),
  birth_place: 'Xã Hợp Thành, tỉnh Lạng Sơn',
  political_theory: 'Trung cấp',
  qualifications: [{ level: 'Đại học', field: 'Luật', institution: 'Đại học Luật Hà Nội', year: 2001 }],
  work_history: [
    { from: '2001-09-01', to: '2010-12-31', place: 'UBND phường Hòa Bình', position: 'Cán bộ tư pháp' },
    { from: '2011-01-01', to: null, place: 'Đảng ủy phường', position: 'Phó Bí thư' },
  ],
  family: [{ relation: 'Bố', full_name: 'Nguyễn Văn Bình', birth_year: 1950, occupation: 'Hưu trí', residence: 'Hà Nội' }],
  introducers: [{ full_name: 'Lê Văn Cường', position: 'Bí thư chi bộ', organization: 'Chi bộ số 1' }],
  card_issued_on: '2004-05-19',
  armed_service: 'army',
  enlisted_on: '1998-02-20',
  discharged_on: '2000-02-20',
  retired_on: null,
  badges: [{ years: 30, awarded_on: '2032-03-06', decision: '12-QĐ/TU' }],
  interruptions: [{ from: '2010-01-01', to: '2011-01-01', reason: 'Đi học nước ngoài' }],
};

describe('dossier form values', () => {
  it('round-trip a full dossier (dates through dayjs and back)', () => {
    const v = toFormValues(full, '2026-11-23', 'bổ sung');
    expect(v.enlisted_on?.format('DD/MM/YYYY')).toBe('20/02/1998');
    expect(v.retired_on).toBeNull();
    expect(v.valid_from?.format('YYYY-MM-DD')).toBe('2026-11-23');
    expect(v.note).toBe('bổ sung');
    expect(v.work_history[1]!.to).toBeNull();
    expect(v.work_history[0]!.from?.format('DD/MM/YYYY')).toBe('01/09/2001');
    expect(fromFormValues(v)).toEqual(full);
  });

  it('send every field, empty ones as "" / [] / null, text trimmed', () => {
    const d = fromFormValues({ political_theory: '  trung cap ', family: [{ relation: 'Mẹ', full_name: ' ', birth_year: null, occupation: '', residence: '' }] });
    expect(d.political_theory).toBe('trung cap');
    expect(d.other_names).toBe('');
    expect(d.card_issued_on).toBeNull();
    expect(d.work_history).toEqual([]);
    // An incomplete row stays where it is, so the server's index is the form's.
    expect(d.family).toEqual([{ relation: 'Mẹ', full_name: '', birth_year: null, occupation: '', residence: '' }]);
    expect(Object.keys(d).sort()).toEqual(Object.keys(emptyDossier()).sort());
  });

  it('read an older answer without some fields as empty', () => {
    const v = toFormValues({ birth_place: 'Huế' }, null);
    expect(v.valid_from).toBeNull();
    expect(v.family).toEqual([]);
    expect(v.birth_place).toBe('Huế');
    expect(v.occupation).toBe('');
  });

  it('turn an invalid date into null', () => {
    const d = fromFormValues({ card_issued_on: dayjs('not a date') });
    expect(d.card_issued_on).toBeNull();
  });
});

describe('server field paths → form names', () => {
  it.each<[string, (string | number)[] | null]>([
    ['dossier.family[0].full_name', ['family', 0, 'full_name']],
    ['dossier.work_history[12].to', ['work_history', 12, 'to']],
    ['dossier.political_theory', ['political_theory']],
    ['dossier.card_issued_on', ['card_issued_on']],
    ['dossier.discharged_on', ['discharged_on']],
    ['dossier.armed_service', ['armed_service']],
    ['dossier.qualifications[1].level', ['qualifications', 1, 'level']],
    ['valid_from', ['valid_from']],
    ['note', ['note']],
    ['supplement_id', null],
    ['dossier.unknown_field', null],
    ['dossier.family[x].full_name', null],
    ['dossier', null],
  ])('%s → %j', (server, form) => {
    expect(formPathOf(server)).toEqual(form);
  });

  it('split errors into those on an input and the rest', () => {
    const { onForm, other } = splitFieldErrors({
      'dossier.family[0].full_name': 'Trường này là bắt buộc.',
      supplement_id: 'Đợt bổ sung hồ sơ đã khóa sổ.',
    });
    expect(onForm).toEqual([{ name: ['family', 0, 'full_name'], errors: ['Trường này là bắt buộc.'] }]);
    expect(other).toEqual(['Đợt bổ sung hồ sơ đã khóa sổ.']);
  });
});

describe('catalog options', () => {
  const entry = (code: string, name: string, aliases: string[] = [], retired = false): CatalogEntry => ({
    catalog: 'political_theory',
    code,
    name,
    aliases,
    builtin: true,
    retired,
  });
  const entries = [entry('1', 'Sơ cấp'), entry('2', 'Trung cấp'), entry('4', 'Cử nhân', ['Cử nhân chính trị']), entry('9', 'Cũ', [], true)];

  it('match names and aliases typed without marks, and leave retired entries out', () => {
    expect(catalogOptions(entries, 'trung cap').map((o) => o.value)).toEqual(['Trung cấp']);
    expect(catalogOptions(entries, 'chinh tri').map((o) => o.value)).toEqual(['Cử nhân']);
    expect(catalogOptions(entries, '').map((o) => o.value)).toEqual(['Sơ cấp', 'Trung cấp', 'Cử nhân']);
    expect(catalogOptions(entries, 'xyz')).toEqual([]);
  });

  it('offer the catalog name for an older spelling (member form and list filter: ethnicity)', () => {
    const ethnicities = [
      { ...entry('01', 'Kinh', ['Việt']), catalog: 'ethnicity' },
      { ...entry('05', 'Khơ-me', ['Khmer', 'Khơ Me', 'Khơ-me Krôm']), catalog: 'ethnicity' },
      { ...entry('08', 'Mông', ["H'Mông", 'Mèo']), catalog: 'ethnicity' },
    ];
    expect(catalogOptions(ethnicities, 'khmer')).toEqual([{ value: 'Khơ-me', label: 'Khơ-me' }]);
    expect(catalogOptions(ethnicities, 'kho me').map((o) => o.value)).toEqual(['Khơ-me']);
    expect(catalogOptions(ethnicities, "h'mong").map((o) => o.value)).toEqual(['Mông']);
  });
});

describe('badge milestones', () => {
  it('come from the rule set', () => {
    expect(badgeMilestones('2026-11-23')).toEqual([30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
  });
});
