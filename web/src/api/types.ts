// Types of the API, from the contract (../src/http/openapi.json → openapi.gen.ts, generated before
// every lint, test and build; never edited). The server always sends every property, so the generated
// optional properties are made required here.
import type { components, paths } from './openapi.gen';

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

/** One problem of an imported row: `row` as Excel numbers it, `column` as the file's header writes it. */
export type ImportIssue = Required<S['ImportIssue']>;
/** A valid row of the file as the member it would become (no id yet), with its row and branch code. */
export type ImportPreviewRow = Omit<Member, 'id' | 'version' | 'org_id' | 'org_code' | 'org_name'> & { row: number; branch: string };
/** `POST /orgs/{id}/members/import`: what the file holds (preview) or what was written (`applied`). */
export type ImportReport = Omit<Required<S['ImportReport']>, 'issues' | 'preview'> & {
  issues: ImportIssue[];
  preview: ImportPreviewRow[];
};

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

type StatsBody = paths['/api/v1/orgs/{id}/stats']['get']['responses'][200]['content']['application/json'];
type AgeBandBody = StatsBody['age_bands'][number];

/** One age band of `GET /orgs/{id}/stats`; `percent` is exact with two decimals ("38.12"). */
export type AgeBand = Required<Omit<AgeBandBody, 'min' | 'max' | 'percent'>> & {
  min: number | null;
  max: number | null;
  percent?: string;
};
/** `GET /orgs/{id}/stats?year=YYYY`: the dashboard's figures for a subtree. */
export type OrgStats = Omit<StatsBody, 'age_bands' | 'age_unknown' | 'probationary'> & {
  age_bands: AgeBand[];
  age_unknown?: number;
  probationary?: number;
};
