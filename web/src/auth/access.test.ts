import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { canEditCalendar, canEditCatalogs, canRunSupplements, canSeeCatalogs, canSetCompetence, canWriteMembers } from './access';

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

  it.each<[Role, boolean, boolean]>([
    ['admin', true, true],
    ['province', true, false],
    ['grassroots', true, false],
    ['branch', true, false],
    ['member', false, false],
  ])('%s sees the catalogs: %s, edits them: %s', (role, sees, edits) => {
    expect(canSeeCatalogs({ role })).toBe(sees);
    expect(canEditCatalogs({ role })).toBe(edits);
  });

  it.each<[Role, boolean, boolean]>([
    ['admin', true, true],
    ['province', true, false],
    ['grassroots', false, false],
    ['branch', false, false],
    ['member', false, false],
  ])('%s may set the competent committee: %s, edit the working-day calendar: %s', (role, competence, calendar) => {
    expect(canSetCompetence({ role })).toBe(competence);
    expect(canEditCalendar({ role })).toBe(calendar);
  });
});
