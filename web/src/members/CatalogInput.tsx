import { AutoComplete } from 'antd';
import type { CatalogKind } from '../api/types';
import { catalogOptions } from './dossier';
import { useCatalog } from './useCatalog';

/**
 * A text input offering the entries in use of a catalog (typed without marks too, or by another
 * spelling); any other text is allowed: the server matches it against the catalog again.
 */
export function CatalogInput({ kind, value, onChange, id, maxLength }: { kind: CatalogKind; value?: string; onChange?: (v: string) => void; id?: string; maxLength?: number }) {
  const entries = useCatalog(kind);
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={onChange}
      options={catalogOptions(entries, value ?? '')}
      allowClear
      maxLength={maxLength}
      style={{ width: '100%' }}
      data-testid={`catalog-input-${kind}`}
    />
  );
}
