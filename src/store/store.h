// The store: one implementation of every query, over two database drivers (db.h).
// Every write runs in one transaction (Store::Write): the change, its aggregates and its audit entry
// commit together or not at all.
#pragma once

#include <array>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "domain/account.h"
#include "domain/admission.h"
#include "domain/admission_quota.h"
#include "domain/catalog.h"
#include "domain/member.h"
#include "domain/member_event.h"
#include "domain/member_timeline.h"
#include "domain/org.h"
#include "domain/rating.h"
#include "domain/rating_stats.h"
#include "domain/supplement.h"
#include "domain/transfer.h"
#include "domain/workcal.h"
#include "store/db.h"

namespace tcxd::store {

struct StatusCounts {
  std::array<int64_t, kMemberStatusCount> by_status{};  // indexed by MemberStatus
  int64_t female_counted = 0;                           // women among counted members
  int64_t Counted() const;                              // probationary + official + exempt
};

// Facts of a subtree computed by one pass over its members (for the dashboard).
struct SubtreeFacts {
  int64_t admitted_in_year = 0;  // admission decision within the year, whatever the status since
  std::vector<int64_t> in_band;  // counted members born within each requested range
};

struct MemberQuery {
  Organization subtree;                // REQUIRES: a stored organization (path and depth set)
  std::string q;                       // raw search text; folded and split into word prefixes
  std::vector<MemberStatus> statuses;  // empty = any
  std::optional<Gender> gender;
  std::optional<Date> born_from;  // inclusive
  std::optional<Date> born_to;    // inclusive
  std::string ethnicity;
  int limit = 50;
  int64_t after_rank = 0;  // keyset cursor: the sort rank of the last row seen
  // Searches in subtrees of at most this many members scan the subtree in name order; larger ones use
  // the full-text index (SQLite), which streams matches of the whole register in name order (PostgreSQL:
  // this many rows are walked first, then its GIN index). Negative: about 2 * sqrt(register size), the
  // measured best (docs/benchmarks.md). Tests set it to force either plan.
  int64_t small_subtree_limit = -1;
};

// One stored version of a member's dossier; the dossier itself as JSON (the app layer reads it).
struct DossierRow {
  int64_t id = 0;
  int64_t member_id = 0;
  Date valid_from;
  int64_t recorded_at_ms = 0;
  std::string recorded_by;
  std::string note;
  std::string data_json;
};

// Supplement progress of one branch.
struct BranchSupplementProgress {
  OrgId branch;
  std::string code;
  std::string name;
  SupplementProgress progress;
};

// ---- annual rating (issue #6; src/store/sql_rating.cpp)
enum class RatingCampaignState { kOpen, kClosed };

struct RatingCampaign {
  int64_t id = 0;
  OrgId org_id;  // the committee that opened it, for its subtree
  RatingPeriod period;
  // The timeline: self-assessment, branch review and proposal, grassroots committee, decision.
  std::optional<Date> self_due;
  std::optional<Date> branch_due;
  std::optional<Date> committee_due;
  std::optional<Date> decision_due;
  RatingCampaignState state = RatingCampaignState::kOpen;
  Date opened_on;
  std::string opened_by;
  std::optional<Date> closed_on;
  std::string closed_by;
  std::string rule_version;  // the rule set version applied (the criteria's version in force on the rating date)
};

// One member's rating of one period; empty optionals are steps not done yet.
struct MemberRatingRow {
  int year = 0;
  int quarter = 0;
  MemberId member;
  int64_t campaign_id = 0;
  OrgId org_id;  // the branch
  RatingRole role = RatingRole::kMember;
  std::string duty_group;
  std::string assessment_json;  // the self-assessment (scores and facts); empty when none
  std::optional<int> self_total;
  std::optional<RatingLevel> derived_level;
  std::string self_by;
  int64_t self_at_ms = 0;
  std::optional<RatingLevel> proposed_level;
  std::string proposal_note;
  std::string proposed_by;
  int64_t proposed_at_ms = 0;
  std::optional<RatingLevel> level;  // decided, after any downgrade
  std::string override_reason;
  std::string decided_by;
  int64_t decided_at_ms = 0;
  std::optional<RatingLevel> downgraded_from;
  std::string downgrade_reason;
  std::string downgraded_by;
  int64_t downgraded_at_ms = 0;
  std::optional<NotRatedReason> not_rated;
  std::string not_rated_detail;
  std::string rule_version;
  std::string full_name;  // read only: the member's name (for lists)
};

struct OrgRatingRow {
  int year = 0;
  int quarter = 0;
  OrgId org_id;
  int64_t campaign_id = 0;
  std::string assessment_json;
  std::optional<int> self_total;
  std::optional<RatingLevel> derived_level;
  std::optional<RatingLevel> level;
  std::string label;
  std::string override_reason;
  std::string decided_by;
  int64_t decided_at_ms = 0;
  std::optional<RatingLevel> downgraded_from;
  std::string downgrade_reason;
  std::string downgraded_by;
  int64_t downgraded_at_ms = 0;
  std::optional<NotRatedReason> not_rated;
  std::string not_rated_detail;
  std::string rule_version;
};

// Rating progress of one branch of a campaign.
struct BranchRatingProgress {
  OrgId branch;
  std::string code;
  std::string name;
  int64_t members = 0;  // counted members now
  int64_t self_assessed = 0;
  int64_t proposed = 0;
  int64_t decided = 0;
  int64_t not_rated = 0;
};

// Outcome counts over the subtree of one organization in a period.
struct RatingTallyRow {
  std::string org_path;
  RatingOutcome outcome;  // outcome.count = how many
};

// An admission case as stored (src/store/sql_admission.cpp): the candidate file and the state machine's
// case. The introducers, verification requests and comments are JSON text owned by the app layer; the
// domain candidate's `introducers` are not stored here (the app fills them from introducers_json).
// One saved version of a document template (migration 14; src/store/sql_doc_template.cpp). A reset to
// the built-in template is a version too, with `reset` set and an empty text.
struct DocTemplateVersion {
  int64_t id = 0;
  std::string key;  // the document kind ("rating_member", ...)
  std::string text;
  bool reset = false;
  std::string saved_by;
  int64_t saved_at_ms = 0;
};

// A member's photo (migration 15; src/store/sql_photo.cpp): one per member, the file as uploaded.
struct MemberPhotoRow {
  MemberId member_id;
  std::string content_type;  // "image/jpeg" or "image/png"
  int64_t size = 0;          // bytes of the file
  int width = 0;             // pixels, from the file's header
  int height = 0;
  int64_t updated_at_ms = 0;
  std::string updated_by;  // the login
  std::string bytes;       // empty when read without them
};

struct AdmissionCaseRow {
  int64_t id = 0;
  OrgId branch_id;
  std::string branch_path;  // filled on reads
  std::string branch_code;
  std::string branch_name;
  Gender gender = Gender::kMale;
  std::string ethnicity;
  std::string religion;
  bool youth_union = false;
  bool private_enterprise = false;
  std::optional<Date> application_date;
  std::optional<Date> cv_date;
  std::string introducers_json = "[]";
  std::string verifications_json = "[]";
  std::string comments_json = "[]";
  AdmissionCase state;
  std::vector<int64_t> step_recorded_at_ms;  // one per state.steps entry
  std::optional<Date> next_deadline;
  MemberId member_id;
  std::string created_by;
  int64_t created_at_ms = 0;
  int version = 1;
};

// A restructuring decision as stored (src/store/sql_restructure.cpp); the plan and hand-over are JSON
// owned by the app layer.
struct OrgEventRow {
  int64_t id = 0;
  std::string kind;
  Date effective;
  std::string decision_number;
  Date decision_date;
  std::string decision_body;
  OrgId subject;
  std::string note;
  std::string plan_json;
  std::string recorded_by;
  int64_t recorded_at_ms = 0;
};

// ---- member events and the watchlist (issue #7; src/store/sql_member_event.cpp)
// An event of a subtree's listing, with the member's name and the branch it was recorded in.
struct MemberEventListRow {
  MemberEvent event;
  std::string full_name;
  std::string org_code;
  std::string org_name;
};

// A member found by a watchlist query, with the event that put them there (exemptions, reductions).
struct WatchRow {
  Member member;
  std::string org_code;
  std::string org_name;
  std::optional<MemberEvent> event;
};

// The dossier versions of one member, oldest first (the watchlist compares consecutive versions).
struct MemberDossierHistory {
  Member member;
  std::string org_code;
  std::string org_name;
  std::vector<DossierRow> versions;
};

// ---- transfers (issue #7; src/store/sql_transfer.cpp)
// A transfer case as stored: the domain case (kind, dates, state, steps, letter) with its two sides. The
// receiving side is a branch of our tree (to_branch_id valid) or an external destination (external_kind:
// "other_province", "army", "police" or "abroad", and its name as written on the letter).
struct TransferCaseRow {
  int64_t id = 0;
  MemberId member_id;
  std::string member_name;  // filled on reads
  OrgId from_branch_id;
  std::string from_path;  // filled on reads, as the three below
  std::string from_code;
  std::string from_name;
  OrgId to_branch_id;  // invalid: an external destination
  std::string to_path;
  std::string to_code;
  std::string to_name;
  std::string external_kind;
  std::string external_name;
  std::string decision_number;
  Date decision_date;
  std::string decision_body;
  TransferCase state;  // the domain case; state.letter.number is the book's number
  OrgId letter_issuer_id;
  int letter_year = 0;
  int64_t letter_seq = 0;
  std::vector<int64_t> step_recorded_at_ms;  // one per state.steps entry
  std::optional<TransferStepKind> next_step;
  std::optional<Date> next_deadline;
  std::string created_by;
  int64_t created_at_ms = 0;
  int version = 1;
};

// Which side of a board: cases sent from a subtree's branches, or received by them.
enum class TransferSide { kOutgoing, kIncoming };

// A member recorded as under inspection, discipline review or complaint handling.
struct MemberReview {
  MemberId member_id;
  Date since;
  std::string reason;
  std::string recorded_by;
};

// A receiving unit of the directory: a branch, with the names of its ancestors (root first).
struct OrgDirectoryEntry {
  Organization org;
  std::vector<std::string> path_names;
};

struct MemberPage {
  std::vector<Member> items;
  std::optional<int64_t> next;  // cursor for the next page, when there may be one
  std::string plan;             // which access path answered (for tests and benchmarks)
};

struct SessionRecord {
  std::string token_hash;
  UserId user_id;
  std::string csrf_token;
  int64_t created_at = 0;  // unix seconds
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
  std::string ip;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at_ms = 0;
  UserId user_id;
  std::string login;
  std::string ip;
  std::string action;  // "member.create", "member.update", "member.read_denied", "auth.login", ...
  std::string entity;  // "member", "org", "user", "session"
  int64_t entity_id = 0;
  std::string org_path;  // where the entity lives, for scoped reading of the log
  std::string before_json;
  std::string after_json;
  std::string note;
  // An access entry (a read of someone else's dossier, a refused attempt) rather than a change. Access
  // entries are indexed later, in bulk (IndexAccessLog; docs/decisions/0006-access-log.md).
  bool access = false;
};

struct AuditQuery {
  std::string entity;     // empty = any
  int64_t entity_id = 0;  // 0 = any
  std::string org_path;   // empty = any; else the subtree whose entries are returned
  int64_t before_id = 0;  // keyset cursor (entries are returned newest first)
  int limit = 50;
};

// A unit of work inside one database transaction. Not thread-safe; lives only inside Write/Read.
class Tx final {
 public:
  explicit Tx(Connection& c) : c_(c) {}
  Connection& connection() { return c_; }

  // An import of many members in this transaction. BeginInsertBatch takes the members' write lock at once
  // (PostgreSQL; SQLite has one writer), so that what the caller checks next (IdentifiersTaken) holds
  // until the commit. Until EndInsertBatch:
  // - InsertMember defers the aggregates (org_counts, the count ledger): EndInsertBatch writes each of
  //   their rows once. Without it an import of 100,000 members updated the same few count rows 100,000
  //   times each: quadratic on PostgreSQL, whose every update of a row the transaction already updated
  //   walks the chain of its versions;
  // - InsertMember does not look for a taken card number or national ID (the caller did, under the lock;
  //   the unique indexes still hold), and a member inserted in name order right after the previous one
  //   finds its rank without a query;
  // - AppendAudit writes its entries a few hundred at a time (same transaction).
  // Nothing in between may read the aggregates or the audit log. REQUIRES: EndInsertBatch before commit.
  void BeginInsertBatch();
  void EndInsertBatch();

  // ---- organizations
  std::optional<Organization> GetOrg(OrgId id);
  std::optional<Organization> GetOrgByCode(std::string_view code);
  // Children of `parent` (roots when invalid), in Vietnamese name order.
  std::vector<Organization> Children(OrgId parent);
  // Inserts and fills id, path and depth. kConflict on a duplicate code.
  Result<OrgId> InsertOrg(Organization& org, const Organization* parent);
  // Updates code, name, kind and dates. kConflict on a duplicate code.
  Status UpdateOrg(const Organization& org);
  // Moves `org` with its subtree under `new_parent`: paths, depths, member ancestors and aggregates.
  // REQUIRES: ValidateMove(org, new_parent) passed and the parent_id column already updated or not:
  // this sets it.
  void MoveOrg(const Organization& org, const Organization& new_parent);
  // Counts of members in the whole subtree, from maintained aggregates (O(statuses)).
  StatusCounts Counts(OrgId org);

  // ---- members
  std::optional<Member> GetMember(MemberId id);
  MemberPage ListMembers(const MemberQuery& q);
  // Inserts into `org` (REQUIRES: m.org_id == org.id). kConflict on a duplicate card or national id.
  // `rank_cursor`, for batches inserted in name order (text::NameSortKey): on entry 0 or the rank of the
  // batch's previous member (REQUIRES: it sorts at or before m), on return m's rank. Makes finding the
  // place in name order a short forward scan instead of a binary search.
  Result<MemberId> InsertMember(Member& m, const Organization& org, int64_t* rank_cursor = nullptr);
  // Replaces `before` by `after` (same id); moves between organizations update the aggregates and
  // close the member's registration in `before_org` on `moved_on` (today when not given: a correction
  // of the register rather than a dated move), which starts the one in `after_org`.
  Status UpdateMember(const Member& before, const Organization& before_org, const Member& after,
                      const Organization& after_org, std::optional<Date> moved_on = std::nullopt);
  // A member with their branch's path (for the scope check), code and name, in one statement.
  struct MemberWithBranch {
    Member member;
    std::string path;
    std::string branch_code;
    std::string branch_name;
  };
  std::optional<MemberWithBranch> GetMemberWithPath(MemberId id);
  // Those of `values` some member already holds in `field` ("card_number" or "national_id"; other fields:
  // none), a few hundred per query.
  std::set<std::string> IdentifiersTaken(const std::string& field, const std::vector<std::string>& values);
  // The organization path of a member's branch, for scope checks without loading the member.
  std::optional<std::string> MemberOrgPath(MemberId id);

  // Counts over the members of the subtree of `org` in one pass: admissions dated within
  // [year_from, year_to], and counted members (IsCounted) born within each inclusive range (open ends
  // where nullopt).
  SubtreeFacts CountSubtree(const Organization& org, Date year_from, Date year_to,
                            const std::vector<std::pair<std::optional<Date>, std::optional<Date>>>& birth_ranges);

  // ---- dossiers (append-only versions)
  void InsertDossierVersion(DossierRow& row);  // fills row.id
  // Without `as_of`: every version, newest valid_from first (equal dates: the latest recorded first).
  // With it: the one version in force on that date (none when the first version starts later).
  std::vector<DossierRow> DossierVersions(MemberId member, std::optional<Date> as_of = std::nullopt);
  // The version in force on `on` of each of `members` that has one, by member id (one query; the member
  // book reads a page of members at a time).
  std::vector<DossierRow> DossiersInForce(const std::vector<MemberId>& members, Date on);

  // ---- yearly supplement
  // Fills c.id. kConflict ("year") when the organization already has a campaign for that year.
  Status InsertSupplementCampaign(SupplementCampaign& c);
  std::optional<SupplementCampaign> GetSupplementCampaign(int64_t id);
  // Campaigns opened by any of `org_ids` (an organization and its ancestors), newest year first.
  std::vector<SupplementCampaign> SupplementCampaignsOf(const std::vector<OrgId>& org_ids);
  void CloseSupplementCampaign(int64_t id);
  // Records (or replaces) a member's entry.
  void SetSupplementEntry(int64_t campaign, MemberId member, SupplementState state, int64_t at_ms,
                          const std::string& by);
  // Per branch of `org`'s subtree that has counted members: counted members now, and their entries.
  std::vector<BranchSupplementProgress> SupplementProgressByBranch(int64_t campaign, const Organization& org);
  // Counted members of `org`'s subtree without an entry, in name order, at most `limit`.
  std::vector<Member> SupplementPending(int64_t campaign, const Organization& org, int limit);

  // ---- annual rating (src/store/sql_rating.cpp)
  // Fills c.id. kConflict ("year") when the organization already has a campaign for that period.
  Status InsertRatingCampaign(RatingCampaign& c);
  std::optional<RatingCampaign> GetRatingCampaign(int64_t id);
  // Campaigns opened by any of `org_ids`, newest period first.
  std::vector<RatingCampaign> RatingCampaignsOf(const std::vector<OrgId>& org_ids);
  void CloseRatingCampaign(int64_t id, Date on, const std::string& by);
  std::optional<MemberRatingRow> GetMemberRating(int year, int quarter, MemberId member);
  // The rows of one branch in a campaign, in name order.
  std::vector<MemberRatingRow> MemberRatingsOfOrg(int64_t campaign, OrgId org);
  // Inserts or replaces the row, and moves its outcome in rating_tallies.
  void PutMemberRating(const MemberRatingRow& row);
  std::optional<OrgRatingRow> GetOrgRating(int year, int quarter, OrgId org);
  void PutOrgRating(const OrgRatingRow& row);
  // The organizations' ratings entered in a campaign, by organization id.
  std::vector<OrgRatingRow> OrgRatingsOfCampaign(int64_t campaign);
  // Bulk load for the demo and benchmarks: inserts the rows, then counts rating_tallies of their periods
  // (per branch in one statement, then for every organization above). REQUIRES: no rating row of those
  // periods stored yet.
  void LoadMemberRatings(const std::vector<MemberRatingRow>& rows);
  // Per branch of `org`'s subtree with counted members: members now and the steps done in the campaign.
  std::vector<BranchRatingProgress> RatingProgressByBranch(int64_t campaign, const Organization& org);
  // Outcome counts of the period over `org`'s subtree (subject "member" or "org"; org_path = org's path),
  // and by_unit also over each child's subtree (org_path = the child's path). Every row counts the whole
  // subtree of its organization (kept for the branch and every organization above it at each write).
  std::vector<RatingTallyRow> RatingTallies(int year, int quarter, const std::string& subject, const Organization& org,
                                            bool by_unit = false);
  // The outcomes of each of `orgs` alone (the reports "as of" a date sum them over that day's structure):
  // subject "member": the organizations' tally rows (exact for branches, which hold the members); "org":
  // each organization's own rating, one outcome (count 1) when it has one.
  std::vector<std::pair<OrgId, RatingOutcome>> OwnRatingOutcomes(int year, int quarter, const std::string& subject,
                                                                 const std::vector<OrgId>& orgs);

  // ---- member events (append-only; src/store/sql_member_event.cpp)
  // Inserts the event (its effects, branch and path already set); fills e.id.
  void InsertMemberEvent(MemberEvent& e);
  // Every event of the member, oldest first, with superseded_by filled.
  std::vector<MemberEvent> MemberEvents(MemberId member);
  // The events in force (not superseded) recorded in `org`'s subtree with effective_on in [from, to], of
  // `kind` when given, newest first, at most `limit`.
  std::vector<MemberEventListRow> SubtreeMemberEvents(const Organization& org, Date from, Date to,
                                                      std::optional<MemberEventKind> kind, int limit);
  // Their counts by kind over the same range (kinds without events are absent).
  std::vector<std::pair<MemberEventKind, int64_t>> CountSubtreeMemberEvents(const Organization& org, Date from,
                                                                            Date to);
  // Probationary members of the subtree admitted on or before `admitted_by`, oldest admission first.
  std::vector<WatchRow> ProbationaryAdmittedBy(const Organization& org, Date admitted_by, int limit);
  // Members of the subtree whose last exemption (not superseded, not ended) ended before `before`, and
  // who are still exempt.
  std::vector<WatchRow> ExemptionsEnded(const Organization& org, Date before, int limit);
  // Counted members of the subtree whose last reduction ended within [from, to].
  std::vector<WatchRow> ReductionsEnded(const Organization& org, Date from, Date to, int limit);
  // Counted members of the subtree with at least two dossier versions, with those versions (oldest first),
  // at most `limit` members.
  std::vector<MemberDossierHistory> DossierHistories(const Organization& org, int limit);

  // ---- accounts
  std::optional<Account> GetUser(UserId id);
  std::optional<Account> GetUserByLogin(std::string_view login);
  Result<UserId> InsertUser(Account& a);
  void UpdatePassword(UserId id, const std::string& hash);
  std::vector<Account> ListUsers(const std::string& org_path_prefix);

  // ---- sessions and login throttling
  void InsertSession(const SessionRecord& s);
  std::optional<SessionRecord> GetSession(const std::string& token_hash);
  void TouchSession(const std::string& token_hash, int64_t now, int64_t expires_at);
  void DeleteSession(const std::string& token_hash);
  void DeleteUserSessions(UserId user);
  int64_t CountLoginFailures(const std::string& login, int64_t since);
  void RecordLoginFailure(const std::string& login, const std::string& ip, int64_t at);
  void ClearLoginFailures(const std::string& login);

  // ---- audit (append-only)
  void AppendAudit(const AuditEntry& e);
  // Newest first; change entries and access entries (indexed or not yet) merged by id.
  std::vector<AuditEntry> ListAudit(const AuditQuery& q);
  // Adds the access entries written since the last call to audit_access_index, in key order, and returns
  // how many. Cheap per entry (each index page is written once per call), so it runs every few minutes.
  int64_t IndexAccessLog();

  // ---- catalogs
  std::vector<CatalogEntry> ListCatalog(const std::string& catalog);  // display order, retired included
  void InsertCatalogEntry(const CatalogEntry& e);
  bool UpdateCatalogEntry(const CatalogEntry& e);  // name, aliases, successor, parent, retired; by (catalog, code)
  bool SetCatalogEntryRetired(const std::string& catalog, const std::string& code, bool retired);
  bool DeleteCatalogEntry(const std::string& catalog, const std::string& code);
  // Members whose `field` ("ethnicity" or "religion") holds `value` (a scan: for the rare delete).
  int64_t CountMembersWith(const std::string& field, const std::string& value);

  // ---- admission (src/store/sql_admission.cpp)
  // Inserts the case with its steps; fills c.id.
  void InsertAdmissionCase(AdmissionCaseRow& c);
  // The case with its steps and its branch's path, code and name.
  std::optional<AdmissionCaseRow> GetAdmissionCase(int64_t id);
  // Saves the case's columns when its version is still `c.version` (then c.version + 1) and appends the
  // steps not yet stored (those after the stored ones). kConflict ("version") when the case was changed.
  Status SaveAdmissionCase(AdmissionCaseRow& c);
  // Cases followed by branches of `org`'s subtree, newest first, with their steps; open cases only
  // (neither official nor stopped) when `open_only`; at most `limit`.
  std::vector<AdmissionCaseRow> ListAdmissionCases(const Organization& org, bool open_only, int limit);
  // The admission decisions dated within [from, to] of cases followed in `org`'s subtree.
  std::vector<AdmittedFact> AdmittedFacts(const Organization& org, Date from, Date to);
  // The same facts for the candidates followed by any of `branches` (decision in [from, to]), each with
  // its branch (branch_path left empty: the caller places the branch in the structure it reports on).
  std::vector<std::pair<OrgId, AdmittedFact>> AdmittedFactsOfBranches(const std::vector<OrgId>& branches, Date from,
                                                                      Date to);
  // Inserts or replaces the quota (org, period, first_year).
  void SetAdmissionQuota(const AdmissionQuota& q, int64_t at_ms);
  // The quotas of the given organizations.
  std::vector<AdmissionQuota> AdmissionQuotasOf(const std::vector<OrgId>& org_ids);
  // The competent committee set for the subtree of `org` (nullopt: the default applies).
  void SetCompetentCommittee(OrgId org, OrgId committee);
  // Removes the setting of `org` (no-op when none).
  void ClearCompetentCommittee(OrgId org);
  // The settings of the given organizations: (org, committee).
  std::vector<std::pair<OrgId, OrgId>> CompetenceSettings(const std::vector<OrgId>& org_ids);
  // The working-day calendar: years and their exceptions.
  std::vector<CalendarYear> CalendarYears();
  std::vector<CalendarDay> CalendarDays();
  // Replaces a year and its exceptions.
  void ReplaceCalendarYear(const CalendarYear& year, const std::vector<CalendarDay>& days);

  // ---- restructuring (src/store/sql_restructure.cpp)
  // The start of the organization's current structural version (nullopt when none is stored).
  std::optional<Date> OrgVersionStart(OrgId org);
  // Closes the current structural version of `org` on `from` and starts a new one from that day, a copy
  // linked to `event_id` (the caller then changes the organization and calls SyncOrgVersion). When the
  // current version starts that same day it is only relinked.
  void BeginOrgVersion(OrgId org, Date from, int64_t event_id);
  // Copies the organization's parent, kind, code and name into its latest version, and its dissolution
  // date into that version's end. Called by InsertOrg, UpdateOrg and MoveOrg.
  void SyncOrgVersion(OrgId org);
  // Fills e.id.
  void InsertOrgEvent(OrgEventRow& e);
  // Decisions whose subject lies in `org`'s subtree, newest first.
  std::vector<OrgEventRow> OrgEvents(const Organization& org, int limit);
  std::optional<OrgEventRow> GetOrgEvent(int64_t id);
  // The organization as it was on `date` (parent, kind, code, name of that day; path and depth of
  // today); nullopt when it did not exist then.
  std::optional<Organization> GetOrgAsOf(OrgId id, Date date);
  // The units of `parent` (roots when invalid) as they were on `date`, in Vietnamese name order.
  std::vector<Organization> ChildrenAsOf(OrgId parent, Date date);
  // Moves every member registered in the branch `from` to the branch `to`, with their ancestors and the
  // aggregates, their registration in `from` ending on `effective`; returns how many. REQUIRES: both hold
  // members.
  int64_t MoveAllMembers(const Organization& from, const Organization& to, Date effective);
  // Counts of members in the subtree of `org` as it was on `date` (its units of that day, the members
  // registered in them that day, each with their status of that day: domain/member_timeline.h), read
  // member by member: O(members of the subtree). Same shape as Counts, which it equals for today.
  StatusCounts CountsAsOf(OrgId org, Date date);
  // The same members, each with their status that day, for other figures as of a date (the dashboard).
  struct MemberOnDate {
    MemberStatus status;
    bool female = false;
    std::optional<Date> birth_date;
    std::optional<Date> admission_date;
  };
  void ScanAsOf(OrgId org, Date date, const std::function<void(const MemberOnDate&)>& visit);
  // One member's register on `date`: the branch they were registered in that day (invalid when none of
  // their registrations covers it) and their status that day (nullopt: not yet a member), by the same
  // rules as the counts (domain/member_timeline.h). nullopt when the member does not exist.
  struct RegisterDay {
    OrgId org;
    std::optional<MemberStatus> status;
  };
  std::optional<RegisterDay> RegisterOn(MemberId member, Date date);
  // The dashboard's facts as of `date` (CountSubtree's, read by ScanAsOf): admissions within
  // [year_from, year_to] of the members registered in the subtree that day, counted members per birth range.
  SubtreeFacts CountSubtreeAsOf(OrgId org, Date date, Date year_from, Date year_to,
                                const std::vector<std::pair<std::optional<Date>, std::optional<Date>>>& birth_ranges,
                                StatusCounts* counts);
  // ---- transfers (src/store/sql_transfer.cpp)
  // Inserts the case with its steps; fills c.id. kConflict ("member_id") when the member already has an
  // open case (the unique index decides between two concurrent requests).
  void InsertTransferCase(TransferCaseRow& c);
  // The case with its steps, its member's name and both branches' path, code and name.
  std::optional<TransferCaseRow> GetTransferCase(int64_t id);
  // The member's open case, if any.
  std::optional<int64_t> OpenTransferOf(MemberId member);
  // Saves the case when its version is still `c.version` (then c.version + 1) and appends the steps not yet
  // stored. kConflict ("version") when another writer changed it first.
  Status SaveTransferCase(TransferCaseRow& c);
  // One side of a board: the cases whose sending (kOutgoing) or receiving (kIncoming) branch lies in
  // `org`'s subtree, newest first, open ones only when `open_only`, at most `limit`; with their steps.
  // With `overdue_on`: the open cases whose stored next deadline is before that day, by deadline.
  // Index-backed: the subtree's branches by path, then their cases by branch.
  std::vector<TransferCaseRow> ListTransferCases(const Organization& org, TransferSide side, bool open_only, int limit,
                                                 std::optional<Date> overdue_on = std::nullopt);
  // The member's cases, newest first (without steps).
  std::vector<TransferCaseRow> TransferCasesOfMember(MemberId member);
  // The cases of any of `members`, newest first, with their steps (one query for the cases, one for steps).
  std::vector<TransferCaseRow> TransferCasesOfMembers(const std::vector<MemberId>& members);
  // The next number of the transfer book of `issuer` for `year` (1, 2, ...), reserved by this transaction.
  int64_t NextLetterNumber(OrgId issuer, int year);
  // The transfer book of `issuer` for `year`: the cases whose letter it issued that year, in number order,
  // with their steps (the letter's date). Served by the unique index on (issuer, year, number).
  std::vector<TransferCaseRow> TransferBook(OrgId issuer, int year);
  // Official and temporary cases registered in a branch of `org`'s subtree on a day in [from, to], by
  // that day (the transfer book's incoming block), with their steps.
  std::vector<TransferCaseRow> TransfersRegisteredInto(const Organization& org, Date from, Date to);
  std::optional<MemberReview> GetMemberReview(MemberId member);
  // Records the review (replacing one recorded before), or clears it when `review` is nullopt.
  void SetMemberReview(MemberId member, const std::optional<MemberReview>& review);
  // Branches (chi bộ, chi bộ cơ sở) not dissolved whose folded code or name contains every word of
  // `fold_query`, in code order, at most `limit`; with their ancestors' names.
  std::vector<OrgDirectoryEntry> OrgDirectory(const std::string& fold_query, int limit);

  // ---- the count ledger (src/store/sql_count_log.cpp; decision 0010)
  // Builds the ledger of every organization that keeps one by its kind (KeepsCountLog) and has none (a
  // database from before migration 0013), from every registration in the register.
  void EnsureCountLogs();
  // The organizations without a ledger that should keep one (KeepsCountLog) by today's registrations in
  // their subtree, with `threshold` (kLedgerMembers, smaller in tests).
  std::vector<OrgId> CountLogCandidates(int64_t threshold = kLedgerMembers);
  // Builds the ledger of `org` from the registrations of every unit ever under it and marks it as kept
  // (no-op when it has one).
  void BuildCountLog(OrgId org);
  // Counts of `org` as of `date` summed from its ledger; nullopt when it keeps none.
  std::optional<StatusCounts> CountsFromLog(OrgId org, Date date);
  // Counts read member by member (what CountsAsOf does for organizations without a ledger).
  StatusCounts CountsAsOfByScan(OrgId org, Date date);

  // ---- document templates (src/store/sql_doc_template.cpp)
  // The newest version of `key`, if any was saved (a reset one means: the built-in template applies).
  std::optional<DocTemplateVersion> LatestDocTemplate(std::string_view key);
  // The versions of `key`, newest first, at most `limit`.
  std::vector<DocTemplateVersion> DocTemplateHistory(std::string_view key, int limit);
  // Appends a version (history is never rewritten); fills v.id.
  void InsertDocTemplate(DocTemplateVersion& v);

  // ---- member photos (src/store/sql_photo.cpp)
  // The member's photo, nullopt when none; without `with_bytes` the file itself is not read.
  std::optional<MemberPhotoRow> GetMemberPhoto(MemberId member, bool with_bytes = true);
  // Stores p as the member's photo, replacing the one stored before. REQUIRES: the member exists.
  void PutMemberPhoto(const MemberPhotoRow& p);
  // Removes the member's photo; false when there was none.
  bool DeleteMemberPhoto(MemberId member);

  // ---- internals shared with bulk loading
  // Upper bound of sort ranks; ranks are spread in [1, kRankMax] (docs/decisions/0002-subtree.md).
  static constexpr int64_t kRankMax = int64_t{1} << 62;

 private:
  // The ledger's work for one write: the rows of the registrations it touches, taken out before and put
  // back after (computed from the database each time, so that successive writes add up).
  struct LedgerWork {
    bool active = false;  // some organization keeps a ledger
    std::set<int64_t> orgs;
    std::map<int64_t, std::vector<LedgerSpan>> spans;
    LedgerRows rows;
  };
  bool LedgerBegin(LedgerWork& w);
  // Adds the rows of every registration of these members / of every registration in these units (the
  // rows add up per registration: a write that moves registrations between units names both).
  void LedgerAddMembers(LedgerWork& w, const std::vector<int64_t>& member_ids, int sign);
  void LedgerAddUnits(LedgerWork& w, const std::vector<int64_t>& units, int sign);
  void LedgerApply(LedgerWork& w);
  // Builds the ledgers of `orgs` (replacing any rows they had) from the registrations of every unit ever
  // under one of them, and marks them as kept.
  void BuildCountLogs(const std::set<int64_t>& orgs);
  // The transfer cases whose ids `ids_sql` selects, in that order, with their steps.
  std::vector<TransferCaseRow> CasesOfIds(const std::string& ids_sql, const Params& params);
  std::vector<int64_t> SubtreeUnits(const Organization& org);
  // The WHERE condition selecting the members of `org`'s subtree (alias m), its parameters appended,
  // and the SQLite index that serves it in name order (empty when none).
  std::string SubtreeFilter(const Organization& org, Params& params, std::string* index);
  int64_t AssignRank(const std::string& sort_key, int64_t after = 0);
  void RenumberAround(int64_t prev_rank);
  void AddCounts(const Organization& org, MemberStatus status, Gender gender, int64_t delta);
  void IndexName(int64_t rank, const std::string& fold);
  void UnindexName(int64_t rank, const std::string& fold);

  Connection& c_;
  void FlushAuditBatch();
  void UpsertCount(int64_t org, MemberStatus status, Gender gender, int64_t delta);
  bool batching_ = false;
  std::map<std::tuple<int64_t, MemberStatus, Gender>, int64_t> batch_counts_;  // (org, status, gender) -> delta
  std::vector<int64_t> batch_members_;                                         // inserted, for the ledger
  std::vector<AuditEntry> batch_audit_;
  // The rank given last, and the stored rows after it (rank, sort key), read a few hundred at a time: a
  // batch inserted in name order walks them instead of searching the table for each member.
  std::optional<int64_t> RankFromWindow(const std::string& sort_key);
  int64_t batch_last_rank_ = 0;
  bool batch_window_ = false;     // batch_last_rank_ and batch_ahead_ hold
  bool batch_ahead_end_ = false;  // batch_ahead_ reaches the last row
  std::deque<std::pair<int64_t, std::string>> batch_ahead_;
};

class Store final {
 public:
  // Opens `db` (a file path for SQLite, or a postgresql:// URL) and applies pending migrations.
  // Throws DbError when the database cannot be opened or migrated.
  static std::unique_ptr<Store> Open(const std::string& db);
  ~Store();

  Dialect dialect() const { return dialect_; }
  // Runs fn in a write transaction; commits when it returns ok, rolls back otherwise or on exception
  // (DbError becomes kInternal; a unique violation kConflict). Thread-safe.
  Status Write(const std::function<Status(Tx&)>& fn);
  // Runs fn in a read transaction. Thread-safe.
  Status Read(const std::function<Status(Tx&)>& fn);
  // Runs fn without an explicit transaction: for a read of exactly one statement (each statement sees
  // a consistent snapshot by itself), saving the BEGIN/COMMIT round trips. Thread-safe.
  Status ReadStatement(const std::function<Status(Tx&)>& fn);

  // SQLite: from now on, connections do not checkpoint the WAL when they commit (a checkpoint syncs the
  // database file, ~15 ms on a 3 GB file, and would stall the request that happens to commit);
  // the caller runs Checkpoint() from a background thread instead. PostgreSQL: nothing to do.
  void UseBackgroundCheckpoints();
  // Copies committed WAL pages into the database file without blocking readers or writers (SQLite
  // PASSIVE checkpoint). No-op on PostgreSQL. Thread-safe.
  void Checkpoint();

  // Bulk load for the demo and benchmarks: inserts organizations (parents before children, ids set by
  // the caller) and members in one transaction, with ranks, search index and aggregates. Much faster
  // than InsertMember one by one. Members without an id get their position (1..n). `past` gives earlier
  // parents (structural versions before a restructuring). The organizations with `ledger_members`
  // registrations in their subtree at any date keep a count ledger (KeepsCountLog). SQLite: the search
  // index is built on a second thread in a file of the temporary directory (~100 bytes a member), removed
  // after. REQUIRES: an empty database.
  void BulkLoad(std::vector<Organization>& orgs, std::vector<Member>& members,
                const std::function<void(const char* stage, size_t done, size_t total)>& progress,
                const std::vector<PastParent>& past = {}, int64_t ledger_members = kLedgerMembers);

 private:
  class Lease;
  explicit Store(std::string db, Dialect d);
  std::unique_ptr<Connection> Connect();
  std::unique_ptr<Connection> Acquire();
  void Release(std::unique_ptr<Connection> c);
  void Migrate();

  std::string db_;
  Dialect dialect_;
  bool background_checkpoints_ = false;  // guarded by mu_
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace tcxd::store
