import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, photoFileProblem } from './photo';

describe('photoFileProblem', () => {
  it('lets JPEG and PNG files within the cap go', () => {
    expect(photoFileProblem({ size: 120_000, type: 'image/jpeg' })).toBeNull();
    expect(photoFileProblem({ size: PHOTO_MAX_BYTES, type: 'image/png' })).toBeNull();
  });

  it('refuses empty, other types and oversized files with the server words', () => {
    expect(photoFileProblem({ size: 0, type: 'image/png' })).toMatch(/rỗng/);
    expect(photoFileProblem({ size: 10, type: 'image/gif' })).toMatch(/JPEG hoặc PNG/);
    expect(photoFileProblem({ size: 10, type: '' })).toMatch(/JPEG hoặc PNG/);
    expect(photoFileProblem({ size: PHOTO_MAX_BYTES + 1, type: 'image/jpeg' })).toBe('Ảnh quá lớn: tối đa 2048 KB.');
  });
});
