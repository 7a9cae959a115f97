import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorLocation, fieldRows, lineRange } from './model';

describe('template editor model', () => {
  it('reads the line and column of a refused template', () => {
    const e = new ApiError(422, 'invalid', 'Dòng 2, cột 9: văn bản này không có trường “ho_ten”.', 'text', { line: '2', column: '9' });
    expect(errorLocation(e)).toEqual({ line: 2, column: 9 });
    expect(errorLocation(new ApiError(422, 'invalid', 'x', 'x', { line: '2', column: '9' }))).toBeNull();
    expect(errorLocation(new ApiError(422, 'invalid', 'x', 'text', {}))).toBeNull();
    expect(errorLocation(new Error('x'))).toBeNull();
  });

  it('selects from the column to the end of the line, counting characters', () => {
    const text = '@title A\nHọ tên: {{ho_ten}}\nc';
    const [start, end] = lineRange(text, { line: 2, column: 9 });
    expect(text.slice(start, end)).toBe('{{ho_ten}}');
    expect(lineRange(text, { line: 1, column: 1 })).toEqual([0, 8]);
    expect(lineRange(text, { line: 9, column: 1 })).toEqual([text.length, text.length]);
    const astral = '𝐀b {{x}}';
    const [s2, e2] = lineRange(astral, { line: 1, column: 4 });
    expect(astral.slice(s2, e2)).toBe('{{x}}');
  });

  it('lists the fields with the list items indented under their list', () => {
    const rows = fieldRows([
      { name: 'full_name', label: 'Họ và tên', list: false },
      { name: 'criteria', label: 'Các tiêu chí', list: true, items: [{ name: 'score', label: 'Điểm', list: false }] },
    ]);
    expect(rows).toEqual([
      { tag: '{{full_name}}', label: 'Họ và tên', depth: 0 },
      { tag: '{{#criteria}} … {{/criteria}}', label: 'Các tiêu chí', depth: 0 },
      { tag: '{{stt}}', label: '', depth: 1 },
      { tag: '{{score}}', label: 'Điểm', depth: 1 },
    ]);
  });
});
