// Endpoints used by the app, one function each.
import { api } from './client';
import type { AuditEntry, Member, OrgStats, OrgView, Page, Session } from './types';

export interface MemberQuery {
  org?: number;
  q?: string;
  status?: string;
  gender?: string;
  age_min?: number;
  age_max?: number;
  ethnicity?: string;
  limit?: number;
  cursor?: string | null;
}

export const authApi = {
  login: (login: string, password: string) =>
    api<Session>('/auth/login', { method: 'POST', body: { login, password }, quiet401: true }),
  logout: () => api<undefined>('/auth/logout', { method: 'POST', quiet401: true }),
  me: () => api<Session>('/auth/me', { quiet401: true }),
  changePassword: (old_password: string, new_password: string) =>
    api<undefined>('/auth/password', { method: 'POST', body: { old_password, new_password } }),
};

export const orgApi = {
  roots: () => api<Page<OrgView>>('/orgs'),
  get: (id: number, signal?: AbortSignal) => api<OrgView>(`/orgs/${id}`, { signal }),
  children: (id: number) => api<Page<OrgView>>(`/orgs/${id}/children`),
  stats: (id: number, year: number, signal?: AbortSignal) => api<OrgStats>(`/orgs/${id}/stats`, { query: { year }, signal }),
};

export const memberApi = {
  list: (q: MemberQuery, signal?: AbortSignal) =>
    api<Page<Member>>('/members', { query: { ...q, cursor: q.cursor ?? undefined }, signal }),
  get: (id: number, signal?: AbortSignal) => api<Member>(`/members/${id}`, { signal }),
  create: (body: Record<string, unknown>) => api<Member>('/members', { method: 'POST', body }),
  update: (id: number, body: Record<string, unknown>) => api<Member>(`/members/${id}`, { method: 'PATCH', body }),
  audit: (id: number, before?: string | null) =>
    api<Page<AuditEntry>>(`/members/${id}/audit`, { query: { before: before ?? undefined, limit: 50 } }),
};
