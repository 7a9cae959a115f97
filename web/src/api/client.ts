// The one way the app talks to the server. The session is the HttpOnly cookie `tcxd_session` (never
// readable here); writes carry the CSRF token from the login answer / `GET /auth/me`, kept in memory
// only. Every failure becomes an `ApiError` with the server's Vietnamese message and field.
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

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

interface Options {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not call the unauthorized handler on 401 (login, session probe). */
  quiet401?: boolean;
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let resp: Response;
  try {
    resp = await fetch(withQuery(`/api/v1${path}`, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
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

export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;
