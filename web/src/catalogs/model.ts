// Pure helpers of the catalogs screen (danh mục).
import type { CatalogEntry } from '../api/types';
import { fold } from '../common/text';

/** The entries whose code, name or an alias contains what is typed, compared without marks (đ → d). */
export function filterEntries<E extends Pick<CatalogEntry, 'code' | 'name' | 'aliases'>>(entries: readonly E[], query: string): E[] {
  const q = fold(query);
  if (!q) return [...entries];
  return entries.filter((e) => [e.code, e.name, ...e.aliases].some((s) => fold(s).includes(q)));
}

/** The aliases typed as tags, trimmed, without empty ones and without repeats (compared without marks). */
export function cleanAliases(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = fold(tag);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** "01 · Thành phố Hà Nội": the successor code with its name in the replacing catalog when known. */
export function successorLabel(code: string | undefined, successors: readonly Pick<CatalogEntry, 'code' | 'name'>[]): string {
  if (!code) return '';
  const name = successors.find((e) => e.code === code)?.name;
  return name ? `${code} · ${name}` : code;
}

/** How many entries applying the commune list would write: added, changed, and the missing ones when retired. */
export function communeImportChanges(r: { added: { count: number }; changed: { count: number }; missing: { count: number } }, retireMissing: boolean): number {
  return r.added.count + r.changed.count + (retireMissing ? r.missing.count : 0);
}
