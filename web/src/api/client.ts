// The one way the app talks to the server. The session is the HttpOnly cookie `tcxd_session` (never
// readable here); writes carry the CSRF token from the login answer / `GET /auth/me`, kept in memory
// only. Every failure becomes an `ApiError` with the server's Vietnamese message and field. Files go up
// as the raw request body (`file`); files come down through plain links to `apiUrl(...)` (the cookie
// authenticates GETs).
import { t } from '../i18n';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, field: string | null = null, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.fields = field && !(field in fields) ? { ...fields, [field]: message } : fields;
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request other than login answers 401 (session expired or logged out elsewhere). */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

export type Query = Record<string, string | number | undefined | null>;

/**
 * A query value percent-encoded down to the unreserved characters of RFC 3986. The server's strict
 * query parser answers 500 to a raw `*` (which `URLSearchParams` leaves as it is, so a search for
 * "a*" failed), `'`, `(`, `)`, `!` (left by `encodeURIComponent`) or `,`.
 */
export function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `path?k=v&…` with the empty, null and undefined values left out, in the order of `q`. */
export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') parts.push(`${encodeQueryValue(k)}=${encodeQueryValue(String(v))}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** The address of an API route, for links and downloads (`apiUrl('/members/export', {...})`). */
export const apiUrl = (path: string, q?: Query) => withQuery(`/api/v1${path}`, q);

interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A file sent as the raw request body (application/octet-stream) instead of a JSON `body`. */
  file?: Blob;
  query?: Query;
  signal?: AbortSignal;
  /** Do not call the unauthorized handler on 401 (login, session probe). */
  quiet401?: boolean;
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.file !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let resp: Response;
  try {
    resp = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('app.network'));
  }
  if (resp.status === 204) return undefined as T;
  let body: unknown = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const err = (body as { error?: { code?: string; message?: string; field?: string | null; fields?: Record<string, string> } } | null)
      ?.error;
    if (resp.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw new ApiError(resp.status, err?.code ?? 'internal', err?.message ?? t('app.unexpected'), err?.field ?? null, err?.fields ?? {});
  }
  return body as T;
}

/**
 * A file answered to a request with a JSON body (a preview of a draft): the bytes as a Blob, or the same
 * `ApiError` as `api` on failure.
 */
export async function apiBlob(path: string, opts: Options = {}): Promise<Blob> {
  const method = opts.method ?? 'POST';
  let resp: Response;
  try {
    resp = await fetch(apiUrl(path, opts.query), {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('app.network'));
  }
  if (resp.ok) return resp.blob();
  let body: unknown = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  const err = (body as { error?: { code?: string; message?: string; field?: string | null; fields?: Record<string, string> } } | null)?.error;
  if (resp.status === 401) onUnauthorized?.();
  throw new ApiError(resp.status, err?.code ?? 'internal', err?.message ?? t('app.unexpected'), err?.field ?? null, err?.fields ?? {});
}

export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;
