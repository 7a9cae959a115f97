// The application layer: every use case as one call that checks scope, validates with the domain,
// writes through the store in one transaction and appends its audit entry in that transaction.
// No HTTP and no SQL here. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/json_codec.h"
#include "core/error.h"
#include "domain/account.h"
#include "domain/admission.h"
#include "domain/admission_quota.h"
#include "domain/commune_import.h"
#include "domain/dossier.h"
#include "domain/member_event.h"
#include "domain/member_import.h"
#include "domain/rating.h"
#include "domain/rating_stats.h"
#include "domain/restructure.h"
#include "domain/rules.h"
#include "domain/stats.h"
#include "domain/transfer.h"
#include "io/export.h"
#include "print/doc_kinds.h"
#include "store/store.h"

namespace tcxd::app {

using Clock = std::function<int64_t()>;  // unix milliseconds
int64_t SystemClockMs();

// Who is calling, and from where (for scope and the audit trail).
struct Caller {
  Account account;
  std::string ip;
};

struct LoginResult {
  std::string token;       // goes into the HttpOnly session cookie, never into the page
  std::string csrf_token;  // the page sends it back in X-CSRF-Token on writes
  Account account;
};

struct Session {
  Account account;
  std::string csrf_token;
};

// Raw list parameters as they come from a query string or the command line; validated by ListMembers.
struct MemberListParams {
  std::string org;  // organization id; empty = the caller's home organization
  std::string q;
  std::string status;  // comma-separated statuses
  std::string gender;
  std::string age_min;
  std::string age_max;
  std::string ethnicity;
  std::string limit;
  std::string cursor;
};

// The branch a member is registered in, as shown beside the member.
struct BranchLabel {
  std::string code;
  std::string name;
};

struct MemberList {
  std::vector<Member> items;
  std::map<int64_t, BranchLabel> branches;  // by org id, for every item
  std::string next;                         // empty when this is the last page
  std::optional<int64_t> total;             // known cheaply only without search or filters
  std::string plan;
};

struct OrgView {
  Organization org;
  store::StatusCounts counts;
  bool has_children = false;
};

// A restructuring previewed (dry run) or done, with the organizations it names (for display).
struct RestructureOutcome {
  RestructureRequest request;
  RestructurePlan plan;
  std::map<int64_t, Organization> orgs;
  bool applied = false;
  int64_t event_id = 0;
};
Json RestructureOutcomeToJson(const RestructureOutcome& o);
Json OrgEventToJson(const store::OrgEventRow& e);

// The dashboard of a subtree on a date: counts by status, women, admissions of a year, age bands.
struct OrgStats {
  Organization org;
  Date as_of;
  int year = 0;
  store::StatusCounts counts;
  int64_t admitted_in_year = 0;
  std::vector<std::pair<AgeBand, int64_t>> age_bands;  // counted members per band on as_of
};

struct ImportOptions {
  bool dry_run = true;        // validate and report only
  bool skip_invalid = false;  // apply the valid rows even when others have issues (else all or nothing)
  // Called now and then while rows are written (done, total); from the calling thread.
  std::function<void(int, int)> progress;
};

struct ImportReport {
  Organization org;  // imported into
  ImportPlan plan;   // rows, issues, ignored columns
  bool applied = false;
  int imported = 0;
  // Set when applying was refused because rows have issues (kConflict, import.has_errors): nothing was
  // written, and `plan` says why row by row.
  std::optional<Error> refusal;
};

// The printable forms of one member.
enum class MemberForm { kSheet, kCv };

// What a member export holds: the list's filter, and the layout of the sheet.
struct ExportRequest {
  MemberListParams filter;  // limit and cursor are ignored: every matching member is exported
  std::string format;       // "xlsx" (default), "csv" or "pdf" (the printable list; layout list only)
  std::string layout;       // "list" (default: the import columns, so an export imports back) or "book"
};

struct ExportFile {
  std::string bytes;
  std::string filename;  // ASCII, e.g. "dang-vien-CB01-2026-11-23.xlsx"
  std::string content_type;
  int rows = 0;
};

// The list layout of member exports — the import's columns, so that an export imports back: the headers,
// and one member's row (dates as YYYY-MM-DD, written as dates in .xlsx).
std::vector<io::ExportColumn> MemberListColumns();
std::vector<std::string> MemberListRow(int no, const Member& m, const BranchLabel& branch);

// `s` with every character but ASCII letters, digits, '-' and '_' replaced by '-' (a file name part).
std::string SafeFileName(std::string_view s);

// The issues of an import as CSV (Dòng, Cột, Giá trị, Lỗi), for the user to download and fix the file.
std::string ImportIssuesCsv(const std::vector<ImportIssue>& issues);

struct CommuneImportOptions {
  bool dry_run = true;          // validate and compare only
  bool retire_missing = false;  // retire the active entries that the file no longer lists
};

struct CommuneImportReport {
  CommuneImportPlan plan;
  bool applied = false;
  // Set when applying was refused because rows have issues: nothing was written.
  std::optional<Error> refusal;
};

// A member's dossier as of a date, with what is computed from it.
struct DossierView {
  Member member;
  BranchLabel branch;
  Date as_of;
  std::optional<DossierVersion> version;  // in force on as_of; none before the first one
  std::optional<PartyAge> party_age;      // on as_of, interruptions of that version counted
  std::optional<BadgeDue> next_badge;
  // The register on as_of (issue #4: "as of 31/12/2025"): the branch the member was registered in that
  // day (from the registrations kept by transfers and restructurings) and their status that day (from
  // their dates and status events; nullopt: not yet a member).
  struct OnDay {
    OrgId org;
    BranchLabel branch;
    std::optional<MemberStatus> status;
  };
  std::optional<OnDay> on_day;
};

// A supplement campaign seen from one organization of its subtree.
struct SupplementView {
  SupplementCampaign campaign;
  Organization campaign_org;
  Organization shown;                                     // the subtree counted
  std::vector<store::BranchSupplementProgress> branches;  // by branch code
  SupplementProgress total;
  std::vector<Member> pending;  // the reminder list: the first 200 members without an entry, name order
};

// ---- annual rating (src/app/rating.cpp)
// A rating campaign seen from one organization of its subtree: progress per branch.
struct RatingBoard {
  store::RatingCampaign campaign;
  Organization campaign_org;
  Organization shown;
  std::vector<store::BranchRatingProgress> branches;
  store::BranchRatingProgress total;
  ScoreScale org_scale;                          // the organizations' criteria on the rating date
  std::vector<store::OrgRatingRow> org_ratings;  // of `shown` and its branches, when rated
};

// One counted member of a branch in a campaign: the stored rating (if any), the derived level of the
// self-assessment, and the reason the member is not rated when the register says so.
struct RatingSheetLine {
  Member member;
  std::optional<store::MemberRatingRow> rating;
  std::optional<LevelDerivation> derived;
  std::optional<NotRated> excluded;
};

// A branch's decision screen: the members, the cap meter of the decided ratings, the branch's own rating.
struct RatingSheet {
  store::RatingCampaign campaign;
  Organization branch;
  ScoreScale scale;
  std::vector<RatingSheetLine> lines;
  std::vector<CapCheck> meter;
  std::optional<store::OrgRatingRow> org_rating;
};

// A member's own view of one campaign covering him or her: the criteria and the member's line.
struct MemberRatingCard {
  store::RatingCampaign campaign;
  ScoreScale scale;
  RatingSheetLine line;
};

struct RatingDecisionResult {
  bool dry_run = false;
  int saved = 0;
  std::vector<CapCheck> meter;  // after the batch
  std::vector<CapCheck> head;   // head checks of the batch
};

// The statistics of a subtree and period.
struct RatingUnitSummary {
  Organization unit;
  RatingSummary members;
};
struct RatingReport {
  Organization org;
  int year = 0;
  int quarter = 0;
  RatingSummary members;
  std::vector<RatingSummary> by_role;  // RatingRole order
  std::vector<DowngradeRow> downgrades;
  RatingSummary orgs;
  std::vector<RatingUnitSummary> units;  // each child of `org`
  RatingSummary previous;                // the same period of the year before
};

// The rule set version a rating applies: the member criteria's version in force on the rating date.
std::string RatingRuleVersion(const RuleSet& rules, Date on);

Json RatingCampaignToJson(const store::RatingCampaign& c);
Json RatingBoardToJson(const RatingBoard& b);
Json MemberRatingToJson(const store::MemberRatingRow& r);
Json OrgRatingToJson(const store::OrgRatingRow& r);
// A member's stored self-assessment (store::MemberRatingRow::assessment_json), read back: it was validated
// when stored.
MemberAssessment StoredAssessment(const std::string& json);
Json RatingSheetToJson(const RatingSheet& s);
Json MemberRatingCardToJson(const MemberRatingCard& c);
Json RatingDecisionToJson(const RatingDecisionResult& r);
Json RatingReportToJson(const RatingReport& r);

// An admission case as the API shows it: the stored case, who acts on it, and what it waits for.
struct AdmissionCaseView {
  store::AdmissionCaseRow row;
  std::optional<Organization> office;  // the grassroots committee above the branch (none for a chi bộ cơ sở)
  Organization competent;              // the committee that decides
  std::optional<NextDue> next;         // nullopt when the case is closed
  std::string next_actor;              // "branch", "office" or "competent"; empty when closed
  // A single case at the candidate stage: its introducers as a branch vote today would judge them, by field
  // ("candidate.introducers", "candidate.introducers[i]") with the Vietnamese reason; empty otherwise.
  std::map<std::string, std::string> introducer_issues;
};

// The competent committee of an organization's subtree (GET /orgs/{id}/competent-committee).
struct CompetenceView {
  Organization org;
  std::optional<Organization> setting;    // the committee set on `org` itself, if any
  std::optional<Organization> effective;  // who decides for the subtree: a setting (here or above) or the default
  std::optional<Organization> set_on;     // the organization whose setting applies; none: the default rule
  std::vector<Organization> choices;      // the committees that may be set: `org` or above it, nearest first
};

struct AdmissionInbox {
  Organization org;
  std::vector<AdmissionCaseView> waiting;  // the next step is this organization's, by deadline
  std::vector<AdmissionCaseView> overdue;  // any open case of the subtree past its deadline, by deadline
};

// A document template as the API shows it (src/app/documents.cpp): the kind, the text in force (the newest
// saved version, or the built-in one), and the saved versions, newest first.
struct DocTemplateView {
  const print::DocKind* kind = nullptr;
  std::string text;
  bool customized = false;  // a saved version (not a reset) is in force
  std::string saved_by;
  int64_t saved_at_ms = 0;
  std::vector<store::DocTemplateVersion> history;
};
// `full`: with the text, the fields and the history (one template); otherwise the list entry.
Json DocTemplateToJson(const DocTemplateView& v, bool full);

// JSON of the admission views (src/app/admission.cpp).
Json AdmissionCaseToJson(const AdmissionCaseView& v, bool with_steps);
Json AdmissionInboxToJson(const AdmissionInbox& inbox);
Json CompetenceViewToJson(const CompetenceView& v);
Json AdmissionQuotaToJson(const AdmissionQuota& q);
Json QuotaReportToJson(const QuotaReport& r);
Json WorkCalendarToJson(const WorkCalendar& cal);

// ---- member events and the watchlist (src/app/member_event.cpp)
// A member's events with the member as they stand now and the party age (stopped on leaving).
struct MemberEventsView {
  Member member;
  BranchLabel branch;
  std::vector<MemberEvent> events;     // oldest first, corrections included (superseded_by set)
  std::optional<PartyAge> party_age;   // today, or on the day the member left
  std::optional<Date> party_age_end;   // the day the member left (party age stops)
  bool badge_eligible = false;         // still due the Party badge milestones
  std::optional<BadgeDue> next_badge;  // when eligible
};

// A recorded event: the event with its effects and the member after it.
struct MemberEventRecorded {
  MemberEvent event;
  MemberEventEffect effect;
  Member member;
  BranchLabel branch;
};

// The events of a subtree in a year: the list (newest first) and the counts by kind.
struct MemberEventReport {
  Organization org;
  int year = 0;
  std::optional<MemberEventKind> kind;
  std::vector<store::MemberEventListRow> items;
  std::map<MemberEventKind, int64_t> counts;  // every kind, 0 included; not filtered by `kind`
  bool truncated = false;
};

// One member on a detection list, with the reason in Vietnamese.
struct WatchItem {
  Member member;
  BranchLabel branch;
  std::string reason;
  std::optional<Date> since;  // the date the member has been on the list since (the deadline passed, ...)
};
struct WatchList {
  std::string code;  // "recognition_overdue", "moved_without_transfer", "exemption_ended", "reduction_ended"
  std::string title;
  std::vector<WatchItem> items;
  bool truncated = false;
};
// The detection lists of a subtree, computed (never typed) on `today`.
struct Watchlist {
  Organization org;
  Date today;
  std::vector<WatchList> lists;
};

Json MemberEventToJson(const MemberEvent& e);
Json MemberEventsViewToJson(const MemberEventsView& v);
Json MemberEventRecordedToJson(const MemberEventRecorded& r);
Json MemberEventReportToJson(const MemberEventReport& r);
Json WatchlistToJson(const Watchlist& w);

// ---- transfers (src/app/transfer.cpp)
// A transfer case as the API shows it: the stored case, what it waits for, and what the caller may do.
struct TransferView {
  store::TransferCaseRow row;
  std::optional<TransferDue> next;        // nullopt when the case is closed
  std::string next_actor;                 // "sending" or "receiving"; empty when closed
  bool caller_sending = false;            // the caller acts for the sending side
  bool caller_receiving = false;          // ... for the receiving side
  std::vector<TransferStepKind> allowed;  // the steps the caller may record now
};

// The transfer board of an organization: cases sent from and received by its subtree's branches, and the
// open ones of either side past their deadline (by deadline).
struct TransferBoard {
  Organization org;
  std::vector<TransferView> outgoing;
  std::vector<TransferView> incoming;
  std::vector<TransferView> overdue;
};

// A member registered elsewhere who takes part temporarily in a branch of the subtree (not counted there).
// One line of the transfer book (sổ giới thiệu sinh hoạt đảng, Mẫu 10-SHĐ) of an issuing committee.
struct TransferBookRow {
  int64_t seq = 0;  // the letter's number in the book
  store::TransferCaseRow row;
  Member member;                // the member as registered now (dates, card number)
  std::string from_grassroots;  // the grassroots organization of the sending branch
  std::string to_grassroots;    // ... of the receiving branch (empty for an external destination)
  bool out_of_province = false;
  std::string issuer;  // the incoming block: the committee that issued the letter
};

struct TransferBook {
  Organization issuer;
  int year = 0;
  std::vector<TransferBookRow> rows;  // by number
  // The second block of the form: members received that year in the organization's subtree from
  // branches outside it (official transfers registered that year), by day of registration.
  std::vector<TransferBookRow> incoming;
};

struct TemporaryMember {
  int64_t case_id = 0;
  MemberId member_id;
  std::string full_name;
  store::TransferCaseRow row;
};

Json TransferToJson(const TransferView& v, bool with_steps);
Json TransferBoardToJson(const TransferBoard& b);
Json TransferBookToJson(const TransferBook& b);
Json OrgDirectoryToJson(const std::vector<store::OrgDirectoryEntry>& items);
Json MemberReviewToJson(MemberId member, const std::optional<store::MemberReview>& r);

struct NewUser {
  std::string login;
  std::string display_name;
  std::string role;
  std::string org_code;  // or org_id
  int64_t org_id = 0;
  int64_t member_id = 0;
  std::string password;
};

class App final {
 public:
  App(store::Store& store, const RuleSet& rules, Clock clock = SystemClockMs);
  ~App();

  // ---- authentication
  // kUnauthorized on a wrong login or password (same message for both), kTooManyRequests when
  // throttled (message says how many minutes to wait). Every attempt is audited.
  Result<LoginResult> Login(const std::string& login, const std::string& password, const std::string& ip);
  // The session of a token; kUnauthorized when unknown or expired. Cached in-process for a few seconds
  // (docs/decisions/0005-sessions.md).
  Result<Session> Authenticate(const std::string& token);
  Status Logout(const std::string& token, const Caller& caller);
  Status ChangePassword(const Caller& caller, const std::string& old_password, const std::string& new_password);

  // ---- accounts
  // `caller` nullptr = the command line (system administrator).
  Result<Account> CreateUser(const Caller* caller, const NewUser& u);
  Result<std::vector<Account>> ListUsers(const Caller& caller);

  // ---- organizations
  Result<std::vector<OrgView>> Roots(const Caller& caller);
  Result<OrgView> GetOrg(const Caller& caller, OrgId id);
  Result<std::vector<OrgView>> Children(const Caller& caller, OrgId id);
  // `year` as text from the query ("" = the current year); kInvalid("year") when not a year.
  // ---- restructuring (src/app/restructure.cpp)
  // Body {"kind", "effective", "decision": {"number", "date", "body"}, "subject", "sources": [ids],
  // "new_parent", "new_name", "new_code", "assignments": [{"unit", "to"}], "dissolve_subject", "receiver",
  // "note"} (fields of domain/restructure.h). Every organization involved must be within the caller's
  // organizations (CanWriteOrgs). `dry_run`: the plan and hand-over only, nothing written. Applied: the
  // decision, the steps and the audit entry in one transaction, the counts of every receiving
  // organization checked against the hand-over before commit; a refusal is audited.
  Result<RestructureOutcome> Restructure(const Caller& caller, const Json& body, bool dry_run);
  // Records the decisions of a restructuring loaded with the register (BulkLoad's earlier parents: the
  // demo's 2025 reform) as the restructuring history would have them: for each earlier parent, a split of
  // its units to their parents from `until`, dissolving it when it ended that day, with the moves and the
  // hand-overs counted from `members` (BulkLoad's, without events) as of the day before. `decision(parent)`
  // gives each one its decision. Returns the number of decisions recorded.
  Result<size_t> RecordLoadedRestructures(const std::vector<PastParent>& past, const std::vector<Member>& members,
                                          const std::function<OrgDecision(const Organization&)>& decision);
  // The decisions whose subject lies in `org`'s subtree, newest first.
  Result<std::vector<store::OrgEventRow>> ListOrgEvents(const Caller& caller, OrgId org);
  // The organization and its units as they were on `as_of` (names, kinds and parents of that day;
  // without counts). Roots when `id` is invalid (the caller's home organization for non-admins).
  Result<OrgView> GetOrgAsOf(const Caller& caller, OrgId id, Date as_of);
  Result<std::vector<OrgView>> ChildrenAsOf(const Caller& caller, OrgId id, Date as_of);

  // Today's figures from the aggregates, or those of `as_of` (YYYY-MM-DD, not in the future) read member by
  // member (Tx::CountSubtreeAsOf); the year defaults to as_of's.
  Result<OrgStats> GetOrgStats(const Caller& caller, OrgId id, std::string_view year, std::string_view as_of = {});
  Result<Organization> CreateOrg(const Caller& caller, const Json& body);
  Result<Organization> UpdateOrg(const Caller& caller, OrgId id, const Json& body);

  // ---- members
  Result<MemberList> ListMembers(const Caller& caller, const MemberListParams& p);
  // kNotFound both when the member does not exist and when it is outside the caller's scope
  // (the attempt is audited as member.read_denied). Reads of another person's record are audited.
  // `branch`, when given, receives the member's branch code and name.
  Result<Member> GetMember(const Caller& caller, MemberId id, BranchLabel* branch = nullptr);
  Result<Member> CreateMember(const Caller& caller, const Json& body, BranchLabel* branch = nullptr);
  Result<Member> UpdateMember(const Caller& caller, MemberId id, const Json& body, BranchLabel* branch = nullptr);

  // ---- the member's photo (src/app/photo.cpp; issue #4)
  // The photo file (its content type and bytes, named "anh-<id>.jpg|png"). kNotFound when the member has
  // none, and when the member is outside the caller's scope (the attempt audited as member.read_denied, as
  // GetMember). A member account sees its own photo; reading another person's is audited
  // (member.photo.read, an access entry).
  Result<ExportFile> GetMemberPhoto(const Caller& caller, MemberId id);
  // Stores `bytes` (the whole file) as the member's photo, replacing any: a JPEG or PNG within the limits of
  // the rule set in force today (InspectPhoto: kInvalid or kPayloadTooLarge on "photo"; nothing written).
  // Same scope and rights as UpdateMember (kNotFound outside the scope, audited as member.write_denied;
  // kForbidden without the right to write the branch's members). Audited as member.photo.set in the same
  // transaction, with the type, size and dimensions before and after (never the bytes). Returns what was
  // stored, without the bytes.
  Result<store::MemberPhotoRow> SetMemberPhoto(const Caller& caller, MemberId id, std::string_view bytes);
  // Removes the member's photo (kNotFound when there is none); same scope, rights and audit
  // (member.photo.delete) as SetMemberPhoto.
  Status DeleteMemberPhoto(const Caller& caller, MemberId id);

  // ---- dossier (src/app/dossier.cpp)
  // The dossier in force on `as_of` ("" = today; kInvalid("as_of") when not a date). Same scope and
  // audit as GetMember.
  Result<DossierView> GetDossier(const Caller& caller, MemberId id, const std::string& as_of);
  // Records a new version: body {"valid_from": "YYYY-MM-DD", "note": "...", "dossier": {...}} (the whole
  // dossier), and "supplement_id" to mark the member "changed" in that yearly supplement campaign. Catalog values are
  // matched, every field checked (NormalizeDossier); audited with the version in force before on that date.
  Result<DossierVersion> UpdateDossier(const Caller& caller, MemberId id, const Json& body);
  // Every version, newest first.
  Result<std::vector<DossierVersion>> DossierHistory(const Caller& caller, MemberId id);

  // ---- yearly supplement (src/app/supplement.cpp)
  // Body {"year": 2026, "due": "YYYY-MM-DD"|null}. Committees (CanWriteOrgs) open one per year.
  Result<SupplementCampaign> OpenSupplement(const Caller& caller, OrgId org, const Json& body);
  // The campaigns that cover `org`: opened by it or by an organization above it.
  Result<std::vector<SupplementCampaign>> ListSupplements(const Caller& caller, OrgId org);
  // Progress per branch and the pending members, for the subtree of `org` ("" = the campaign's
  // organization, or the caller's own when the caller sees only part of it).
  Result<SupplementView> GetSupplement(const Caller& caller, int64_t id, const std::string& org);
  // Body {"state": "changed"|"no_change"}: the member's entry, replaced if given before. Audited.
  Status RecordSupplement(const Caller& caller, int64_t id, MemberId member, const Json& body);
  Status CloseSupplement(const Caller& caller, int64_t id);

  // ---- annual rating (src/app/rating.cpp)
  // Body {"year", "quarter" (0 = year), "rating_date", "self_due", "branch_due", "committee_due",
  // "decision_due"}. Committees (CanWriteOrgs) open one per period for their subtree.
  Result<store::RatingCampaign> OpenRating(const Caller& caller, OrgId org, const Json& body);
  // The campaigns that cover `org`: opened by it or above it.
  Result<std::vector<store::RatingCampaign>> ListRatings(const Caller& caller, OrgId org);
  // Progress per branch of `org`'s part ("" = the campaign's organization, or the caller's own).
  Result<RatingBoard> GetRatingBoard(const Caller& caller, int64_t id, const std::string& org);
  // One branch's members with their ratings, derived levels and the cap meter.
  Result<RatingSheet> GetRatingSheet(const Caller& caller, int64_t id, OrgId branch);
  // The campaigns covering the member's branch (opened by it or above it), newest first, each with the
  // member's line: the stored rating, the derived level, the reason when not rated. A campaign whose rating
  // date the member was not a member on is left out. kNotFound when the caller may not see the member (a
  // member account sees only itself).
  Result<std::vector<MemberRatingCard>> MemberRatings(const Caller& caller, MemberId member);
  // The member's self-assessment (the member or the branch): {"scores": [...], "tasks": {...}, "led_area",
  // "shortcomings_remedied", "disciplined", "discipline_self_detected", "degraded", "role", "duty_group"}.
  Result<store::MemberRatingRow> SelfAssess(const Caller& caller, int64_t id, MemberId member, const Json& body);
  // The branch's proposal {"level", "note"}.
  Result<store::MemberRatingRow> ProposeRating(const Caller& caller, int64_t id, MemberId member, const Json& body);
  // The committee's decisions for one branch in one transaction: {"org_id", "dry_run", "entries": [{"member_id",
  // "level", "override_reason", "duty_group", "role"} | {"member_id", "not_rated", "detail", "leave_months"}]}.
  // Every entry is checked and the caps over the whole organization before anything is written.
  Result<RatingDecisionResult> DecideRatings(const Caller& caller, int64_t id, const Json& body);
  // A higher committee lowers a decided rating: {"level", "reason"}.
  Result<store::MemberRatingRow> DowngradeRating(const Caller& caller, int64_t id, MemberId member, const Json& body);
  // An organization's rating: its assessment and the decision ({"scores", "tasks", flags, "level",
  // "override_reason"} or {"not_rated", "detail"}); its members' and subordinates' levels come from the store.
  Result<store::OrgRatingRow> RateOrg(const Caller& caller, int64_t id, OrgId org, const Json& body);
  Status CloseRating(const Caller& caller, int64_t id);
  // The statistics of `org`'s subtree for a year ("" = this year) and quarter ("" = 0).
  // With `as_of` (YYYY-MM-DD, not in the future): the structure of that day — the units then, each summing
  // the outcomes of the branches (and the organizations' own ratings) under it that day; kInvalid("as_of")
  // when the organization did not exist that day.
  Result<RatingReport> GetRatingReport(const Caller& caller, OrgId org, const std::string& year,
                                       const std::string& quarter, const std::string& as_of = {});
  // The same as .xlsx (every table on one sheet).
  Result<ExportFile> ExportRatingReport(const Caller& caller, OrgId org, const std::string& year,
                                        const std::string& quarter, const std::string& as_of = {});

  // ---- admission (src/app/admission.cpp)
  // Body: the candidate file ({"branch_id", "full_name", "gender", "birth_date", "ethnicity", "religion",
  // "youth_union", "private_enterprise", "source", "general_education", "education_consent",
  // "over_age_consent", "awareness_certificate_date", "application_date", "cv_date", "introducers":
  // [{"kind", "member_id"|"name", "official_since", "together_since"}], "verifications": [...],
  // "comments": [...]}). Opened by whoever may write members of the branch. Audited.
  Result<AdmissionCaseView> CreateAdmissionCase(const Caller& caller, const Json& body);
  // Changes the candidate file (same fields, all optional, "version" required) while the case is at the
  // candidate stage; verifications and comments at any open stage.
  Result<AdmissionCaseView> UpdateAdmissionCase(const Caller& caller, int64_t id, const Json& body);
  Result<AdmissionCaseView> GetAdmissionCase(const Caller& caller, int64_t id);
  // Cases of the subtree of `org` ("" = the caller's home), newest first; `stage` filters ("" = any,
  // "open" = not closed).
  Result<std::vector<AdmissionCaseView>> ListAdmissionCases(const Caller& caller, const std::string& org,
                                                            const std::string& stage);
  // Body {"kind", "date", "document_number", "votes": {"yes", "no", "entitled"}, "reason",
  // "extension_working_days", "received_on", "consent_document", "version"}. Through the domain state
  // machine; the actor is checked (branch / grassroots office / competent committee); the decision creates
  // the probationary member, the ceremony sets their ceremony date, the recognition decision makes them
  // official on decision + 12 months, a stop after the decision removes them. A refusal changes nothing
  // and is audited (admission.refused).
  Result<AdmissionCaseView> RecordAdmissionStep(const Caller& caller, int64_t id, const Json& body);
  Result<AdmissionInbox> GetAdmissionInbox(const Caller& caller, const std::string& org);
  // Body {"period": "year"|"term", "first_year", "last_year" (term), "target"}. Committees of the org's
  // subtree or above (CanWriteOrgs). Audited.
  Result<AdmissionQuota> SetAdmissionQuota(const Caller& caller, OrgId org, const Json& body);
  Result<std::vector<AdmissionQuota>> ListAdmissionQuotas(const Caller& caller, OrgId org);
  // Admitted vs target for the subtree of `org` and its children over [from, to] ("" = the year so far).
  // With `as_of` (YYYY-MM-DD, not in the future): the structure of that day — the organization's units
  // then, each counting the candidates admitted by the branches under it that day (issue #7: every report
  // "as of" a date); kInvalid("as_of") when the organization did not exist that day.
  Result<QuotaReport> GetAdmissionReport(const Caller& caller, OrgId org, const std::string& period,
                                         const std::string& from, const std::string& to, const std::string& as_of = {});
  // The same report as .xlsx: one row per unit, then the total.
  Result<ExportFile> AdmissionReportXlsx(const Caller& caller, OrgId org, const std::string& period,
                                         const std::string& from, const std::string& to, const std::string& as_of = {});
  // Body {"committee_id"}: the competent committee for the subtree of `org` (province staff, admin).
  // Body {"committee_id": id | null}; null returns the subtree to the default.
  Status SetCompetentCommittee(const Caller& caller, OrgId org, const Json& body);
  // Who decides admissions for the subtree of `org`, and the committees that may be set (staff who see it).
  Result<CompetenceView> GetCompetentCommittee(const Caller& caller, OrgId org);
  // The working-day calendar (seeded from rules/holidays.csv at the first start); administrators replace
  // a year: body {"status": "official"|"provisional", "source", "days": [{"date", "working", "name"}]}.
  Result<WorkCalendar> GetWorkCalendar();
  Status ReplaceCalendarYear(const Caller& caller, int year, const Json& body);
  void SeedCalendar();

  // ---- member events (src/app/member_event.cpp)
  // Body {"kind", "effective_on", "decision_number", "decision_date", "decision_body", "decision_body_name",
  // "until", "ground", "ground_months", "card_returned", "card_returned_on", "note", "supersedes"}. Scope: the
  // member's branch in the caller's subtree (kNotFound otherwise, as GetMember); exemption, its end and
  // reduction by whoever writes the branch's members (branch secretaries included); removal, withdrawal,
  // expulsion and death by grassroots staff or higher (kForbidden for a branch secretary). Checked by
  // ApplyMemberEvent; the status change goes through Tx::UpdateMember (counts follow) in the same
  // transaction as the event and its audit entries. A refusal changes nothing and is audited
  // (member_event.refused).
  Result<MemberEventRecorded> RecordMemberEvent(const Caller& caller, MemberId id, const Json& body);
  // The member's events with the party age; same scope and audit as GetMember.
  Result<MemberEventsView> ListMemberEvents(const Caller& caller, MemberId id);
  // The events in force of `org`'s subtree effective in `year` ("" = this year), of `kind` ("" = any),
  // newest first (at most 1000), with the counts by kind. Staff and branch secretaries of the subtree.
  Result<MemberEventReport> GetMemberEventReport(const Caller& caller, OrgId org, const std::string& year,
                                                 const std::string& kind);
  // The detection lists of `org`'s subtree: probationary members past the recognition review deadline,
  // members whose workplace or residence changed in their dossier after their registration, exemptions and
  // reductions whose period is over.
  Result<Watchlist> GetWatchlist(const Caller& caller, OrgId org);
  // ---- transfers (src/app/transfer.cpp)
  // Body {"member_id", "kind": "official"|"temporary", "temporary_reason": "work_or_residence"|"study",
  // "temporary_until", "to_branch_id" | ("external_kind": "other_province"|"army"|"police"|"abroad",
  // "external_name"), "decision_number", "decision_date", "decision_body", "decision_effective",
  // "requested_on" (default today)}. The sending side opens it: whoever may write members of the member's
  // branch. Refused: a member under review (member_reviews), a member not active, a second open case, a
  // receiving unit not in the tree, not a branch or dissolved. Refusals are audited (transfer.refused).
  Result<TransferView> CreateTransfer(const Caller& caller, const Json& body);
  // Seen by both sides: the caller's scope holds the sending or the receiving branch (else kNotFound).
  Result<TransferView> GetTransfer(const Caller& caller, int64_t id);
  // Body {"kind", "date", "reason", "dossier_complete", "fees_paid_to", "version"}. Sending side: review,
  // letter (committee staff: numbered in their transfer book), cancel; receiving side: presented,
  // registered (an external destination: the sending side records the confirmation); a temporary return:
  // either side. Registration of an official transfer moves the member to the receiving branch (status
  // kept), or, to an external destination, marks them transferred out on the letter's date; in the same
  // transaction. kConflict on a stale "version" or a step already recorded. Refusals are audited.
  Result<TransferView> RecordTransferStep(const Caller& caller, int64_t id, const Json& body);
  // Cases of a member (`member_id`), or both sides of the subtree of `org` ("" = the caller's home).
  Result<std::vector<TransferView>> ListTransfers(const Caller& caller, const std::string& org,
                                                  const std::string& member_id);
  // `state`: "" = every case, "open", or a state name.
  Result<TransferBoard> GetTransferBoard(const Caller& caller, OrgId org, const std::string& state);
  // The introduction letter of a case as a PDF (src/app/transfer_letter.cpp): seen as the case (else
  // kNotFound), kNotFound "letter" when no letter was issued. The read is audited (transfer.letter_read).
  Result<ExportFile> TransferLetterPdf(const Caller& caller, int64_t id);
  // The transfer book of the committee `org` for `year` ("YYYY"): staff whose scope includes the committee
  // (else kNotFound); kInvalid "year"; kInvalid "org" when `org` holds members (a branch has no book).
  // Audited as a read (transfer.book_read).
  Result<TransferBook> GetTransferBook(const Caller& caller, OrgId org, const std::string& year);
  // The same as a file: `format` "pdf" or "xlsx" (else kInvalid "format").
  Result<ExportFile> TransferBookFile(const Caller& caller, OrgId org, const std::string& year,
                                      const std::string& format);
  Result<std::vector<TemporaryMember>> TemporaryMembers(const Caller& caller, OrgId org);
  // Receiving units across the whole tree for any staff account: the query without diacritics.
  Result<std::vector<store::OrgDirectoryEntry>> OrgDirectory(const Caller& caller, const std::string& q);
  // Body {"under_review": true, "since", "reason"} or {"under_review": false}: committee staff of the
  // member's branch (CanWriteOrgs). Audited.
  Result<std::optional<store::MemberReview>> SetMemberReview(const Caller& caller, MemberId id, const Json& body);
  Result<std::optional<store::MemberReview>> GetMemberReview(const Caller& caller, MemberId id);

  // ---- import and export (src/app/import_export.cpp)
  // Reads an .xlsx or CSV file of members for the organization `org` (a branch, or any organization when
  // each row names its branch in "Mã chi bộ"), validates every row, and — unless dry_run — writes the
  // valid rows in one transaction: all of them, and only when no row has an issue, unless skip_invalid.
  // `caller` nullptr = the command line. File-level problems are errors; row problems are in the report.
  // Asked to apply a file with bad rows without skip_invalid: the report, with `refusal` set.
  Result<ImportReport> ImportMembers(const Caller* caller, OrgId org, std::string_view file,
                                     const ImportOptions& options);
  // The member sheet (phiếu đảng viên, Mẫu 2-HSĐV) or CV (lý lịch đảng viên, Mẫu 1-HSĐV) as PDF, from the
  // register and the dossier in force on `as_of` ("" = today). Same scope and audit as GetDossier.
  Result<ExportFile> MemberFormPdf(const Caller* caller, MemberId id, const std::string& as_of, MemberForm form);
  // The import template: the header row of the list layout, as .xlsx.
  Result<ExportFile> ImportTemplate();
  // Every member matching the filter, as .xlsx or CSV, in the list layout or the member book layout
  // (Mẫu 7-HSĐV, 14 columns). Audited (member.export) with the filter and the row count.
  Result<ExportFile> ExportMembers(const Caller* caller, const ExportRequest& request);

  // ---- document templates and documents (src/app/documents.cpp; docs/decisions/0011-document-templates.md)
  // Every kind with its template in force. Any signed-in staff account (not kMember).
  Result<std::vector<DocTemplateView>> ListDocTemplates(const Caller& caller);
  // One template with its history; kNotFound for an unknown key.
  Result<DocTemplateView> GetDocTemplate(const Caller& caller, const std::string& key);
  // Body {"text"}: parsed against the kind's fields (kInvalid "text" with line and column, nothing stored),
  // then stored as a new version. Administrators only. Audited (doc_template.save), one transaction.
  Result<DocTemplateView> SaveDocTemplate(const Caller& caller, const std::string& key, const Json& body);
  // Stores a reset version: the built-in template applies again. Administrators only. Audited.
  Result<DocTemplateView> ResetDocTemplate(const Caller& caller, const std::string& key);
  // Renders body {"text"} (or, without it, the template in force) with the kind's sample values, as PDF or
  // DOCX (`format`). Administrators only; nothing stored.
  Result<ExportFile> PreviewDocTemplate(const Caller& caller, const std::string& key, const Json& body,
                                        const std::string& format);
  // The member's rating form (Mẫu 2A) of a campaign, from the stored self-assessment, proposal and
  // decision (blank lines where there is none yet). Scope of the member's branch: kNotFound outside.
  Result<ExportFile> RatingMemberDocument(const Caller& caller, int64_t id, MemberId member, const std::string& format);
  // The collective report of a subtree and period: the figures of GetRatingReport.
  Result<ExportFile> RatingReportDocument(const Caller& caller, OrgId org, const std::string& year,
                                          const std::string& quarter, const std::string& format);
  // One document of an admission case (`kind`: branch_resolution, committee_resolution, decision,
  // ceremony), from the case and its step (blank lines before the step is recorded).
  Result<ExportFile> AdmissionDocument(const Caller& caller, int64_t id, const std::string& kind,
                                       const std::string& format);

  // ---- catalogs (src/app/catalogs.cpp)
  // Inserts the built-in entries that are missing (run at construction).
  void SeedCatalogs();
  Result<std::vector<CatalogEntry>> ListCatalog(const Caller& caller, const std::string& kind);
  // Administrators only. Body {"code","name","aliases":[…]}; every change is audited.
  Result<CatalogEntry> AddCatalogEntry(const Caller& caller, const std::string& kind, const Json& body);
  Result<CatalogEntry> SetCatalogEntryRetired(const Caller& caller, const std::string& kind, const std::string& code,
                                              bool retired);
  // Refused (kConflict) for built-in entries and for entries members use: those are retired instead.
  Status DeleteCatalogEntry(const Caller& caller, const std::string& kind, const std::string& code);
  // Loads the commune-level units from the official list file (src/app/import_export.cpp): a dry run
  // reports what would be added, changed and no longer listed; applying writes all of it or nothing.
  // Administrators only (nullptr caller: the command line).
  Result<CommuneImportReport> ImportCommunes(const Caller* caller, std::string_view file,
                                             const CommuneImportOptions& options);

  // ---- audit
  Result<std::vector<store::AuditEntry>> ListAudit(const Caller& caller, const std::string& entity, int64_t entity_id,
                                                   int64_t before_id, int limit);

  // Writes buffered access entries now (also done when 256 are buffered, and every 50 ms by a background
  // thread, which also indexes the access log every 5 minutes: docs/decisions/0006-access-log.md).
  void FlushReadAudit();

  // Gives a count ledger to the organizations grown to kLedgerMembers registrations (decision 0010); the
  // background thread does it a minute after start and then every hour; a restructuring does it for the
  // organizations it enlarges. Returns how many it built.
  size_t ReviewCountLogs();
  // The size from which any organization keeps a ledger (kLedgerMembers; smaller in tests).
  void set_ledger_members(int64_t n) { ledger_members_ = n; }

  static std::string HashPassword(const std::string& password);
  static bool VerifyPassword(const std::string& hash, const std::string& password);

 private:
  Date Today() const;
  store::AuditEntry Audit(const Caller* caller, std::string action, std::string entity, int64_t id,
                          std::string org_path) const;
  void BufferReadAudit(store::AuditEntry e);
  // Replaces ethnicity and religion by the catalog name they match (code, name or alias, without
  // diacritics); values equal to `before`'s are kept as they are (entries since retired stay valid).
  Status ResolveCatalogFields(store::Tx& tx, Member& m, const Member* before);
  void WriteAccessBatch(bool wait);
  static constexpr size_t kAccessBatch = 256;
  Status CheckMemberPlacement(store::Tx& tx, const Caller& caller, const Member& m, Organization& org);
  Status RecordSupplementEntry(store::Tx& tx, const Caller& caller, int64_t id, MemberId member, SupplementState state);
  // Turns list parameters into a store query; `org` receives the organization id asked for.
  Result<store::MemberQuery> ParseMemberList(const Caller& caller, const MemberListParams& p, int64_t& org);

  // ---- admission helpers (src/app/admission.cpp)
  Result<WorkCalendar> LoadCalendar(store::Tx& tx);
  // The case with its office, competent committee and next step; `actors`, when given, caches the
  // office and committee per branch id across calls.
  Result<AdmissionCaseView> ViewCase(store::Tx& tx, store::AdmissionCaseRow row, const WorkCalendar& cal,
                                     std::map<int64_t, AdmissionCaseView>* actors = nullptr);
  Result<AdmissionCaseView> FinishView(AdmissionCaseView v, store::AdmissionCaseRow row, const WorkCalendar& cal);
  // Audits a refused change (its own transaction: the refused one was rolled back) with the reason.
  void AuditRefusal(const Caller& caller, const std::string& action, const std::string& entity, int64_t id,
                    const std::string& path, const Error& e);
  // What a rating write was aimed at (src/app/rating.cpp), known once it is read: a refusal after that is
  // audited as rating.refused, out-of-scope attempts included.
  struct RatingTarget {
    std::string entity;
    int64_t id = 0;
    std::string path;
  };
  Status AuditedRating(const Caller& caller, const RatingTarget& target, Status s);
  // ---- photo helper (src/app/photo.cpp): the member of a photo change, checked for scope and rights.
  Result<store::Tx::MemberWithBranch> PhotoTarget(store::Tx& tx, const Caller& caller, MemberId id, bool& denied);
  // ---- document helpers (src/app/documents.cpp)
  Result<DocTemplateView> LoadDocTemplate(store::Tx& tx, const print::DocKind& kind, bool with_history);
  // The kind's template in force rendered with `values` as an ExportFile named `name`.{pdf,docx}.
  Result<ExportFile> RenderDocument(const print::DocKind& kind, const print::Record& values, const std::string& name,
                                    const std::string& format);
  // ---- transfer helpers (src/app/transfer.cpp)
  Result<TransferView> ViewTransfer(const Caller& caller, store::TransferCaseRow row, const WorkCalendar& cal);

  store::Store& store_;
  const RuleSet& rules_;
  Clock clock_;
  std::atomic<int64_t> ledger_members_{kLedgerMembers};

  struct CachedSession {
    Session session;
    int64_t checked_at_ms;
  };
  std::mutex session_mu_;
  std::map<std::string, CachedSession> session_cache_;

  std::mutex audit_mu_;
  std::condition_variable audit_cv_;
  std::vector<store::AuditEntry> read_audit_;
  std::mutex audit_write_mu_;  // one access batch written at a time
  bool stopping_ = false;
  std::thread audit_flusher_;
};

}  // namespace tcxd::app
