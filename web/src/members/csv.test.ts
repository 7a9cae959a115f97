import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv';

describe('csv', () => {
  it('quotes separators and guards formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('plain')).toBe('plain');
  });
  it('writes a document with the byte order mark and CRLF lines', () => {
    expect(csvDocument([['Họ và tên', 'Quê quán'], ['Nguyễn Văn An', 'Xã Đồng Tâm, tỉnh Đồng Tháp']])).toBe(
      '\uFEFFHọ và tên,Quê quán\r\nNguyễn Văn An,"Xã Đồng Tâm, tỉnh Đồng Tháp"\r\n',
    );
    expect(csvDocument([])).toBe('\uFEFF');
  });
});
