// Types of the API, from the contract (../src/http/openapi.json → openapi.gen.ts, generated before
// every lint, test and build; never edited). The server always sends every property, so the generated
// optional properties are made required here.
import type { components } from './openapi.gen';

type S = components['schemas'];

export type Member = Required<S['Member']>;
export type MemberStatus = Member['status'];
export type Gender = Member['gender'];
export type Account = Required<S['Account']>;
export type Role = Account['role'];
export type Session = { user: Account; csrf_token: string };
export type Counts = Required<S['Counts']>;
export type Organization = Required<S['Organization']>;
export type OrgView = Organization & { has_children: boolean; counts: Counts };
/** `before`/`after` are the record as JSON (the contract only says "object"). */
export type AuditEntry = Omit<Required<S['AuditEntry']>, 'before' | 'after'> & {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
export type ApiErrorBody = S['Error'];

export interface Page<T> {
  items: T[];
  next: string | null;
  total?: number;
}

export const MEMBER_STATUSES: readonly MemberStatus[] = [
  'probationary',
  'official',
  'temporary',
  'exempt',
  'removed',
  'expelled',
  'withdrew',
  'deceased',
  'transferred_out',
];

/**
 * `GET /orgs/{id}/stats?year=YYYY` — being added to the server (issue #3 needs it); not yet in the
 * OpenAPI file, so written out here. The dashboard falls back to `GET /orgs/{id}` counts without it.
 */
export interface AgeBand {
  label: string;
  min: number | null;
  max: number | null;
  count: number;
  /** Share of the counted membership, exact with two decimals ("38.12"). */
  percent?: string;
}
export interface OrgStats {
  org_id: number;
  as_of: string;
  year: number;
  by_status: Record<MemberStatus, number>;
  counted: number;
  female: number;
  female_percent: string;
  admitted_in_year: number;
  age_bands: AgeBand[];
  /** Counted members without a birth date (not in any band). */
  age_unknown?: number;
}
