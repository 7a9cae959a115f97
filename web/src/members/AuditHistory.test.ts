import { describe, expect, it } from 'vitest';
import { actionLabel, changedFields } from './AuditHistory';

describe('audit history', () => {
  it('names actions in Vietnamese, unknown ones as they are', () => {
    expect(actionLabel('member.update')).toBe('Sửa hồ sơ');
    expect(actionLabel('member.read_denied')).toBe('Bị từ chối xem');
    expect(actionLabel('member.transfer')).toBe('member.transfer');
  });
  it('lists only the fields that changed, without bookkeeping fields', () => {
    const before = { id: 1, version: 1, residence: 'A', ethnicity: 'Kinh', status_label: 'Chính thức', card_number: '' };
    const after = { id: 1, version: 2, residence: 'B', ethnicity: 'Kinh', status_label: 'Chính thức', card_number: '12345678' };
    expect(changedFields({ before, after })).toEqual([
      { field: 'residence', before: 'A', after: 'B' },
      { field: 'card_number', before: '', after: '12345678' },
    ]);
    expect(changedFields({ before: null, after: null })).toEqual([]);
  });
});
