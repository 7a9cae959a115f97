// Transfer use cases (issue #7): a transfer of party registration seen by both sides, its steps through the
// domain state machine (src/domain/transfer.h) with who acts where, the introduction letter numbered in the
// issuing committee's transfer book, the member moved (or marked transferred out) at registration in the
// same transaction, the boards of both sides, temporary members, the directory of receiving units and the
// members under review.
#include <algorithm>
#include <array>
#include <charconv>

#include "app/json_fields.h"
#include "app/service.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr int kBoardLimit = 500;
constexpr int kDirectoryLimit = 20;

struct ExternalEntry {
  std::string_view name;
  Msg label;
};
constexpr std::array<ExternalEntry, 4> kExternalKinds = {{
    {"other_province", Msg::kTransferExternalOtherProvince},
    {"army", Msg::kTransferExternalArmy},
    {"police", Msg::kTransferExternalPolice},
    {"abroad", Msg::kTransferExternalAbroad},
}};

std::optional<Msg> ExternalLabel(std::string_view name) {
  for (const auto& e : kExternalKinds) {
    if (e.name == name) return e.label;
  }
  return std::nullopt;
}

Msg StepLabel(TransferStepKind k) {
  switch (k) {
    case TransferStepKind::kSendingReview:
      return Msg::kTransferStepSendingReview;
    case TransferStepKind::kLetter:
      return Msg::kTransferStepLetter;
    case TransferStepKind::kPresented:
      return Msg::kTransferStepPresented;
    case TransferStepKind::kRegistered:
      return Msg::kTransferStepRegistered;
    case TransferStepKind::kReturned:
      return Msg::kTransferStepReturned;
    case TransferStepKind::kCancel:
      break;
  }
  return Msg::kTransferStepCancel;
}

bool External(const store::TransferCaseRow& r) {
  return !r.to_branch_id.valid();
}

// The side that records a step: the receiving side presents and registers (the sending side for an
// external destination, on the confirmation that comes back); a return belongs to both.
enum class Side { kSending, kReceiving, kEither };

Side SideOf(TransferStepKind k, const store::TransferCaseRow& r) {
  switch (k) {
    case TransferStepKind::kPresented:
    case TransferStepKind::kRegistered:
      return External(r) ? Side::kSending : Side::kReceiving;
    case TransferStepKind::kReturned:
      return Side::kEither;
    case TransferStepKind::kSendingReview:
    case TransferStepKind::kLetter:
    case TransferStepKind::kCancel:
      break;
  }
  return Side::kSending;
}

bool ActsSending(const Account& a, const store::TransferCaseRow& r) {
  return CanWriteMembers(a, r.from_path);
}

bool ActsReceiving(const Account& a, const store::TransferCaseRow& r) {
  return !External(r) && !r.to_path.empty() && CanWriteMembers(a, r.to_path);
}

// Whether the caller may record `k` on the case (the letter: committee staff above the branch only).
bool MayRecord(const Account& a, TransferStepKind k, const store::TransferCaseRow& r) {
  if (k == TransferStepKind::kLetter) return CanWriteOrgs(a, r.from_path);
  switch (SideOf(k, r)) {
    case Side::kSending:
      return ActsSending(a, r);
    case Side::kReceiving:
      return ActsReceiving(a, r);
    case Side::kEither:
      break;
  }
  return ActsSending(a, r) || ActsReceiving(a, r);
}

// The steps valid in the case's state (the domain checks again).
std::vector<TransferStepKind> StepsOfState(const TransferCase& c) {
  switch (c.state) {
    case TransferState::kRequested:
      return {TransferStepKind::kSendingReview, TransferStepKind::kCancel};
    case TransferState::kApproved:
      return {TransferStepKind::kLetter, TransferStepKind::kCancel};
    case TransferState::kLetterIssued:
      return {TransferStepKind::kPresented, TransferStepKind::kCancel};
    case TransferState::kPresented:
      return {TransferStepKind::kRegistered, TransferStepKind::kCancel};
    case TransferState::kRegistered:
      if (c.kind == TransferKind::kTemporary) return {TransferStepKind::kReturned};
      break;
    case TransferState::kReturned:
    case TransferState::kCancelled:
      break;
  }
  return {};
}

bool CaseVisible(const Account& a, const store::TransferCaseRow& r) {
  if (a.role == Role::kMember) return !a.disabled && a.member_id == r.member_id;
  return CanSeeOrg(a, r.from_path) || (!r.to_path.empty() && CanSeeOrg(a, r.to_path));
}

Result<int64_t> ParseId(const std::string& s, const std::string& field) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return Error::Invalid(field, Msg::kBadId);
  return v;
}

// The request fields onto the case; the receiving branch's id in `to_branch`.
void ReadRequest(const Json& body, store::TransferCaseRow& row, int64_t& member_id, int64_t& to_branch,
                 FieldErrors& errors) {
  TransferCase& t = row.state;
  for (const auto& [k, v] : body.items()) {
    if (k == "member_id" || k == "to_branch_id") {
      if (v.is_null() && k == "to_branch_id") continue;
      if (!v.is_number_integer() || v.get<int64_t>() <= 0) {
        errors.Add(k, Msg::kBadId);
      } else {
        (k == "member_id" ? member_id : to_branch) = v.get<int64_t>();
      }
    } else if (k == "kind") {
      const std::string s = v.is_string() ? v.get<std::string>() : "";
      if (s == "official" || s == "temporary") {
        t.kind = s == "official" ? TransferKind::kOfficial : TransferKind::kTemporary;
      } else {
        errors.Add(k, Msg::kTransferKind);
      }
    } else if (k == "temporary_reason") {
      const std::string s = v.is_string() ? v.get<std::string>() : "";
      if (s == "work_or_residence" || s == "study") {
        t.temporary_reason = s == "study" ? TemporaryReason::kStudy : TemporaryReason::kWorkOrResidence;
      } else if (!v.is_null() && !(v.is_string() && s.empty())) {
        errors.Add(k, Msg::kTransferTemporaryReason);
      }
    } else if (k == "temporary_until") {
      t.temporary_until = DateField(v, k, errors);
    } else if (k == "external_kind") {
      row.external_kind = TextField(v, k, errors);
      if (!row.external_kind.empty() && !ExternalLabel(row.external_kind)) errors.Add(k, Msg::kTransferExternalKind);
    } else if (k == "external_name") {
      row.external_name = TextField(v, k, errors);
    } else if (k == "decision_number") {
      row.decision_number = TextField(v, k, errors);
    } else if (k == "decision_body") {
      row.decision_body = TextField(v, k, errors);
    } else if (k == "decision_date") {
      row.decision_date = DateField(v, k, errors).value_or(Date());
    } else if (k == "decision_effective") {
      t.decision_effective = DateField(v, k, errors).value_or(Date());
    } else if (k == "requested_on") {
      if (auto d = DateField(v, k, errors)) t.requested_on = *d;
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  for (const char* f :
       {"member_id", "kind", "decision_number", "decision_date", "decision_body", "decision_effective"}) {
    if (!body.contains(f) || body[f].is_null() || (body[f].is_string() && body[f].get<std::string>().empty()))
      errors.Add(f, Msg::kRequired);
  }
  const bool has_to = to_branch > 0;
  const bool has_external = !row.external_kind.empty() || !row.external_name.empty();
  if (!has_to && !has_external) errors.Add("to_branch_id", Msg::kTransferDestinationRequired);
  if (has_to && has_external) errors.Add("external_kind", Msg::kTransferDestinationBoth);
  if (!has_to && has_external) {
    if (row.external_kind.empty()) errors.Add("external_kind", Msg::kTransferExternalKind);
    if (row.external_name.empty()) errors.Add("external_name", Msg::kRequired);
  }
}

// A step's body onto `step`; the expected version in `version`.
void ReadStep(const Json& body, TransferStep& step, std::optional<int>& version, FieldErrors& errors) {
  for (const auto& [k, v] : body.items()) {
    if (k == "kind") {
      auto kind = v.is_string() ? ParseTransferStep(v.get<std::string>()) : std::nullopt;
      if (!kind) {
        errors.Add(k, Msg::kTransferStepKind);
      } else {
        step.kind = *kind;
      }
    } else if (k == "date") {
      if (auto d = DateField(v, k, errors)) step.date = *d;
    } else if (k == "reason") {
      step.reason = TextField(v, k, errors);
    } else if (k == "dossier_complete") {
      step.dossier_complete = BoolField(v, k, errors);
    } else if (k == "fees_paid_to") {
      if (!step.letter) step.letter = TransferLetter{};
      step.letter->fees_paid_to = TextField(v, k, errors);
    } else if (k == "version") {
      if (!v.is_number_integer()) {
        errors.Add(k, Msg::kWrongType);
      } else {
        version = v.get<int>();
      }
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  for (const char* f : {"kind", "date"}) {
    if (!body.contains(f)) errors.Add(f, Msg::kRequired);
  }
}

// The domain's field names as the API's.
Error ApiField(Error e) {
  if (e.field == "to") e.field = "to_branch_id";
  if (e.field == "letter.fees_paid_to") e.field = "fees_paid_to";
  return e;
}

Json OrgRef(OrgId id, const std::string& code, const std::string& name) {
  if (!id.valid()) return nullptr;
  return {{"id", id.value}, {"code", code}, {"name", name}};
}

}  // namespace

// ======================================================================= views

Result<TransferView> App::ViewTransfer(const Caller& caller, store::TransferCaseRow row, const WorkCalendar& cal) {
  TransferView v;
  TransferContext ctx{rules_, cal, Today()};
  auto next = NextTransferDue(row.state, ctx);
  if (!next.ok()) return next.error();
  v.next = *next;
  if (v.next) {
    v.next_actor = SideOf(v.next->step, row) == Side::kReceiving ? "receiving" : "sending";
  }
  v.caller_sending = ActsSending(caller.account, row);
  v.caller_receiving = ActsReceiving(caller.account, row);
  for (TransferStepKind k : StepsOfState(row.state)) {
    if (MayRecord(caller.account, k, row)) v.allowed.push_back(k);
  }
  v.row = std::move(row);
  return v;
}

// ======================================================================= create

Result<TransferView> App::CreateTransfer(const Caller& caller, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  store::TransferCaseRow row;
  row.state.requested_on = Today();
  int64_t member_id = 0;
  int64_t to_branch = 0;
  FieldErrors errors;
  ReadRequest(body, row, member_id, to_branch, errors);
  if (row.decision_date > Today()) errors.Add("decision_date", Msg::kDateInFuture);
  // Without a member there is nothing to attach the refusal to; other errors are audited below.
  if (member_id <= 0) return errors.ToError();
  row.member_id = MemberId(member_id);
  row.to_branch_id = OrgId(to_branch);
  if (row.state.kind == TransferKind::kOfficial) row.state.temporary_reason = TemporaryReason::kWorkOrResidence;
  row.created_by = caller.account.login;
  row.created_at_ms = clock_();

  std::string path;  // the member's branch, for the audit of a refusal
  Result<TransferView> out = Error::Internal("not run");
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto m = tx.GetMemberWithPath(row.member_id);
    if (!m) return Error::NotFound();
    path = m->path;  // an attempt out of scope is audited too
    if (!CanSeeOrg(caller.account, m->path)) return Error::NotFound();
    if (!CanWriteMembers(caller.account, m->path)) return Error::Forbidden();
    if (!errors.empty()) return errors.ToError();
    if (!IsCounted(m->member.status)) {
      return Error::Conflict("member_id",
                             Format(Msg::kTransferMemberNotActive, Text(MemberStatusLabel(m->member.status))));
    }
    if (tx.OpenTransferOf(row.member_id)) return Error::Conflict("member_id", Msg::kTransferOpenExists);
    row.from_branch_id = m->member.org_id;
    if (row.to_branch_id.valid()) {
      auto to = tx.GetOrg(row.to_branch_id);
      if (!to) return Error::Invalid("to_branch_id", Msg::kTransferUnknownUnit);
      if (!HoldsMembers(to->kind)) {
        return Error::Invalid("to_branch_id",
                              Format(Msg::kTransferReceivingKind, to->name, Text(OrgKindLabel(to->kind))));
      }
      if (to->dissolved_on && *to->dissolved_on <= Today()) {
        return Error::Invalid("to_branch_id",
                              Format(Msg::kTransferReceivingDissolved, to->name, VnDate(*to->dissolved_on)));
      }
      row.state.same_branch = to->id == row.from_branch_id;
    }
    row.state.member_under_review = tx.GetMemberReview(row.member_id).has_value();
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    TransferContext ctx{rules_, *cal, Today()};
    auto opened = OpenTransfer(row.state, ctx);
    if (!opened.ok()) {
      Error e = ApiField(opened.error());
      if (e.field == "member") e.field = "member_id";
      return e;
    }
    row.state = std::move(*opened);
    auto due = NextTransferDue(row.state, ctx);
    if (!due.ok()) return due.error();
    if (*due) {
      row.next_step = (*due)->step;
      row.next_deadline = (*due)->deadline;
    }
    tx.InsertTransferCase(row);
    auto e = Audit(&caller, "transfer.create", "transfer", row.id, m->path);
    e.note = fmt::format("{} -> {}", m->member.full_name,
                         row.to_branch_id.valid() ? std::to_string(row.to_branch_id.value) : row.external_name);
    tx.AppendAudit(e);
    auto stored = tx.GetTransferCase(row.id);
    if (!stored) return Error::Internal("transfer not stored");
    out = ViewTransfer(caller, std::move(*stored), *cal);
    return out.ok() ? Status::Ok() : Status(out.error());
  });
  if (!s.ok()) {
    if (!path.empty()) AuditRefusal(caller, "transfer.refused", "member", member_id, path, s.error());
    return s.error();
  }
  return out;
}

// ======================================================================= read

Result<TransferView> App::GetTransfer(const Caller& caller, int64_t id) {
  Result<TransferView> out = Error::NotFound();
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto row = tx.GetTransferCase(id);
    if (!row || !CaseVisible(caller.account, *row)) return Error::NotFound();
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    out = ViewTransfer(caller, std::move(*row), *cal);
    return out.ok() ? Status::Ok() : Status(out.error());
  }));
  return out;
}

Result<std::vector<TransferView>> App::ListTransfers(const Caller& caller, const std::string& org,
                                                     const std::string& member_id) {
  if (!member_id.empty()) {
    auto mid = ParseId(member_id, "member_id");
    if (!mid.ok()) return mid.error();
    std::vector<TransferView> out;
    TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
      auto path = tx.MemberOrgPath(MemberId(*mid));
      if (!path || !CanSeeMember(caller.account, MemberId(*mid), *path)) return Error::NotFound();
      auto cal = LoadCalendar(tx);
      if (!cal.ok()) return cal.error();
      for (auto& row : tx.TransferCasesOfMember(MemberId(*mid))) {
        auto v = ViewTransfer(caller, std::move(row), *cal);
        if (!v.ok()) return v.error();
        out.push_back(std::move(*v));
      }
      return Status::Ok();
    }));
    return out;
  }
  int64_t org_id = caller.account.org_id.value;
  if (!org.empty()) {
    auto id = ParseId(org, "org");
    if (!id.ok()) return id.error();
    org_id = *id;
  }
  if (org_id <= 0) return Error::Invalid("org", Msg::kRequired);
  auto board = GetTransferBoard(caller, OrgId(org_id), "");
  if (!board.ok()) return board.error();
  std::vector<TransferView> out = std::move(board->outgoing);
  for (auto& v : board->incoming) {
    const bool dup = std::any_of(out.begin(), out.end(), [&](const TransferView& o) { return o.row.id == v.row.id; });
    if (!dup) out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const TransferView& a, const TransferView& b) { return a.row.id > b.row.id; });
  return out;
}

Result<TransferBoard> App::GetTransferBoard(const Caller& caller, OrgId org, const std::string& state) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  std::optional<TransferState> only;
  if (!state.empty() && state != "open") {
    only = ParseTransferState(state);
    if (!only) return Error::Invalid("state", Msg::kWrongType);
  }
  const bool open_only = state == "open" || (only && *only != TransferState::kCancelled &&
                                             *only != TransferState::kReturned && *only != TransferState::kRegistered);
  TransferBoard board;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto o = tx.GetOrg(org);
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    board.org = *o;
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    for (const auto side : {store::TransferSide::kOutgoing, store::TransferSide::kIncoming}) {
      auto& list = side == store::TransferSide::kOutgoing ? board.outgoing : board.incoming;
      for (auto& row : tx.ListTransferCases(*o, side, open_only, kBoardLimit)) {
        if (only && row.state.state != *only) continue;
        auto v = ViewTransfer(caller, std::move(row), *cal);
        if (!v.ok()) return v.error();
        list.push_back(std::move(*v));
      }
      // Overdue on either side, whatever the lists above hold (by the stored deadline of the next step).
      for (auto& row : tx.ListTransferCases(*o, side, true, kBoardLimit, Today())) {
        const int64_t id = row.id;
        if (std::any_of(board.overdue.begin(), board.overdue.end(),
                        [&](const TransferView& x) { return x.row.id == id; }))
          continue;
        auto v = ViewTransfer(caller, std::move(row), *cal);
        if (!v.ok()) return v.error();
        board.overdue.push_back(std::move(*v));
      }
    }
    std::sort(board.overdue.begin(), board.overdue.end(), [](const TransferView& a, const TransferView& b) {
      const Date da = a.next && a.next->deadline ? *a.next->deadline : Date(9999, 12, 31);
      const Date db = b.next && b.next->deadline ? *b.next->deadline : Date(9999, 12, 31);
      return da != db ? da < db : a.row.id < b.row.id;
    });
    return Status::Ok();
  }));
  return board;
}

Result<std::vector<TemporaryMember>> App::TemporaryMembers(const Caller& caller, OrgId org) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  std::vector<TemporaryMember> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto o = tx.GetOrg(org);
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    for (auto& row : tx.ListTransferCases(*o, store::TransferSide::kIncoming, true, kBoardLimit)) {
      if (row.state.kind != TransferKind::kTemporary || row.state.state != TransferState::kRegistered) continue;
      TemporaryMember t;
      t.case_id = row.id;
      t.member_id = row.member_id;
      t.full_name = row.member_name;
      t.row = std::move(row);
      out.push_back(std::move(t));
    }
    std::sort(out.begin(), out.end(), [](const TemporaryMember& a, const TemporaryMember& b) {
      const int c = text::CompareVietnamese(a.full_name, b.full_name);
      return c != 0 ? c < 0 : a.case_id < b.case_id;
    });
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::OrgDirectoryEntry>> App::OrgDirectory(const Caller& caller, const std::string& q) {
  if (caller.account.role == Role::kMember || caller.account.disabled) return Error::Forbidden();
  std::vector<store::OrgDirectoryEntry> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    out = tx.OrgDirectory(text::Fold(text::CleanText(q)), kDirectoryLimit);
    return Status::Ok();
  }));
  return out;
}

// ======================================================================= steps

Result<TransferView> App::RecordTransferStep(const Caller& caller, int64_t id, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  TransferStep step;
  std::optional<int> version;
  FieldErrors errors;
  ReadStep(body, step, version, errors);
  step.recorded_by = caller.account.login;

  std::string path;  // for the audit of a refusal
  Result<TransferView> out = Error::Internal("not run");
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto row = tx.GetTransferCase(id);
    if (!row || !CaseVisible(caller.account, *row)) return Error::NotFound();
    path = row->from_path;
    if (!errors.empty()) return errors.ToError();
    const std::string label(Text(StepLabel(step.kind)));
    // A step already recorded (two staff at once: the second one to commit sees it here).
    for (const auto& done : row->state.steps) {
      if (done.kind == step.kind) {
        return Error::Conflict("kind", Format(Msg::kTransferAlreadyDone, label, done.recorded_by, VnDate(done.date)));
      }
    }
    if (version && *version != row->version) return Error::Conflict("version", Msg::kTransferVersionMismatch);
    if (!MayRecord(caller.account, step.kind, *row)) {
      if (step.kind == TransferStepKind::kLetter && ActsSending(caller.account, *row))
        return ForbiddenBecause(Format(Msg::kTransferNotCommittee, row->from_name));
      if (SideOf(step.kind, *row) == Side::kReceiving) {
        return ForbiddenBecause(Format(Msg::kTransferNotReceiving, label, row->to_name));
      }
      return ForbiddenBecause(Format(Msg::kTransferNotSending, label, row->from_name));
    }
    // The letter: numbered in the transfer book of the issuing committee (the caller's own, or the
    // sending branch's root for an administrator).
    std::optional<Organization> issuer;
    if (step.kind == TransferStepKind::kLetter) {
      const OrgId issuer_id = caller.account.org_id.valid() ? caller.account.org_id : PathIds(row->from_path).front();
      issuer = tx.GetOrg(issuer_id);
      if (!issuer) return Error::Internal("issuing committee not found");
      if (!step.letter) step.letter = TransferLetter{};
      step.letter->number = "-";  // numbered below, once the domain accepted the step
      step.letter->issued_by = issuer->name;
    }
    auto cal = LoadCalendar(tx);
    if (!cal.ok()) return cal.error();
    TransferContext ctx{rules_, *cal, Today()};
    const TransferState before = row->state.state;
    auto next = ApplyTransfer(row->state, step, ctx);
    if (!next.ok()) return ApiField(next.error());
    row->state = std::move(*next);
    if (issuer) {
      const int year = row->state.steps.back().date.year();
      row->letter_issuer_id = issuer->id;
      row->letter_year = year;
      row->letter_seq = tx.NextLetterNumber(issuer->id, year);
      const std::string number = fmt::format("{}/{}/GGT-{}", row->letter_seq, year, issuer->code);
      row->state.letter->number = number;
      row->state.steps.back().letter->number = number;
    }
    row->step_recorded_at_ms.push_back(clock_());
    auto due = NextTransferDue(row->state, ctx);
    if (!due.ok()) return due.error();
    row->next_step = *due ? std::optional((*due)->step) : std::nullopt;
    row->next_deadline = *due ? (*due)->deadline : std::nullopt;

    // The case first: its version decides between two staff recording the same step at once.
    TCXD_RETURN_IF_ERROR(tx.SaveTransferCase(*row));
    // The register: an official transfer registered moves the member, or marks them transferred out.
    if (step.kind == TransferStepKind::kRegistered && row->state.kind == TransferKind::kOfficial) {
      auto m = tx.GetMember(row->member_id);
      auto from = tx.GetOrg(row->from_branch_id);
      if (!m || !from || m->org_id != row->from_branch_id || !IsCounted(m->status))
        return Error::Conflict("member_id", Msg::kTransferMemberMoved);
      Member after = *m;
      Organization after_org = *from;
      if (External(*row)) {
        after.status = MemberStatus::kTransferredOut;
        if (auto letter = StepDate(row->state, TransferStepKind::kLetter)) after.left_on = letter;
      } else {
        auto to = tx.GetOrg(row->to_branch_id);
        if (!to) return Error::Invalid("to_branch_id", Msg::kTransferUnknownUnit);
        after.org_id = to->id;
        after_org = *to;
      }
      TCXD_RETURN_IF_ERROR(tx.UpdateMember(*m, *from, after, after_org, row->state.steps.back().date));
      auto e = Audit(&caller, "member.update", "member", m->id.value, after_org.path);
      e.before_json = MemberToJson(*m).dump();
      e.after_json = MemberToJson(after).dump();
      e.note = fmt::format("transfer {}", id);
      tx.AppendAudit(e);
    }
    auto e = Audit(&caller, "transfer.step", "transfer", id, row->from_path);
    e.note = fmt::format("{}: {} -> {}", TransferStepName(step.kind), TransferStateName(before),
                         TransferStateName(row->state.state));
    if (row->state.steps.back().late_working_days > 0)
      e.note += fmt::format(" (late {} working days)", row->state.steps.back().late_working_days);
    tx.AppendAudit(e);
    auto stored = tx.GetTransferCase(id);
    if (!stored) return Error::Internal("transfer not stored");
    out = ViewTransfer(caller, std::move(*stored), *cal);
    return out.ok() ? Status::Ok() : Status(out.error());
  });
  if (!s.ok()) {
    if (!path.empty()) AuditRefusal(caller, "transfer.refused", "transfer", id, path, s.error());
    return s.error();
  }
  return out;
}

// ======================================================================= members under review

Result<std::optional<store::MemberReview>> App::GetMemberReview(const Caller& caller, MemberId id) {
  std::optional<store::MemberReview> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto path = tx.MemberOrgPath(id);
    if (!path || !CanSeeMember(caller.account, id, *path)) return Error::NotFound();
    out = tx.GetMemberReview(id);
    return Status::Ok();
  }));
  return out;
}

Result<std::optional<store::MemberReview>> App::SetMemberReview(const Caller& caller, MemberId id, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  std::optional<bool> under;
  store::MemberReview review;
  review.member_id = id;
  review.since = Today();
  review.recorded_by = caller.account.login;
  for (const auto& [k, v] : body.items()) {
    if (k == "under_review") {
      under = BoolField(v, k, errors);
    } else if (k == "since") {
      if (auto d = DateField(v, k, errors)) review.since = *d;
    } else if (k == "reason") {
      review.reason = TextField(v, k, errors);
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!under) errors.Add("under_review", Msg::kRequired);
  if (under.value_or(false) && review.reason.empty()) errors.Add("reason", Msg::kTransferReviewCleared);
  if (review.since > Today()) errors.Add("since", Msg::kDateInFuture);
  if (!errors.empty()) return errors.ToError();
  std::optional<store::MemberReview> out;
  if (*under) out = review;
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    auto path = tx.MemberOrgPath(id);
    if (!path || !CanSeeOrg(caller.account, *path)) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, *path)) return Error::Forbidden();
    tx.SetMemberReview(id, out);
    auto e = Audit(&caller, *under ? "member.review_set" : "member.review_cleared", "member", id.value, *path);
    e.note = review.reason;
    tx.AppendAudit(e);
    return Status::Ok();
  }));
  return out;
}

// ======================================================================= JSON

Json TransferToJson(const TransferView& v, bool with_steps) {
  const store::TransferCaseRow& r = v.row;
  const TransferCase& t = r.state;
  Json j = {
      {"id", r.id},
      {"version", r.version},
      {"member", {{"id", r.member_id.value}, {"full_name", r.member_name}}},
      {"kind", t.kind == TransferKind::kOfficial ? "official" : "temporary"},
      {"kind_label",
       std::string(Text(t.kind == TransferKind::kOfficial ? Msg::kTransferKindOfficial : Msg::kTransferKindTemporary))},
      {"temporary_reason", t.kind == TransferKind::kOfficial
                               ? Json(nullptr)
                               : Json(t.temporary_reason == TemporaryReason::kStudy ? "study" : "work_or_residence")},
      {"temporary_until", DateJson(t.temporary_until)},
      {"from", OrgRef(r.from_branch_id, r.from_code, r.from_name)},
      {"to", OrgRef(r.to_branch_id, r.to_code, r.to_name)},
      {"external",
       r.to_branch_id.valid()
           ? Json(nullptr)
           : Json{{"kind", r.external_kind},
                  {"label",
                   std::string(Text(ExternalLabel(r.external_kind).value_or(Msg::kTransferExternalOtherProvince)))},
                  {"name", r.external_name}}},
      {"decision",
       {{"number", r.decision_number},
        {"date", r.decision_date.ToString()},
        {"body", r.decision_body},
        {"effective", t.decision_effective.ToString()}}},
      {"requested_on", t.requested_on.ToString()},
      {"state", std::string(TransferStateName(t.state))},
      {"state_label", std::string(Text(TransferStateLabel(t.state)))},
      {"letter", t.letter ? Json{{"number", t.letter->number},
                                 {"issued_by", t.letter->issued_by},
                                 {"fees_paid_to", t.letter->fees_paid_to}}
                          : Json(nullptr)},
      {"created_by", r.created_by},
      {"caller_sending", v.caller_sending},
      {"caller_receiving", v.caller_receiving}};
  if (v.next) {
    j["next"] = {{"step", std::string(TransferStepName(v.next->step))},
                 {"step_label", std::string(Text(StepLabel(v.next->step)))},
                 {"actor", v.next_actor},
                 {"deadline", DateJson(v.next->deadline)},
                 {"estimated", v.next->estimated},
                 {"provisional", v.next->provisional},
                 {"overdue", v.next->overdue}};
  } else {
    j["next"] = nullptr;
  }
  Json allowed = Json::array();
  for (TransferStepKind k : v.allowed) {
    allowed.push_back({{"kind", std::string(TransferStepName(k))}, {"label", std::string(Text(StepLabel(k)))}});
  }
  j["allowed_steps"] = std::move(allowed);
  int late = 0;
  Json steps = Json::array();
  for (const auto& s : t.steps) {
    late = std::max(late, s.late_working_days);
    if (!with_steps) continue;
    steps.push_back({{"kind", std::string(TransferStepName(s.kind))},
                     {"label", std::string(Text(StepLabel(s.kind)))},
                     {"date", s.date.ToString()},
                     {"recorded_by", s.recorded_by},
                     {"reason", s.reason},
                     {"dossier_complete", s.dossier_complete},
                     {"deadline", DateJson(s.deadline)},
                     {"late_working_days", s.late_working_days},
                     {"rule_key", s.rule_key}});
  }
  j["late_working_days"] = late;
  if (with_steps) j["steps"] = std::move(steps);
  return j;
}

Json TransferBoardToJson(const TransferBoard& b) {
  const auto list = [](const std::vector<TransferView>& vs) {
    Json a = Json::array();
    for (const auto& v : vs) a.push_back(TransferToJson(v, false));
    return a;
  };
  return {{"org", {{"id", b.org.id.value}, {"code", b.org.code}, {"name", b.org.name}}},
          {"outgoing", list(b.outgoing)},
          {"incoming", list(b.incoming)},
          {"overdue", list(b.overdue)}};
}

Json OrgDirectoryToJson(const std::vector<store::OrgDirectoryEntry>& items) {
  Json a = Json::array();
  for (const auto& e : items) {
    a.push_back({{"id", e.org.id.value},
                 {"code", e.org.code},
                 {"name", e.org.name},
                 {"kind", std::string(OrgKindName(e.org.kind))},
                 {"kind_label", std::string(Text(OrgKindLabel(e.org.kind)))},
                 {"path_names", e.path_names}});
  }
  return {{"items", std::move(a)}};
}

Json MemberReviewToJson(MemberId member, const std::optional<store::MemberReview>& r) {
  return {{"member_id", member.value},
          {"under_review", r.has_value()},
          {"since", r ? Json(r->since.ToString()) : Json(nullptr)},
          {"reason", r ? Json(r->reason) : Json(nullptr)},
          {"recorded_by", r ? Json(r->recorded_by) : Json(nullptr)}};
}

}  // namespace tcxd::app
