import { type Catalog, vi } from './vi';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of the catalog, e.g. `member.fields.full_name`. */
export type MessageKey = Leaves<Catalog>;
export type Params = Record<string, string | number>;

const catalog: Catalog = vi;

/** Looks a text up in `c`; `{name}` placeholders are replaced by `params.name`. Unknown keys return the key. */
export function translate(c: Catalog, key: string, params?: Params): string {
  let node: unknown = c;
  for (const part of key.split('.')) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  if (!params) return node;
  return node.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function t(key: MessageKey, params?: Params): string {
  return translate(catalog, key, params);
}

/** For keys computed at run time (an enum value from the server); falls back to `fallback`. */
export function tDynamic(key: string, fallback: string): string {
  const text = translate(catalog, key);
  return text === key ? fallback : text;
}
