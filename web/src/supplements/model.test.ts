import { describe, expect, it } from 'vitest';
import type { SupplementCampaign } from '../api/types';
import { barWidth, chooseCampaign, defaultYear, updateDossierPath } from './model';

const campaign = (id: number, year: number): SupplementCampaign => ({
  id,
  org_id: 7,
  year,
  opened_on: `${year}-11-01`,
  due: null,
  opened_by: 'dangbocoso',
  closed: false,
});

describe('supplement helpers', () => {
  it('choose the campaign named in the address, else the newest', () => {
    const items = [campaign(3, 2026), campaign(1, 2025)];
    expect(chooseCampaign(items, 1)?.year).toBe(2025);
    expect(chooseCampaign(items, 99)?.year).toBe(2026);
    expect(chooseCampaign(items, null)?.id).toBe(3);
    expect(chooseCampaign([], null)).toBeNull();
  });

  it('draw the bar from the exact percent without changing its text', () => {
    expect(barWidth('38.12')).toBe(38.12);
    expect(barWidth('100.00')).toBe(100);
    expect(barWidth('')).toBe(0);
    expect(barWidth('abc')).toBe(0);
  });

  it('link a pending member to the dossier form with the campaign and the way back', () => {
    expect(updateDossierPath(1358, 4, '/orgs/7/supplements?c=4')).toBe('/members/1358/dossier/edit?supplement=4&back=%2Forgs%2F7%2Fsupplements%3Fc%3D4');
    expect(defaultYear('2026-11-23')).toBe(2026);
  });
});
