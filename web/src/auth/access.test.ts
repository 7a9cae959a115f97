import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { canWriteMembers } from './access';

describe('access', () => {
  it.each<[Role, boolean]>([
    ['admin', true],
    ['province', true],
    ['grassroots', true],
    ['branch', true],
    ['member', false],
  ])('%s may write members: %s', (role, may) => {
    expect(canWriteMembers({ role })).toBe(may);
  });
});
