import { useEffect, useState } from 'react';
import { catalogApi } from '../api';
import type { CatalogEntry, DossierCatalog } from '../api/types';

// Catalogs change rarely: loaded once per page load and shared by every input that offers them.
const cache = new Map<DossierCatalog, Promise<CatalogEntry[]>>();

function load(kind: DossierCatalog): Promise<CatalogEntry[]> {
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
export function useCatalog(kind: DossierCatalog): CatalogEntry[] {
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
