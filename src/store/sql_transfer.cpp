// The transfer store (issue #7): transfer cases with their steps, the transfer book's numbering, members
// under review and the directory of receiving units. Same SQL for SQLite and PostgreSQL.
#include <map>

#include "store/member_row.h"
#include "store/store.h"
#include "text/unicode.h"

namespace tcxd::store {
namespace {

constexpr const char* kCaseCols =
    "c.id, c.member_id, m.full_name, c.from_branch_id, fo.path, fo.code, fo.name, c.to_branch_id, "
    "c.external_kind, c.external_name, c.decision_number, c.decision_date, c.decision_body, c.decision_effective, "
    "c.requested_on, c.kind, c.temporary_reason, c.temporary_until, c.state, c.letter_number, c.letter_issued_by, "
    "c.letter_fees_paid_to, c.letter_issuer_id, c.letter_year, c.letter_seq, c.next_step, c.next_deadline, "
    "c.created_by, c.created_at_ms, c.version, ro.path, ro.code, ro.name";
constexpr const char* kCaseFrom =
    " FROM transfer_cases c JOIN members m ON m.id = c.member_id JOIN orgs fo ON fo.id = c.from_branch_id"
    " LEFT JOIN orgs ro ON ro.id = c.to_branch_id";

constexpr const char* kCaseWritable =
    "member_id, kind, temporary_reason, temporary_until, from_branch_id, to_branch_id, external_kind, external_name, "
    "decision_number, decision_date, decision_body, decision_effective, requested_on, state, is_open, letter_number, "
    "letter_issued_by, letter_fees_paid_to, letter_issuer_id, letter_year, letter_seq, next_step, next_deadline";

constexpr const char* kStepCols =
    "case_id, seq, kind, date, recorded_by, reason, dossier_complete, deadline, late_days, rule_key, recorded_at_ms";

std::optional<Date> DateCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c));
}

bool IsOpen(const TransferCase& c) {
  return c.state != TransferState::kCancelled && c.state != TransferState::kReturned &&
         !(c.state == TransferState::kRegistered && c.kind == TransferKind::kOfficial);
}

TransferCaseRow CaseFromRow(const Row& r) {
  TransferCaseRow c;
  c.id = r.Int(0);
  c.member_id = MemberId(r.Int(1));
  c.member_name = r.Text(2);
  c.from_branch_id = OrgId(r.Int(3));
  c.from_path = r.Text(4);
  c.from_code = r.Text(5);
  c.from_name = r.Text(6);
  if (!r.IsNull(7)) c.to_branch_id = OrgId(r.Int(7));
  c.external_kind = r.Text(8);
  c.external_name = r.Text(9);
  c.decision_number = r.Text(10);
  c.decision_date = Date::Parse(r.Text(11)).value_or(Date());
  c.decision_body = r.Text(12);
  TransferCase& t = c.state;
  t.decision_effective = Date::Parse(r.Text(13)).value_or(Date());
  t.requested_on = Date::Parse(r.Text(14)).value_or(Date());
  t.kind = r.Text(15) == "temporary" ? TransferKind::kTemporary : TransferKind::kOfficial;
  t.temporary_reason = r.Text(16) == "study" ? TemporaryReason::kStudy : TemporaryReason::kWorkOrResidence;
  t.temporary_until = DateCol(r, 17);
  t.state = ParseTransferState(r.Text(18)).value_or(TransferState::kRequested);
  if (!r.IsNull(19)) t.letter = TransferLetter{r.Text(19), r.Text(20), r.Text(21)};
  if (!r.IsNull(22)) c.letter_issuer_id = OrgId(r.Int(22));
  if (!r.IsNull(23)) c.letter_year = static_cast<int>(r.Int(23));
  if (!r.IsNull(24)) c.letter_seq = r.Int(24);
  if (!r.IsNull(25)) c.next_step = ParseTransferStep(r.Text(25));
  c.next_deadline = DateCol(r, 26);
  c.created_by = r.Text(27);
  c.created_at_ms = r.Int(28);
  c.version = static_cast<int>(r.Int(29));
  if (!r.IsNull(30)) {
    c.to_path = r.Text(30);
    c.to_code = r.Text(31);
    c.to_name = r.Text(32);
  }
  return c;
}

Params CaseValues(const TransferCaseRow& c, std::initializer_list<Param> tail) {
  const TransferCase& t = c.state;
  const auto opt_int = [](bool has, int64_t v) { return has ? Param(v) : Param(nullptr); };
  Params p;
  p.reserve(23 + tail.size());
  p.emplace_back(c.member_id.value);
  p.emplace_back(std::string(t.kind == TransferKind::kTemporary ? "temporary" : "official"));
  p.emplace_back(std::string(t.kind == TransferKind::kOfficial               ? ""
                             : t.temporary_reason == TemporaryReason::kStudy ? "study"
                                                                             : "work_or_residence"));
  p.emplace_back(OptDate(t.temporary_until));
  p.emplace_back(c.from_branch_id.value);
  p.emplace_back(opt_int(c.to_branch_id.valid(), c.to_branch_id.value));
  p.emplace_back(c.external_kind);
  p.emplace_back(c.external_name);
  p.emplace_back(c.decision_number);
  p.emplace_back(c.decision_date.ToString());
  p.emplace_back(c.decision_body);
  p.emplace_back(t.decision_effective.ToString());
  p.emplace_back(t.requested_on.ToString());
  p.emplace_back(std::string(TransferStateName(t.state)));
  p.emplace_back(int64_t{IsOpen(t) ? 1 : 0});
  p.emplace_back(t.letter ? Param(t.letter->number) : Param(nullptr));
  p.emplace_back(t.letter ? Param(t.letter->issued_by) : Param(nullptr));
  p.emplace_back(t.letter ? Param(t.letter->fees_paid_to) : Param(nullptr));
  p.emplace_back(opt_int(c.letter_issuer_id.valid(), c.letter_issuer_id.value));
  p.emplace_back(opt_int(c.letter_seq > 0, c.letter_year));
  p.emplace_back(opt_int(c.letter_seq > 0, c.letter_seq));
  p.emplace_back(c.next_step ? Param(std::string(TransferStepName(*c.next_step))) : Param(nullptr));
  p.emplace_back(OptDate(c.next_deadline));
  for (const Param& v : tail) p.emplace_back(v);
  return p;
}

void StepFromRow(const Row& r, TransferCaseRow& c) {
  TransferStep s;
  s.kind = ParseTransferStep(r.Text(2)).value_or(TransferStepKind::kSendingReview);
  s.date = Date::Parse(r.Text(3)).value_or(Date());
  s.recorded_by = r.Text(4);
  s.reason = r.Text(5);
  s.dossier_complete = r.Int(6) != 0;
  s.deadline = DateCol(r, 7);
  s.late_working_days = static_cast<int>(r.Int(8));
  s.rule_key = r.Text(9);
  if (s.kind == TransferStepKind::kLetter) s.letter = c.state.letter;
  c.step_recorded_at_ms.push_back(r.Int(10));
  c.state.steps.push_back(std::move(s));
}

void InsertSteps(Connection& conn, const TransferCaseRow& c, size_t from) {
  for (size_t i = from; i < c.state.steps.size(); ++i) {
    const TransferStep& s = c.state.steps[i];
    conn.Exec(
        std::string("INSERT INTO transfer_steps(") + kStepCols + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {c.id, static_cast<int64_t>(i) + 1, std::string(TransferStepName(s.kind)), s.date.ToString(), s.recorded_by,
         s.reason, int64_t{s.dossier_complete ? 1 : 0}, OptDate(s.deadline), int64_t{s.late_working_days}, s.rule_key,
         i < c.step_recorded_at_ms.size() ? c.step_recorded_at_ms[i] : c.created_at_ms});
  }
}

// Reads the steps of the cases in `rows` (by id).
void FillSteps(Connection& conn, std::vector<TransferCaseRow>& rows) {
  if (rows.empty()) return;
  std::map<int64_t, size_t> at;
  std::string marks;
  Params p;
  for (size_t i = 0; i < rows.size(); ++i) {
    at[rows[i].id] = i;
    marks += marks.empty() ? "?" : ", ?";
    p.emplace_back(rows[i].id);
  }
  conn.Query(std::string("SELECT ") + kStepCols + " FROM transfer_steps WHERE case_id IN (" + marks +
                 ") ORDER BY case_id, seq",
             p, [&](const Row& r) {
               auto it = at.find(r.Int(0));
               if (it != at.end()) StepFromRow(r, rows[it->second]);
               return true;
             });
}

}  // namespace

void Tx::InsertTransferCase(TransferCaseRow& c) {
  Params p = CaseValues(c, {Param(c.created_by), Param(c.created_at_ms)});
  c_.Query(std::string("INSERT INTO transfer_cases(") + kCaseWritable +
               ", created_by, created_at_ms, version) VALUES (" + Marks(p.size()) + ", 1) RETURNING id",
           p, [&](const Row& r) {
             c.id = r.Int(0);
             return false;
           });
  c.version = 1;
  InsertSteps(c_, c, 0);
}

std::optional<TransferCaseRow> Tx::GetTransferCase(int64_t id) {
  std::vector<TransferCaseRow> out;
  c_.Query(std::string("SELECT ") + kCaseCols + kCaseFrom + " WHERE c.id = ?", {id}, [&](const Row& r) {
    out.push_back(CaseFromRow(r));
    return false;
  });
  if (out.empty()) return std::nullopt;
  FillSteps(c_, out);
  return std::move(out.front());
}

std::optional<int64_t> Tx::OpenTransferOf(MemberId member) {
  const int64_t id =
      c_.QueryInt("SELECT id FROM transfer_cases WHERE member_id = ? AND is_open = 1", {member.value}, 0);
  if (id == 0) return std::nullopt;
  return id;
}

Status Tx::SaveTransferCase(TransferCaseRow& c) {
  const std::string set = SetClause(kCaseWritable);
  Params p = CaseValues(c, {Param(c.id), Param(int64_t{c.version})});
  if (c_.Exec("UPDATE transfer_cases SET " + set + ", version = version + 1 WHERE id = ? AND version = ?", p) != 1) {
    return Error::Conflict("version", Msg::kTransferVersionMismatch);
  }
  ++c.version;
  const int64_t stored = c_.QueryInt("SELECT COUNT(*) FROM transfer_steps WHERE case_id = ?", {c.id}, 0);
  InsertSteps(c_, c, static_cast<size_t>(stored));
  return Status::Ok();
}

std::vector<TransferCaseRow> Tx::ListTransferCases(const Organization& org, TransferSide side, bool open_only,
                                                   int limit, std::optional<Date> overdue_on) {
  std::string end = org.path;
  end.back() = static_cast<char>('/' + 1);
  // First the ids, from the indexes alone (the subtree's branches by path, their cases by branch with
  // is_open and next_deadline), then the rows of those ids: a province's board sorts ids, not joined rows.
  const char* branch_col = side == TransferSide::kOutgoing ? "c.from_branch_id" : "c.to_branch_id";
  std::string sql = std::string("SELECT c.id FROM orgs so JOIN transfer_cases c ON ") + branch_col +
                    " = so.id WHERE so.path >= ? AND so.path < ?";
  Params p = {org.path, end};
  if (open_only || overdue_on) sql += " AND c.is_open = 1";
  if (overdue_on) {
    sql += " AND c.next_deadline < ? ORDER BY c.next_deadline, c.id LIMIT ?";
    p.emplace_back(overdue_on->ToString());
  } else {
    sql += " ORDER BY c.id DESC LIMIT ?";
  }
  p.emplace_back(int64_t{limit});
  return CasesOfIds(sql, p);
}

std::vector<TransferCaseRow> Tx::TransfersRegisteredInto(const Organization& org, Date from, Date to) {
  std::string end = org.path;
  end.back() = static_cast<char>('/' + 1);
  const std::string sql =
      "SELECT c.id FROM orgs so JOIN transfer_cases c ON c.to_branch_id = so.id "
      "JOIN transfer_steps s ON s.case_id = c.id AND s.kind = 'registered' "
      "WHERE so.path >= ? AND so.path < ? AND s.date >= ? AND s.date <= ? ORDER BY s.date, c.id";
  return CasesOfIds(sql, {org.path, end, from.ToString(), to.ToString()});
}

std::vector<TransferCaseRow> Tx::CasesOfIds(const std::string& ids_sql, const Params& params) {
  std::vector<int64_t> ids;
  c_.Query(ids_sql, params, [&](const Row& r) {
    ids.push_back(r.Int(0));
    return true;
  });
  std::vector<TransferCaseRow> out;
  if (ids.empty()) return out;
  std::map<int64_t, size_t> at;
  Params q;
  for (size_t i = 0; i < ids.size(); ++i) {
    at[ids[i]] = i;
    q.emplace_back(ids[i]);
  }
  out.resize(ids.size());
  c_.Query(std::string("SELECT ") + kCaseCols + kCaseFrom + " WHERE c.id IN (" + Marks(ids.size()) + ")", q,
           [&](const Row& r) {
             out[at[r.Int(0)]] = CaseFromRow(r);
             return true;
           });
  FillSteps(c_, out);
  return out;
}

std::vector<TransferCaseRow> Tx::TransferCasesOfMember(MemberId member) {
  std::vector<TransferCaseRow> out;
  c_.Query(std::string("SELECT ") + kCaseCols + kCaseFrom + " WHERE c.member_id = ? ORDER BY c.id DESC", {member.value},
           [&](const Row& r) {
             out.push_back(CaseFromRow(r));
             return true;
           });
  return out;
}

std::vector<TransferCaseRow> Tx::TransferCasesOfMembers(const std::vector<MemberId>& members) {
  std::vector<TransferCaseRow> out;
  if (members.empty()) return out;
  Params p;
  for (const MemberId m : members) p.emplace_back(m.value);
  c_.Query(std::string("SELECT ") + kCaseCols + kCaseFrom + " WHERE c.member_id IN (" + Marks(members.size()) +
               ") ORDER BY c.id DESC",
           p, [&](const Row& r) {
             out.push_back(CaseFromRow(r));
             return true;
           });
  FillSteps(c_, out);
  return out;
}

int64_t Tx::NextLetterNumber(OrgId issuer, int year) {
  c_.Exec(
      "INSERT INTO transfer_books(issuer_id, year, last_seq) VALUES (?, ?, 1) "
      "ON CONFLICT (issuer_id, year) DO UPDATE SET last_seq = transfer_books.last_seq + 1",
      {issuer.value, int64_t{year}});
  return c_.QueryInt("SELECT last_seq FROM transfer_books WHERE issuer_id = ? AND year = ?",
                     {issuer.value, int64_t{year}}, 0);
}

std::vector<TransferCaseRow> Tx::TransferBook(OrgId issuer, int year) {
  std::vector<TransferCaseRow> out;
  c_.Query(std::string("SELECT ") + kCaseCols + kCaseFrom +
               " WHERE c.letter_issuer_id = ? AND c.letter_year = ? AND c.letter_seq IS NOT NULL ORDER BY c.letter_seq",
           {issuer.value, int64_t{year}}, [&](const Row& r) {
             out.push_back(CaseFromRow(r));
             return true;
           });
  FillSteps(c_, out);
  return out;
}

std::optional<MemberReview> Tx::GetMemberReview(MemberId member) {
  std::optional<MemberReview> out;
  c_.Query("SELECT member_id, since, reason, recorded_by FROM member_reviews WHERE member_id = ?", {member.value},
           [&](const Row& r) {
             out = MemberReview{MemberId(r.Int(0)), Date::Parse(r.Text(1)).value_or(Date()), r.Text(2), r.Text(3)};
             return false;
           });
  return out;
}

void Tx::SetMemberReview(MemberId member, const std::optional<MemberReview>& review) {
  if (!review) {
    c_.Exec("DELETE FROM member_reviews WHERE member_id = ?", {member.value});
    return;
  }
  c_.Exec(
      "INSERT INTO member_reviews(member_id, since, reason, recorded_by) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (member_id) DO UPDATE SET since = excluded.since, reason = excluded.reason, "
      "recorded_by = excluded.recorded_by",
      {member.value, review->since.ToString(), review->reason, review->recorded_by});
}

std::vector<OrgDirectoryEntry> Tx::OrgDirectory(const std::string& fold_query, int limit) {
  // The branches are a few per cent of the members (55,000 nationally): folded and matched here, every
  // query word a substring of the folded code and name.
  const std::vector<std::string> words = text::Words(fold_query);
  std::vector<OrgDirectoryEntry> out;
  std::vector<Organization> hits;
  c_.Query(
      "SELECT id, code, name, path FROM orgs WHERE kind IN ('branch', 'grassroots_branch') AND dissolved_on IS NULL "
      "ORDER BY code",
      {}, [&](const Row& r) {
        const std::string hay = text::Fold(r.Text(1) + " " + r.Text(2));
        for (const auto& w : words) {
          if (hay.find(w) == std::string::npos) return true;
        }
        Organization o;
        o.id = OrgId(r.Int(0));
        hits.push_back(o);
        return static_cast<int>(hits.size()) < limit;
      });
  std::map<int64_t, std::string> names;
  for (const auto& h : hits) {
    auto o = GetOrg(h.id);
    if (!o) continue;
    OrgDirectoryEntry e;
    e.org = *o;
    for (OrgId a : PathIds(o->path)) {
      if (a == o->id) break;
      auto it = names.find(a.value);
      if (it == names.end()) {
        auto ao = GetOrg(a);
        it = names.emplace(a.value, ao ? ao->name : std::string()).first;
      }
      e.path_names.push_back(it->second);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace tcxd::store
