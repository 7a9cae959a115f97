import { describe, expect, it } from 'vitest';
import { fold, matchesWords } from './text';

describe('fold', () => {
  it('removes marks and folds đ', () => {
    expect(fold('Đảng bộ phường Hòa Bình')).toBe('dang bo phuong hoa binh');
    expect(fold('  Nguyễn   Văn  Đức ')).toBe('nguyen van duc');
  });
  it('matches word prefixes in any order', () => {
    expect(matchesWords('Chi bộ Thôn Đông', 'dong chi')).toBe(true);
    expect(matchesWords('Chi bộ Thôn Đông', 'tay')).toBe(false);
    expect(matchesWords('Đảng bộ xã An Phú', 'an ph')).toBe(true);
  });
});
