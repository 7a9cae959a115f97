import { describe, expect, it } from 'vitest';
import type { RatingSheetLine } from '../api/types';
import {
  campaignTitle,
  capFill,
  decisionEntries,
  formFieldOf,
  initialChoice,
  lowerLevels,
  needsReason,
  orgBody,
  orgInitial,
  type OrgValues,
  percentSum,
  ratingStep,
  selfBody,
  selfInitial,
  undecided,
  type Choice,
} from './model';

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

  it('lowers only to the levels below the decided one', () => {
    expect(lowerLevels('excellent')).toEqual(['good', 'completed', 'not_completed']);
    expect(lowerLevels('completed')).toEqual(['not_completed']);
    expect(lowerLevels('not_completed')).toEqual([]);
  });

  it('starts the self-assessment from the stored one, or empty scores per criterion', () => {
    const fresh = selfInitial(4, null);
    expect(fresh.scores).toEqual([null, null, null, null]);
    expect([fresh.assigned, fresh.on_time, fresh.exceeded, fresh.role, fresh.disciplined]).toEqual([10, 10, 0, 'member', false]);
    const stored = selfInitial(4, {
      role: 'secretary',
      assessment: { scores: [18, 9, 48, 5], tasks: { assigned: 12, completed: 11, on_time: 9, exceeded: 2 }, disciplined: true, shortcomings_remedied: false },
    });
    expect(stored).toEqual({
      scores: [18, 9, 48, 5],
      assigned: 12,
      completed: 11,
      on_time: 9,
      exceeded: 2,
      role: 'secretary',
      disciplined: true,
      shortcomings_remedied: false,
    });
    expect(selfBody({ ...stored, scores: [18, null, 48, 5] })).toEqual({
      scores: [18, 0, 48, 5],
      tasks: { assigned: 12, completed: 11, on_time: 9, exceeded: 2 },
      role: 'secretary',
      disciplined: true,
      shortcomings_remedied: false,
    });
  });

  it('places the server field errors on the form fields', () => {
    expect(formFieldOf('scores[2]')).toEqual(['scores', 2]);
    expect(formFieldOf('tasks.on_time')).toBe('on_time');
    expect(formFieldOf('override_reason')).toBe('override_reason');
  });

  it('names the step a rating reached', () => {
    const r = { self_total: 80, proposed_level: null, level: null, downgraded_from: null, not_rated: null };
    expect(ratingStep(null)).toBe('not_assessed');
    expect(ratingStep(r)).toBe('self_assessed');
    expect(ratingStep({ ...r, proposed_level: 'good' })).toBe('proposed');
    expect(ratingStep({ ...r, proposed_level: 'good', level: 'good' })).toBe('decided');
    expect(ratingStep({ ...r, level: 'completed', downgraded_from: 'good' })).toBe('downgraded');
    expect(ratingStep({ ...r, self_total: null, not_rated: 'other' })).toBe('not_rated');
  });

  it('builds the organization body: the assessment with the level, or the reason not rated', () => {
    const fresh = orgInitial(5);
    expect(fresh.scores).toEqual([null, null, null, null, null]);
    expect([fresh.exceeded, fresh.disciplined, fresh.level, fresh.override_reason]).toEqual([0, false, 'good', '']);
    const v: OrgValues = { ...fresh, scores: [18, 17, 9, 36, null], assigned: 12, completed: 12, on_time: 12, exceeded: 2, override_reason: '  ' };
    const body = orgBody(v);
    expect(body).toMatchObject({ scores: [18, 17, 9, 36, 0], tasks: { assigned: 12, exceeded: 2 }, level: 'good' });
    expect('override_reason' in body).toBe(false);
    expect(orgBody({ ...v, level: 'excellent', override_reason: ' Vượt chỉ tiêu ' })).toMatchObject({ level: 'excellent', override_reason: 'Vượt chỉ tiêu' });
    expect(orgBody({ ...v, level: 'not_rated', detail: 'Mới thành lập' })).toEqual({ not_rated: 'other', detail: 'Mới thành lập' });
  });

  it('names a campaign by its period', () => {
    expect(campaignTitle({ year: 2026, quarter: 0 })).toBe('Năm 2026');
    expect(campaignTitle({ year: 2026, quarter: 3 })).toBe('Quý 3/2026');
  });
});
