import { describe, expect, it } from 'vitest';
import { columnOf, reportPeriod, stepBody, stepChoices } from './model';

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
});
