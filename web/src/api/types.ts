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
/** An organization as it was on a past date, with the members registered in its subtree that day. */
export type OrgAsOf = Organization & { has_children: boolean; counts: Counts };
export type StatusTally = Record<string, number>;
export type RestructureKind = Required<S['RestructureOutcome']>['kind'];
export type RestructureStep = Required<S['RestructureStep']>;
export type HandOver = Omit<Required<S['HandOver']>, 'before' | 'received' | 'after'> & {
  before: StatusTally;
  received: StatusTally;
  after: StatusTally;
};
export type RestructureOutcome = Omit<Required<S['RestructureOutcome']>, 'steps' | 'hand_overs'> & {
  steps: S['RestructureStep'][];
  hand_overs: HandOver[];
};
export type OrgEvent = Omit<Required<S['OrgEvent']>, 'hand_overs'> & { hand_overs: HandOver[] };
/** `before`/`after` are the record as JSON (the contract only says "object"). */
export type AuditEntry = Omit<Required<S['AuditEntry']>, 'before' | 'after'> & {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
export type ApiErrorBody = S['Error'];
/** A stored photo of a member, without its bytes (`PUT /members/{id}/photo`). */
export type MemberPhoto = Required<S['MemberPhoto']>;

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

/** One entry of a catalog (danh mục): `name` is what records store, `aliases` other accepted spellings. */
export type CatalogEntry = Required<Omit<S['CatalogEntry'], 'successor' | 'parent'>> & { successor?: string; parent?: string };
/** A catalog (danh mục) as `GET /catalogs` lists it: its kind and Vietnamese title. */
export type CatalogInfo = Required<S['CatalogKind']>;
/** The catalogs a dossier's coded fields are matched against. */
export type DossierCatalog = 'general_education' | 'professional_level' | 'academic_title' | 'political_theory' | 'state_management' | 'party_position';
/** Every catalog kind the server keeps. */
export type CatalogKind = DossierCatalog | 'ethnicity' | 'religion' | 'province' | 'province_pre2025' | 'commune';
/** What `POST /catalogs/{kind}` takes; `parent` is the province of a commune-level unit. */
export interface CatalogEntryInput {
  code: string;
  name: string;
  aliases: string[];
  parent?: string;
}
/** `POST /catalogs/commune/import`: the official list compared with the catalog (preview) or written (`applied`). */
export type CommuneImportReport = Omit<Required<S['CommuneImportReport']>, 'issues'> & { issues: ImportIssue[] };

type DossierBody = Required<S['Dossier']>;
type Row<K extends keyof DossierBody> = DossierBody[K] extends readonly (infer R)[] ? Required<R> : never;
export type Qualification = Row<'qualifications'>;
export type WorkPeriod = Row<'work_history'>;
export type Relative = Row<'family'>;
export type Introducer = Row<'introducers'>;
export type Badge = Row<'badges'>;
export type Interruption = Row<'interruptions'>;
/** The member dossier (hồ sơ đảng viên) as the server sends it: every field present, lists possibly empty. */
export type Dossier = Omit<
  DossierBody,
  'qualifications' | 'work_history' | 'family' | 'introducers' | 'badges' | 'interruptions' | 'card_issued_on'
> & {
  qualifications: Qualification[];
  work_history: WorkPeriod[];
  family: Relative[];
  introducers: Introducer[];
  badges: Badge[];
  interruptions: Interruption[];
  card_issued_on: string | null;
};
/** A dated version of the dossier; `dossier` comes with the history, not with the view. */
export type DossierVersion = Omit<Required<S['DossierVersion']>, 'dossier'> & { dossier?: Dossier };
export interface PartyAge {
  years: number;
  months: number;
  interrupted_days: number;
}
export interface NextBadge {
  years: number;
  due: string;
}
/** `GET /members/{id}/dossier?as_of=`: the version in force on `as_of` (null: none yet) and what follows from it. */
export interface DossierView {
  member: Member;
  as_of: string;
  version: DossierVersion | null;
  dossier: Dossier;
  party_age: PartyAge | null;
  next_badge: NextBadge | null;
  /** The register on `as_of`: the branch registered in that day and the status (null: not yet a member). */
  on_day: { org_id: number | null; branch_code: string; branch_name: string; status: MemberStatus | null } | null;
}

/** A yearly dossier supplement campaign (đợt bổ sung hồ sơ) opened by an organization for its subtree. */
export type SupplementCampaign = Omit<Required<S['SupplementCampaign']>, 'due'> & { due: string | null };
/** Counts of a campaign; `percent_done` is exact with two decimals ("38.12"). */
export type SupplementProgress = Required<S['SupplementProgress']>;
export type SupplementBranch = SupplementProgress & { org_id: number; code: string; name: string };
export interface SupplementPending {
  id: number;
  full_name: string;
  org_id: number;
}
/** `GET /supplements/{id}?org=`: the progress of the subtree of `shown`, per branch, and who is still pending. */
export interface SupplementView {
  campaign: SupplementCampaign;
  shown: { id: number; code: string; name: string };
  total: SupplementProgress;
  branches: SupplementBranch[];

  pending: SupplementPending[];
}
export type SupplementState = 'changed' | 'no_change';

// ---- admission (issue #5)
export type OrgBrief = Required<S['AdmissionOrgBrief']>;
export type AdmissionVotes = Required<S['AdmissionVotes']>;
export type AdmissionStep = Omit<Required<S['AdmissionStep']>, 'votes' | 'received_on' | 'deadline'> & {
  votes: AdmissionVotes | null;
  received_on: string | null;
  deadline: string | null;
};
export type AdmissionNext = Omit<Required<S['AdmissionNext']>, 'earliest' | 'deadline'> & {
  earliest: string | null;
  deadline: string | null;
};
/** A case (hồ sơ kết nạp); `steps` only on a single case. */
export type AdmissionCase = Omit<
  Required<S['AdmissionCase']>,
  'office' | 'next' | 'steps' | 'birth_date' | 'decision_date' | 'official_date' | 'member_id' | 'stopped_at' | 'verifications' | 'introducers' | 'introducer_issues'
> & {
  verifications: AdmissionVerification[];
  introducers: AdmissionIntroducer[];
  introducer_issues: Record<string, string>;
  office: OrgBrief | null;
  next: AdmissionNext | null;
  steps?: AdmissionStep[];
  birth_date: string | null;
  decision_date: string | null;
  official_date: string | null;
  member_id: number | null;
  stopped_at: string | null;
};
export type AdmissionStepInput = S['AdmissionStepInput'];
export type AdmissionStepKind = NonNullable<AdmissionStepInput['kind']>;
export type AdmissionVerification = Omit<Required<S['AdmissionVerification']>, 'answered'> & { answered: string | null };
export type AdmissionComment = Required<S['AdmissionComment']>;
/** An introducer as stored on the file: a member (by id, or typed by name) or the Youth Union / trade union. */
export interface AdmissionIntroducer {
  kind: 'member' | 'youth_union' | 'trade_union';
  member_id?: number;
  name?: string;
  official_since?: string | null;
  together_since?: string | null;
}
/** `GET /orgs/{id}/competent-committee`: who decides admissions for the subtree, and the committees that may be set. */
export type CompetentCommittee = Omit<Required<S['CompetentCommittee']>, 'setting' | 'effective' | 'set_on'> & {
  setting: OrgBrief | null;
  effective: OrgBrief | null;
  set_on: OrgBrief | null;
};
export type CalendarYear = Required<S['CalendarYear']>;
export type CalendarYearInput = S['CalendarYearInput'];
export type AdmissionQuota = Required<S['AdmissionQuota']>;
export type QuotaPeriod = AdmissionQuota['period'];
export interface AdmissionInbox {
  org: OrgBrief;
  waiting: AdmissionCase[];
  overdue: AdmissionCase[];
}

// ---- transfers (issue #7)
export type TransferOrgRef = Required<S['TransferOrgRef']>;
export type TransferStepKind = Required<S['TransferStep']>['kind'];
export type TransferStep = Omit<Required<S['TransferStep']>, 'deadline'> & { deadline: string | null };
export type TransferNext = Omit<Required<S['TransferNext']>, 'deadline'> & { deadline: string | null };
/** A transfer (chuyển sinh hoạt đảng) as both sides see it; `steps` only on a single case. */
export type TransferCase = Omit<
  Required<S['TransferCase']>,
  'to' | 'external' | 'letter' | 'next' | 'steps' | 'temporary_reason' | 'temporary_until'
> & {
  to: TransferOrgRef | null;
  external: { kind: string; label: string; name: string } | null;
  letter: { number: string; issued_by: string; fees_paid_to: string } | null;
  next: TransferNext | null;
  steps?: TransferStep[];
  temporary_reason: 'work_or_residence' | 'study' | null;
  temporary_until: string | null;
};
export type TransferInput = S['TransferInput'];
export type TransferStepInput = S['TransferStepInput'];
export type TransferBoard = Required<S['TransferBoard']> & {
  outgoing: TransferCase[];
  incoming: TransferCase[];
  overdue: TransferCase[];
};
export type DirectoryEntry = Required<S['DirectoryEntry']>;
export type TemporaryMember = Omit<Required<S['TemporaryMember']>, 'until'> & { until: string | null };
export type TransferBookRow = S['TransferBookRow'];
export type TransferBook = S['TransferBook'];
export type QuotaLine = Omit<Required<S['QuotaLine']>, 'target' | 'percent'> & { target: number | null; percent: string | null };
export type QuotaReport = Omit<Required<S['QuotaReport']>, 'total' | 'units'> & { total: QuotaLine; units: QuotaLine[] };

/** Annual rating (issue #6). Every property is sent (the schemas list them all as required). */
export type RatingLevel = 'excellent' | 'good' | 'completed' | 'not_completed';
export type RatingCampaign = S['RatingCampaign'];
export type RatingProgress = S['RatingProgress'];
export type RatingBoard = S['RatingBoard'];
export type MemberRating = S['MemberRating'];
export type CapCheck = S['CapCheck'];
export type RatingSheet = Omit<S['RatingSheet'], 'lines'> & { lines: RatingSheetLine[] };
export type RatingSheetLine = Omit<S['RatingSheet']['lines'][number], 'member'> & { member: Member };
export type RatingDecisionResult = S['RatingDecisionResult'];
export type OrgRating = S['OrgRating'];
export type RatingCriterion = S['RatingCriterion'];
/** One campaign covering a member as the member sees it (`GET /members/{id}/ratings`). */
export type MemberRatingCard = Omit<S['MemberRatingCard'], 'line'> & { line: RatingSheetLine };
export type RatingSummary = S['RatingSummary'];
export type RatingReport = S['RatingReport'];

/** A status change of a member with its decision (miễn, giảm, xóa tên, xin ra khỏi Đảng, khai trừ, từ trần). */
export type MemberEvent = Required<S['MemberEvent']>;
export type MemberEventKind = MemberEvent['kind'];
export type DecidingBody = MemberEvent['decision_body'];
export type RemovalGround = NonNullable<MemberEvent['ground']>;
/** `POST /members/{id}/events`. */
export type MemberEventInput = S['MemberEventInput'];
/** `GET /members/{id}/events`: the history, with the party age (stopped on leaving). */
export type MemberEvents = Omit<Required<S['MemberEvents']>, 'events'> & { events: MemberEvent[] };
export type MemberEventRecorded = Required<S['MemberEventRecorded']>;
/** `GET /orgs/{id}/watchlist`: the detection lists (danh sách cần rà soát), computed by the server. */
export type Watchlist = Required<S['Watchlist']>;
export type WatchList = Watchlist['lists'][number];
export type WatchItem = WatchList['items'][number];

export const MEMBER_EVENT_KINDS: readonly MemberEventKind[] = [
  'exemption',
  'exemption_end',
  'reduction',
  'removal',
  'withdrawal',
  'expulsion',
  'death',
];
export const DECIDING_BODIES: readonly DecidingBody[] = ['branch', 'grassroots', 'upper', 'province', 'central'];
export const REMOVAL_GROUNDS: readonly RemovalGround[] = [
  'inactive',
  'unpaid_fees',
  'card_returned',
  'no_progress',
  'standing_violation',
  'political_standard',
  'probation_failed',
];

// ---- document templates (docs/decisions/0011-document-templates.md)
export type DocFormat = 'pdf' | 'docx';
export type DocTemplateField = S['DocTemplateField'];
export type DocTemplateVersion = Required<S['DocTemplateVersion']>;
export type DocTemplateSummary = Pick<Required<S['DocTemplate']>, 'key' | 'label' | 'customized' | 'saved_by' | 'saved_at_ms'>;
export type DocTemplate = Required<S['DocTemplate']>;
export type AdmissionDocumentKind = 'branch_resolution' | 'committee_resolution' | 'decision' | 'ceremony';
