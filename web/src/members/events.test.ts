import { describe, expect, it } from 'vitest';
import { availableEvents, defaultBody, hasPeriod, isLeaving, returnsCard } from './events';

describe('member events', () => {
  it('offer what the member state allows', () => {
    expect(availableEvents('official', false)).toEqual(['exemption', 'reduction']);
    expect(availableEvents('official', true)).toEqual(['exemption', 'reduction', 'removal', 'withdrawal', 'expulsion', 'death']);
    expect(availableEvents('probationary', true)).not.toContain('expulsion');
    expect(availableEvents('exempt', false)).toEqual(['exemption_end']);
    expect(availableEvents('exempt', true)).toContain('death');
    for (const s of ['removed', 'expelled', 'withdrew', 'deceased', 'transferred_out', 'temporary'] as const) {
      expect(availableEvents(s, true)).toEqual([]);
    }
  });
  it('know periods, the card and the usual body', () => {
    expect(hasPeriod('reduction')).toBe(true);
    expect(hasPeriod('death')).toBe(false);
    expect(returnsCard('expulsion')).toBe(true);
    expect(returnsCard('death')).toBe(false);
    expect(isLeaving('exemption_end')).toBe(false);
    expect(defaultBody('removal')).toBe('grassroots');
    expect(defaultBody('exemption')).toBe('branch');
  });
});
