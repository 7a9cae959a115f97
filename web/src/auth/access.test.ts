import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { canRunSupplements, canWriteMembers } from './access';

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

  it.each<[Role, boolean]>([
    ['admin', true],
    ['province', true],
    ['grassroots', true],
    ['branch', false],
    ['member', false],
  ])('%s may open and close supplement campaigns: %s', (role, may) => {
    expect(canRunSupplements({ role })).toBe(may);
  });
});
