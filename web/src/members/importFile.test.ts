import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../api/types';
import { formatFileSize, importChoice, importFileProblem, issuesCsv, issuesFileName, MAX_IMPORT_BYTES } from './importFile';

describe('import file checks', () => {
  it('refuses a file above 64 MB before sending it, with the server\'s words', () => {
    expect(MAX_IMPORT_BYTES).toBe(67_108_864);
    expect(importFileProblem({ size: 0 })).toBeNull();
    expect(importFileProblem({ size: MAX_IMPORT_BYTES })).toBeNull();
    expect(importFileProblem({ size: MAX_IMPORT_BYTES + 1 })).toBe('Tệp quá lớn: tối đa 64 MB.');
  });
  it.each<[number, string]>([
    [0, '0 byte'],
    [850, '850 byte'],
    [1024, '1,0 KB'],
    [12_595, '12,3 KB'],
    [4_718_592, '4,5 MB'],
    [MAX_IMPORT_BYTES, '64,0 MB'],
  ])('writes %d bytes as %s', (n, text) => {
    expect(formatFileSize(n)).toBe(text);
  });
});

describe('issues as CSV', () => {
  const issues: ImportIssue[] = [
    { row: 3, column: 'Ngày sinh', field: 'birth_date', value: '31/02/1980', message: 'Ngày không hợp lệ: dùng dạng ngày/tháng/năm, ví dụ 02/09/1975.' },
    { row: 5, column: 'Giới tính', field: 'gender', value: 'Khác', message: 'Giới tính phải là "Nam" hoặc "Nữ".' },
    { row: 7, column: 'Quê quán', field: 'hometown', value: '=cmd()', message: 'Ô chứa công thức Excel' },
  ];
  it('has the BOM, the Vietnamese header and one line per issue', () => {
    const lines = issuesCsv(issues).split('\r\n');
    expect(lines[0]).toBe('\uFEFFDòng,Cột,Giá trị,Lỗi');
    expect(lines[1]).toBe('3,Ngày sinh,31/02/1980,"Ngày không hợp lệ: dùng dạng ngày/tháng/năm, ví dụ 02/09/1975."');
    expect(lines[2]).toBe('5,Giới tính,Khác,"Giới tính phải là ""Nam"" hoặc ""Nữ""."');
    expect(lines[3]).toBe("7,Quê quán,'=cmd(),Ô chứa công thức Excel");
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });
  it('names the file after the organization', () => {
    expect(issuesFileName('T01.B00009')).toBe('loi-nhap-dang-vien-T01-B00009.csv');
  });
});

describe('confirm step', () => {
  it.each<[number, number, string]>([
    [5, 0, 'all'],
    [3, 2, 'validOnly'],
    [0, 4, 'none'],
    [0, 0, 'none'],
  ])('%d valid and %d bad rows → %s', (valid_rows, bad_rows, choice) => {
    expect(importChoice({ valid_rows, bad_rows })).toBe(choice);
  });
});
