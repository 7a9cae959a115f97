// Pure helpers of the supplement screens.
import type { SupplementCampaign } from '../api/types';

/** The campaign the address names (`?c=ID`), else the newest; null when there is none. */
export function chooseCampaign(items: readonly SupplementCampaign[], wanted: number | null): SupplementCampaign | null {
  return items.find((c) => c.id === wanted) ?? items[0] ?? null;
}

/**
 * The width of a progress bar for the server's exact percent ("38.12"): a number for drawing only; the
 * text shown is always the server's string.
 */
export function barWidth(percentDone: string): number {
  const n = Number(percentDone);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : 0;
}

/** The address of the dossier form for a pending member, counting the update in the campaign and coming back to the board. */
export function updateDossierPath(memberId: number, campaignId: number, boardPath: string): string {
  return `/members/${memberId}/dossier/edit?supplement=${campaignId}&back=${encodeURIComponent(boardPath)}`;
}

/** The years a committee may open: from 2000 to next year (the server's rule), the current year first. */
export function defaultYear(todayIso: string): number {
  return Number(todayIso.slice(0, 4));
}
