import { useEffect, useState } from 'react';
import { catalogApi } from '../api';
import type { CatalogEntry, CatalogKind } from '../api/types';

// Catalogs change rarely: loaded once per page load and shared by every input that offers them
// (the catalogs screen forgets a catalog it has just changed).
const cache = new Map<CatalogKind, Promise<CatalogEntry[]>>();

/** Forgets the loaded entries of `kind`: the next input that asks reads them again. */
export function invalidateCatalog(kind: CatalogKind | string): void {
  cache.delete(kind as CatalogKind);
}

function load(kind: CatalogKind): Promise<CatalogEntry[]> {
  let p = cache.get(kind);
  if (!p) {
    p = catalogApi.list(kind).then(
      (page) => page.items,
      (e: unknown) => {
        cache.delete(kind); // tried again by the next input that asks
        throw e;
      },
    );
    cache.set(kind, p);
  }
  return p;
}

/** The entries of a catalog ([] while loading or when it cannot be read: the input then takes free text only). */
export function useCatalog(kind: CatalogKind): CatalogEntry[] {
  const [entries, setEntries] = useState<CatalogEntry[]>([]);
  useEffect(() => {
    let live = true;
    load(kind).then(
      (items) => live && setEntries(items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind]);
  return entries;
}
