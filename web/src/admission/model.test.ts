import { describe, expect, it } from 'vitest';
import {
  calendarBody,
  columnOf,
  dayCounts,
  introducerIssues,
  introducerSlots,
  introducersBody,
  reportPeriod,
  stepBody,
  stepChoices,
  termPeriod,
  termsOf,
  weekday,
} from './model';

describe('admission model', () => {
  it('puts each stage in one column', () => {
    expect(columnOf({ stage: 'candidate' })).toBe('candidate');
    expect(columnOf({ stage: 'grassroots_voted' })).toBe('proposed');
    expect(columnOf({ stage: 'recognition_branch_voted' })).toBe('probation');
    expect(columnOf({ stage: 'stopped' })).toBe('closed');
  });

  it('offers the next step first, then extension (while a decision is awaited) and stop', () => {
    const next = { step: 'decision', step_label: '', actor: 'competent' as const, earliest: null, deadline: null, estimated: false, provisional: false, late: false, rule_key: '' };
    expect(stepChoices({ next })).toEqual(['decision', 'extension', 'stop']);
    expect(stepChoices({ next: { ...next, step: 'ceremony' } })).toEqual(['ceremony', 'stop']);
    expect(stepChoices({ next: null })).toEqual([]);
  });

  it('sends only the fields of the step', () => {
    expect(stepBody({ kind: 'branch_vote', date: '2025-03-10', document_number: ' 01-NQ ', yes: 9, no: 1, entitled: 12 }, 3)).toEqual({
      kind: 'branch_vote',
      date: '2025-03-10',
      document_number: '01-NQ',
      version: 3,
      votes: { yes: 9, no: 1, entitled: 12 },
    });
    expect(stepBody({ kind: 'extension', date: '2025-03-10', document_number: 'x', reason: ' r ', extension_working_days: 10 }, 1)).toEqual({
      kind: 'extension',
      date: '2025-03-10',
      document_number: 'x',
      version: 1,
      reason: 'r',
      extension_working_days: 10,
    });
  });

  it('measures 9 months against the year', () => {
    expect(reportPeriod(2025, 'nine')).toEqual({ from: '2025-01-01', to: '2025-09-30' });
    expect(reportPeriod(2025, 'year')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('fills two introducer slots and sends a member by id, an organization by name', () => {
    const slots = introducerSlots([{ kind: 'member', member_id: 7, name: 'Trần Văn Bình', together_since: '2020-01-01' }]);
    expect(slots).toEqual([
      { kind: 'member', member_id: 7, name: 'Trần Văn Bình', together_since: '2020-01-01' },
      { kind: 'member', member_id: null, name: '', together_since: null },
    ]);
    expect(introducersBody([slots[0]!, { kind: 'youth_union', name: ' Ban Chấp hành Đoàn cơ sở ' }])).toEqual([
      { kind: 'member', member_id: 7, name: 'Trần Văn Bình', together_since: '2020-01-01' },
      { kind: 'youth_union', name: 'Ban Chấp hành Đoàn cơ sở' },
    ]);
    // A member not chosen yet is sent without an id: the server then names that slot.
    expect(introducersBody([{ kind: 'member', member_id: null, name: '', together_since: null }])).toEqual([{ kind: 'member', together_since: null }]);
  });

  it("puts the server's introducer problems on their slots", () => {
    expect(introducerIssues({ 'candidate.introducers[1]': 'dự bị', 'candidate.introducers': 'cần 2', other: 'x' })).toEqual({
      pair: 'cần 2',
      slots: { 1: 'dự bị' },
    });
    expect(introducerIssues({})).toEqual({ pair: null, slots: {} });
  });

  it('reports a term up to today while it runs, else to its end', () => {
    const q = { first_year: 2025, last_year: 2030 };
    expect(termPeriod(q, '2026-12-06')).toEqual({ from: '2025-01-01', to: '2026-12-06' });
    expect(termPeriod(q, '2031-02-01')).toEqual({ from: '2025-01-01', to: '2030-12-31' });
    expect(termPeriod({ first_year: 2020, last_year: 2024 }, '2026-12-06')).toEqual({ from: '2020-01-01', to: '2024-12-31' });
    const base = { set_by: 'x', target: 1 };
    const quotas = [
      { ...base, org_id: 1, period: 'term' as const, first_year: 2020, last_year: 2024 },
      { ...base, org_id: 1, period: 'year' as const, first_year: 2025, last_year: 2025 },
      { ...base, org_id: 2, period: 'term' as const, first_year: 2025, last_year: 2030 },
      { ...base, org_id: 1, period: 'term' as const, first_year: 2025, last_year: 2030 },
    ];
    expect(termsOf(quotas, 1).map((t) => t.first_year)).toEqual([2025, 2020]);
  });

  it('sends the calendar days in date order and counts them', () => {
    const body = calendarBody('provisional', ' dự kiến ', [
      { date: '2031-02-03', working: false, name: ' Tết ' },
      { date: '2031-01-01', working: false, name: 'Tết Dương lịch' },
      { date: '2031-02-08', working: true, name: 'Làm bù' },
    ]);
    expect(body.source).toBe('dự kiến');
    expect(body.days?.map((d) => d.date)).toEqual(['2031-01-01', '2031-02-03', '2031-02-08']);
    expect(body.days?.[1]?.name).toBe('Tết');
    expect(dayCounts({ days: body.days!.map((d) => ({ date: d.date!, working: d.working!, name: d.name! })) })).toEqual({ off: 2, worked: 1 });
    expect(weekday('2031-02-08')).toBe(6); // a Saturday
    expect(weekday('2026-12-06')).toBe(0); // a Sunday
  });
});
