import { describe, expect, it } from 'vitest';
import type { RatingSheetLine } from '../api/types';
import { capFill, decisionEntries, initialChoice, needsReason, percentSum, undecided, type Choice } from './model';

const line = (id: number, derived: string | null, excluded: { reason: string; detail: string } | null = null, level: string | null = null) =>
  ({
    member: { id },
    rating: level ? { level, not_rated: null } : null,
    derived: derived ? { level: derived, total_score: 80, limits: [] } : null,
    excluded,
  }) as unknown as RatingSheetLine;

describe('rating model', () => {
  it('starts from the derived level, or not rated with the register reason', () => {
    expect(initialChoice(line(1, 'good'))).toEqual({ level: 'good', reason: '' });
    expect(initialChoice(line(2, null, { reason: 'exempt', detail: 'Miễn sinh hoạt' }))).toEqual({ level: 'not_rated', reason: 'Miễn sinh hoạt' });
    expect(initialChoice(line(3, null))).toBeNull();
  });

  it('keeps only the undecided members', () => {
    expect(undecided([line(1, 'good'), line(2, 'good', null, 'good')]).map((l) => l.member.id)).toEqual([1]);
  });

  it('builds the entries: a reason only for a departure from the derived level', () => {
    const lines = [line(1, 'excellent'), line(2, 'good'), line(3, null, { reason: 'recently_admitted', detail: 'Mới kết nạp' }), line(4, 'good')];
    const choices = new Map<number, Choice>([
      [1, { level: 'good', reason: 'Giữ tỷ lệ' }],
      [2, { level: 'good', reason: 'ignored' }],
      [3, { level: 'not_rated', reason: '' }],
      [4, { level: 'not_rated', reason: 'Đi học' }],
    ]);
    expect(needsReason(lines[0]!, choices.get(1)!)).toBe(true);
    expect(decisionEntries(lines, choices)).toEqual([
      { member_id: 1, level: 'good', override_reason: 'Giữ tỷ lệ' },
      { member_id: 2, level: 'good' },
      { member_id: 3, not_rated: 'recently_admitted' },
      { member_id: 4, not_rated: 'other', detail: 'Đi học' },
    ]);
  });

  it('adds the shown percentages in hundredths', () => {
    expect(percentSum([{ percent: '16.81' }, { percent: '77.59' }, { percent: '5.17' }, { percent: '0.43' }])).toBe(10000);
  });

  it('fills the cap meter', () => {
    expect(capFill(18, 36)).toBe(50);
    expect(capFill(39, 36)).toBe(100);
    expect(capFill(0, 0)).toBe(0);
    expect(capFill(1, 0)).toBe(100);
  });
});
