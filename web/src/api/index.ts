// Endpoints used by the app, one function each.
import { api, apiBlob, apiUrl } from './client';
import type {
  AdmissionDocumentKind,
  DocFormat,
  DocTemplate,
  DocTemplateSummary,
  DirectoryEntry,
  TemporaryMember,
  TransferBoard,
  TransferBook,
  TransferCase,
  TransferInput,
  TransferStepInput,
  AdmissionCase,
  AdmissionInbox,
  AdmissionQuota,
  CalendarYear,
  CalendarYearInput,
  CompetentCommittee,
  AdmissionStepInput,
  AuditEntry,
  CatalogEntry,
  CatalogEntryInput,
  CatalogInfo,
  CatalogKind,
  CommuneImportReport,
  Dossier,
  DossierVersion,
  DossierView,
  ImportReport,
  Member,
  MemberPhoto,
  OrgAsOf,
  OrgEvent,
  MemberEventInput,
  MemberEventRecorded,
  MemberEvents,
  OrgStats,
  OrgView,
  RestructureOutcome,
  QuotaReport,
  MemberRating,
  MemberRatingCard,
  OrgRating,
  Page,
  RatingBoard,
  RatingCampaign,
  RatingDecisionResult,
  RatingReport,
  RatingSheet,
  Session,
  SupplementCampaign,
  SupplementState,
  SupplementView,
  Watchlist,
} from './types';

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

/** What `GET /members/export` writes: the list (the import columns) or the member book (Mẫu 7-HSĐV). */
export type ExportFormat = 'xlsx' | 'csv' | 'pdf';
export type ExportLayout = 'list' | 'book';

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
  /** The dashboard's figures of `year`, today or as of a past day (`asOf`, YYYY-MM-DD). */
  stats: (id: number, year: number, signal?: AbortSignal, asOf?: string) =>
    api<OrgStats>(`/orgs/${id}/stats`, { query: { year, as_of: asOf }, signal }),
  /** The organization / its units as they were on `asOf` (YYYY-MM-DD): names, parents and member counts of that day. */
  getAsOf: (id: number, asOf: string) => api<OrgAsOf>(`/orgs/${id}`, { query: { as_of: asOf } }),
  childrenAsOf: (id: number, asOf: string) => api<Page<OrgAsOf>>(`/orgs/${id}/children`, { query: { as_of: asOf } }),
  /** A restructuring by decision; `dryRun` previews the plan and the hand-over without writing. */
  restructure: (body: Record<string, unknown>, dryRun: boolean) =>
    api<RestructureOutcome>('/orgs/restructure', { method: 'POST', body, query: { dry_run: dryRun ? 1 : 0 } }),
  restructures: (id: number) => api<{ items: OrgEvent[] }>(`/orgs/${id}/restructures`),
};

export const memberApi = {
  list: (q: MemberQuery, signal?: AbortSignal) =>
    api<Page<Member>>('/members', { query: { ...q, cursor: q.cursor ?? undefined }, signal }),
  get: (id: number, signal?: AbortSignal) => api<Member>(`/members/${id}`, { signal }),
  create: (body: Record<string, unknown>) => api<Member>('/members', { method: 'POST', body }),
  update: (id: number, body: Record<string, unknown>) => api<Member>(`/members/${id}`, { method: 'PATCH', body }),
  audit: (id: number, before?: string | null) =>
    api<Page<AuditEntry>>(`/members/${id}/audit`, { query: { before: before ?? undefined, limit: 50 } }),
  /** Sends the spreadsheet itself: `apply` false checks and reports (writes nothing), true writes. */
  importFile: (orgId: number, file: Blob, apply: boolean, skipInvalid = false) =>
    api<ImportReport>(`/orgs/${orgId}/members/import`, {
      method: 'POST',
      file,
      query: { dry_run: apply ? 0 : 1, skip_invalid: skipInvalid ? 1 : 0 },
    }),
  /** A link that downloads the whole filtered list (the list's filter, without paging). */
  exportUrl: (q: MemberQuery, format: ExportFormat, layout: ExportLayout) =>
    apiUrl('/members/export', {
      org: q.org,
      q: q.q,
      status: q.status,
      gender: q.gender,
      age_min: q.age_min,
      age_max: q.age_max,
      ethnicity: q.ethnicity,
      format,
      layout,
    }),
  importTemplateUrl: () => apiUrl('/members/import-template'),
  /** The member sheet (phiếu đảng viên) as PDF, opened in the browser's viewer. */
  sheetUrl: (id: number) => apiUrl(`/members/${id}/sheet`),
  /** The member CV (lý lịch đảng viên, Mẫu 1-HSĐV) as PDF. */
  cvUrl: (id: number) => apiUrl(`/members/${id}/cv`),
  /** The photo file (404 when there is none); `v` changes the address after an upload or a removal. */
  photoUrl: (id: number, v?: number) => apiUrl(`/members/${id}/photo`, { v }),
  /** Sends the image itself (JPEG or PNG); the server checks its bytes and replaces any photo. */
  uploadPhoto: (id: number, file: Blob) => api<MemberPhoto>(`/members/${id}/photo`, { method: 'PUT', file }),
  deletePhoto: (id: number) => api<undefined>(`/members/${id}/photo`, { method: 'DELETE' }),
};

/** What `PUT /members/{id}/dossier` takes: the whole dossier, in force from `valid_from`. */
export interface DossierPut {
  valid_from: string;
  note: string;
  dossier: Dossier;
  /** Also counts the member as "changed" in this yearly supplement campaign. */
  supplement_id?: number;
}

export const dossierApi = {
  /** The dossier in force on `asOf` (YYYY-MM-DD; the server's today when absent). */
  get: (memberId: number, asOf?: string, signal?: AbortSignal) =>
    api<DossierView>(`/members/${memberId}/dossier`, { query: { as_of: asOf }, signal }),
  put: (memberId: number, body: DossierPut) => api<DossierVersion>(`/members/${memberId}/dossier`, { method: 'PUT', body }),
  history: (memberId: number, signal?: AbortSignal) =>
    api<{ items: DossierVersion[] }>(`/members/${memberId}/dossier/history`, { signal }),
};

const catalogPath = (kind: string, code?: string) =>
  code === undefined ? `/catalogs/${encodeURIComponent(kind)}` : `/catalogs/${encodeURIComponent(kind)}/${encodeURIComponent(code)}`;

export const catalogApi = {
  /** The catalogs and their Vietnamese titles. */
  kinds: (signal?: AbortSignal) => api<Page<CatalogInfo>>('/catalogs', { signal }),
  /** Every entry of a catalog, retired ones included, in display order. */
  list: (kind: CatalogKind | string, signal?: AbortSignal) => api<Page<CatalogEntry>>(catalogPath(kind), { signal }),
  /** Administrators only (403 otherwise; 422 with field errors on code, name, aliases). */
  add: (kind: string, body: CatalogEntryInput) => api<CatalogEntry>(catalogPath(kind), { method: 'POST', body }),
  setRetired: (kind: string, code: string, retired: boolean) =>
    api<CatalogEntry>(catalogPath(kind, code), { method: 'PATCH', body: { retired } }),
  /** 409 with the server's message when the entry is built-in or used by members (it can then only be retired). */
  remove: (kind: string, code: string) => api<undefined>(catalogPath(kind, code), { method: 'DELETE' }),
  /** The official list of commune-level units: a preview, or applied (all or nothing; 409 when rows are bad). */
  importCommunes: (file: Blob, apply: boolean, retireMissing: boolean) =>
    api<CommuneImportReport>('/catalogs/commune/import', {
      method: 'POST',
      file,
      query: { dry_run: apply ? 0 : 1, retire_missing: retireMissing ? 1 : 0 },
    }),
};

export const supplementApi = {
  /** The campaigns covering the organization (opened by it or above it), newest first. */
  list: (orgId: number, signal?: AbortSignal) => api<{ items: SupplementCampaign[] }>(`/orgs/${orgId}/supplements`, { signal }),
  open: (orgId: number, year: number, due: string | null) =>
    api<SupplementCampaign>(`/orgs/${orgId}/supplements`, { method: 'POST', body: { year, due } }),
  view: (id: number, orgId?: number, signal?: AbortSignal) => api<SupplementView>(`/supplements/${id}`, { query: { org: orgId }, signal }),
  mark: (id: number, memberId: number, state: SupplementState) =>
    api<undefined>(`/supplements/${id}/members/${memberId}`, { method: 'PUT', body: { state } }),
  close: (id: number) => api<undefined>(`/supplements/${id}/close`, { method: 'POST' }),
};

export const ratingApi = {
  /** The rating campaigns covering the organization (opened by it or above it), newest first. */
  list: (orgId: number, signal?: AbortSignal) => api<{ items: RatingCampaign[] }>(`/orgs/${orgId}/ratings`, { signal }),
  open: (orgId: number, body: { year: number; quarter?: number; rating_date?: string | null; self_due?: string | null; decision_due?: string | null }) =>
    api<RatingCampaign>(`/orgs/${orgId}/ratings`, { method: 'POST', body }),
  board: (id: number, orgId?: number, signal?: AbortSignal) => api<RatingBoard>(`/ratings/${id}`, { query: { org: orgId }, signal }),
  sheet: (id: number, branchId: number, signal?: AbortSignal) => api<RatingSheet>(`/ratings/${id}/branches/${branchId}`, { signal }),
  selfAssess: (id: number, memberId: number, body: Record<string, unknown>) =>
    api<MemberRating>(`/ratings/${id}/members/${memberId}/self`, { method: 'PUT', body }),
  /** The committee's decisions for one branch; `dry_run` returns the cap meter without writing. */
  decide: (id: number, body: { org_id: number; entries: unknown[]; dry_run?: boolean }, signal?: AbortSignal) =>
    api<RatingDecisionResult>(`/ratings/${id}/decisions`, { method: 'POST', body, signal }),
  /** The campaigns covering a member, each with the member's line (a member account reads its own). */
  mine: (memberId: number, signal?: AbortSignal) => api<{ items: MemberRatingCard[] }>(`/members/${memberId}/ratings`, { signal }),
  propose: (id: number, memberId: number, level: string, note: string) =>
    api<MemberRating>(`/ratings/${id}/members/${memberId}/proposal`, { method: 'PUT', body: { level, note } }),
  rateOrg: (id: number, orgId: number, body: Record<string, unknown>) => api<OrgRating>(`/ratings/${id}/orgs/${orgId}`, { method: 'PUT', body }),
  downgrade: (id: number, memberId: number, level: string, reason: string) =>
    api<MemberRating>(`/ratings/${id}/members/${memberId}/downgrade`, { method: 'POST', body: { level, reason } }),
  close: (id: number) => api<undefined>(`/ratings/${id}/close`, { method: 'POST' }),
  /** `asOf`: the structure of that day (its units, each with the branches under it that day). */
  report: (orgId: number, year: number, quarter: number, signal?: AbortSignal, asOf?: string | null) =>
    api<RatingReport>(`/orgs/${orgId}/rating-report`, { query: { year, quarter: quarter || undefined, as_of: asOf }, signal }),
  /** The report as an Excel file (a plain link: the cookie authenticates the GET). */
  reportXlsxUrl: (orgId: number, year: number, quarter = 0, asOf?: string | null) =>
    apiUrl(`/orgs/${orgId}/rating-report`, { year, quarter: quarter || undefined, as_of: asOf, format: 'xlsx' }),
  /** The member's rating form (Mẫu 2A) of a campaign, from the template in force. */
  memberFormUrl: (id: number, memberId: number, format: DocFormat) =>
    apiUrl(`/ratings/${id}/members/${memberId}/form`, { format }),
  /** The collective report of the subtree (Mẫu 01-style) from the template in force. */
  reportDocumentUrl: (orgId: number, year: number, format: DocFormat, quarter = 0) =>
    apiUrl(`/orgs/${orgId}/rating-report/document`, { year, quarter: quarter || undefined, format }),
};

export const admissionApi = {
  /** The cases of a subtree, newest first (`stage`: one stage, or "open"). */
  list: (orgId: number, stage?: string, signal?: AbortSignal) =>
    api<{ items: AdmissionCase[] }>('/admission/cases', { query: { org: orgId, stage }, signal }),
  get: (id: number, signal?: AbortSignal) => api<AdmissionCase>(`/admission/cases/${id}`, { signal }),
  create: (body: Record<string, unknown>) => api<AdmissionCase>('/admission/cases', { method: 'POST', body }),
  /** 422 naming the field, 403 when the step is not the caller's to record, 409 when recorded already. */
  step: (id: number, body: AdmissionStepInput) => api<AdmissionCase>(`/admission/cases/${id}/steps`, { method: 'POST', body }),
  audit: (id: number, signal?: AbortSignal) => api<Page<AuditEntry>>(`/admission/cases/${id}/audit`, { signal }),
  inbox: (orgId: number, signal?: AbortSignal) => api<AdmissionInbox>('/admission/inbox', { query: { org: orgId }, signal }),
  /** `asOf`: the structure of that day (the units then, each with the branches under it that day). */
  report: (orgId: number, from: string, to: string, signal?: AbortSignal, asOf?: string | null) =>
    api<QuotaReport>(`/orgs/${orgId}/admission-report`, { query: { period: 'year', from, to, as_of: asOf }, signal }),
  reportXlsxUrl: (orgId: number, from: string, to: string, asOf?: string | null) =>
    apiUrl(`/orgs/${orgId}/admission-report`, { period: 'year', from, to, as_of: asOf, format: 'xlsx' }),
  /** A document of the case (resolutions, decision, ceremony minutes) from the template in force. */
  documentUrl: (id: number, kind: AdmissionDocumentKind, format: DocFormat) =>
    apiUrl(`/admission/cases/${id}/documents/${kind}`, { format }),
  setQuota: (orgId: number, year: number, target: number) =>
    api<unknown>(`/orgs/${orgId}/admission-quotas`, { method: 'PUT', body: { period: 'year', first_year: year, target } }),
  /** Completes the file: `body` holds `version` and the fields changed (verifications, comments, introducers, …). */
  update: (id: number, body: Record<string, unknown>) => api<AdmissionCase>(`/admission/cases/${id}`, { method: 'PATCH', body }),
  /** The report for a term: `period: 'term'` measures against the term's target. */
  termReport: (orgId: number, from: string, to: string, signal?: AbortSignal) =>
    api<QuotaReport>(`/orgs/${orgId}/admission-report`, { query: { period: 'term', from, to }, signal }),
  termReportXlsxUrl: (orgId: number, from: string, to: string) =>
    apiUrl(`/orgs/${orgId}/admission-report`, { period: 'term', from, to, format: 'xlsx' }),
  /** The quotas of the organization and its children (years and terms). */
  quotas: (orgId: number, signal?: AbortSignal) => api<{ items: AdmissionQuota[] }>(`/orgs/${orgId}/admission-quotas`, { signal }),
  setTermQuota: (orgId: number, firstYear: number, lastYear: number, target: number) =>
    api<AdmissionQuota>(`/orgs/${orgId}/admission-quotas`, { method: 'PUT', body: { period: 'term', first_year: firstYear, last_year: lastYear, target } }),
  competence: (orgId: number, signal?: AbortSignal) => api<CompetentCommittee>(`/orgs/${orgId}/competent-committee`, { signal }),
  /** `committeeId` null returns the subtree to the default committee. */
  setCompetence: (orgId: number, committeeId: number | null) =>
    api<undefined>(`/orgs/${orgId}/competent-committee`, { method: 'PUT', body: { committee_id: committeeId } }),
  calendar: (signal?: AbortSignal) => api<{ years: CalendarYear[] }>('/admission/calendar', { signal }),
  setCalendarYear: (year: number, body: CalendarYearInput) => api<undefined>(`/admission/calendar/${year}`, { method: 'PUT', body }),
};

export const memberEventApi = {
  list: (memberId: number, signal?: AbortSignal) => api<MemberEvents>(`/members/${memberId}/events`, { signal }),
  record: (memberId: number, body: MemberEventInput) =>
    api<MemberEventRecorded>(`/members/${memberId}/events`, { method: 'POST', body }),
  watchlist: (orgId: number, signal?: AbortSignal) => api<Watchlist>(`/orgs/${orgId}/watchlist`, { signal }),
};

export const transferApi = {
  /** The board of an organization: outgoing, incoming, overdue (`state`: one state, or "open"). */
  board: (orgId: number, state?: string, signal?: AbortSignal) =>
    api<TransferBoard>(`/orgs/${orgId}/transfers`, { query: { state }, signal }),
  ofMember: (memberId: number, signal?: AbortSignal) =>
    api<{ items: TransferCase[] }>('/transfers', { query: { member_id: memberId }, signal }),
  get: (id: number, signal?: AbortSignal) => api<TransferCase>(`/transfers/${id}`, { signal }),
  /** 422 naming the field; 409 for a member under review or with an open case. */
  create: (body: TransferInput) => api<TransferCase>('/transfers', { method: 'POST', body }),
  /** 403 when the step is the other side's, 409 when recorded already or the case changed meanwhile. */
  step: (id: number, body: TransferStepInput) => api<TransferCase>(`/transfers/${id}/steps`, { method: 'POST', body }),
  directory: (q: string, signal?: AbortSignal) => api<{ items: DirectoryEntry[] }>('/orgs/directory', { query: { q }, signal }),
  temporaryMembers: (orgId: number, signal?: AbortSignal) =>
    api<{ items: TemporaryMember[] }>(`/orgs/${orgId}/temporary-members`, { signal }),
  /** The introduction letter (giấy giới thiệu) as PDF, opened in the browser's viewer; 404 before the letter. */
  letterUrl: (id: number) => apiUrl(`/transfers/${id}/letter.pdf`),
  /** The transfer book (Mẫu 10-SHĐ) of an issuing committee for a year: its letters in number order. */
  book: (orgId: number, year: number, signal?: AbortSignal) =>
    api<TransferBook>(`/orgs/${orgId}/transfer-book`, { query: { year }, signal }),
  bookUrl: (orgId: number, year: number, format: 'pdf' | 'xlsx') => apiUrl(`/orgs/${orgId}/transfer-book`, { year, format }),
};

export const docTemplateApi = {
  list: (signal?: AbortSignal) => api<{ items: DocTemplateSummary[] }>('/document-templates', { signal }),
  get: (key: string, signal?: AbortSignal) => api<DocTemplate>(`/document-templates/${encodeURIComponent(key)}`, { signal }),
  /** Administrators only; 422 with fields.line and fields.column when the text has a mistake (nothing stored). */
  save: (key: string, text: string) => api<DocTemplate>(`/document-templates/${encodeURIComponent(key)}`, { method: 'PUT', body: { text } }),
  /** Back to the built-in template; 409 when it is already in force. */
  reset: (key: string) => api<DocTemplate>(`/document-templates/${encodeURIComponent(key)}/reset`, { method: 'POST' }),
  /** The draft rendered with sample values, as a PDF; the same 422 as `save`. */
  preview: (key: string, text: string) =>
    apiBlob(`/document-templates/${encodeURIComponent(key)}/preview`, { method: 'POST', body: { text }, query: { format: 'pdf' } }),
};
