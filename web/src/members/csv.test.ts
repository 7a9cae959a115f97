import { describe, expect, it } from 'vitest';
import type { Member } from '../api/types';
import { csvCell, csvHeader, csvRow } from './csv';

const m: Member = {
  id: 1, org_id: 2, full_name: 'Nguyễn Văn An', gender: 'male', birth_date: '1990-05-02', ethnicity: 'Kinh',
  religion: 'Không', hometown: 'Xã Đồng Tâm, tỉnh Đồng Tháp', residence: '=HYPERLINK("x")', national_id: '001000000001',
  admission_date: '2015-03-01', ceremony_date: null, official_date: '2016-03-01', card_number: '12345678',
  cv_number: '000001HN', status: 'official', status_label: 'Chính thức', left_on: null, version: 1,
  org_code: 'T01.B00001', org_name: 'Chi bộ Khu dân cư số 1',
};

describe('csv', () => {
  it('quotes separators and guards formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('plain')).toBe('plain');
  });
  it('writes Vietnamese headers, labels and dd/mm/yyyy dates', () => {
    expect(csvHeader().startsWith('Họ và tên,Giới tính,Ngày sinh')).toBe(true);
    const row = csvRow(m);
    expect(row).toContain('Nguyễn Văn An,Nam,02/05/1990,Kinh');
    expect(row).toContain('"Xã Đồng Tâm, tỉnh Đồng Tháp"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row.endsWith('Chính thức')).toBe(true);
  });
});
