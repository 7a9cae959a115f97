// The admission store (issue #5): cases with their steps, quotas, the competent-committee setting and the
// working-day calendar. Same SQL for SQLite and PostgreSQL.
#include <algorithm>
#include <map>

#include "i18n/messages.h"
#include "store/member_row.h"
#include "store/store.h"

namespace tcxd::store {
namespace {

// Columns 1..6 of an admitted candidate (column 0 is the caller's: the branch's path or id).
constexpr const char* kFactCols =
    "c.decision_date, c.gender, c.youth_union, c.ethnicity, c.religion, c.private_enterprise ";

AdmittedFact FactFromRow(const Row& r) {
  AdmittedFact a;
  a.decision_date = Date::Parse(r.Text(1)).value_or(Date());
  a.gender = ParseGender(r.Text(2)).value_or(Gender::kMale);
  a.youth_union = r.Int(3) != 0;
  const std::string eth = r.Text(4);
  a.ethnic_minority = !eth.empty() && eth != "Kinh";
  const std::string rel = r.Text(5);
  a.religious = !rel.empty() && rel != "Không";
  a.private_enterprise = r.Int(6) != 0;
  return a;
}

constexpr const char* kCaseCols =
    "c.id, c.branch_id, o.path, o.code, o.name, c.full_name, c.gender, c.birth_date, c.ethnicity, c.religion, "
    "c.youth_union, c.private_enterprise, c.source, c.general_education, c.education_consent, c.over_age_consent, "
    "c.certificate_date, c.application_date, c.cv_date, c.introducers_json, c.verifications_json, c.comments_json, "
    "c.sub_committee, c.grassroots_committee, c.stage, c.stopped_at, c.decision_date, c.official_date, "
    "c.next_deadline, c.member_id, c.created_by, c.created_at_ms, c.version";

constexpr const char* kStepCols =
    "case_id, seq, kind, date, document_number, votes_yes, votes_no, votes_entitled, reason, extension_days, "
    "received_on, consent_document, deadline, late, rules_applied, warnings, recorded_by, recorded_at_ms";

std::optional<Date> DateCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c));
}

// "?, ?, ?" for the ids, appended to `p`.
// The placeholders of `ids`, their values appended to `p`.
std::string IdMarks(const std::vector<OrgId>& ids, Params& p) {
  for (OrgId id : ids) p.emplace_back(id.value);
  return Marks(ids.size());
}

AdmissionCaseRow CaseFromRow(const Row& r) {
  AdmissionCaseRow c;
  c.id = r.Int(0);
  c.branch_id = OrgId(r.Int(1));
  c.branch_path = r.Text(2);
  c.branch_code = r.Text(3);
  c.branch_name = r.Text(4);
  Candidate& cand = c.state.candidate;
  cand.full_name = r.Text(5);
  c.gender = ParseGender(r.Text(6)).value_or(Gender::kMale);
  cand.birth_date = DateCol(r, 7);
  c.ethnicity = r.Text(8);
  c.religion = r.Text(9);
  c.youth_union = r.Int(10) != 0;
  c.private_enterprise = r.Int(11) != 0;
  cand.source = ParseCandidateSource(r.Text(12)).value_or(CandidateSource::kOther);
  cand.general_education = r.Text(13);
  cand.education_exception_consent = r.Int(14) != 0;
  cand.over_age_consent = r.Int(15) != 0;
  cand.awareness_certificate_date = DateCol(r, 16);
  c.application_date = DateCol(r, 17);
  c.cv_date = DateCol(r, 18);
  c.introducers_json = r.Text(19);
  c.verifications_json = r.Text(20);
  c.comments_json = r.Text(21);
  c.state.shape.sub_committee = r.Int(22) != 0;
  c.state.shape.grassroots_committee = r.Int(23) != 0;
  c.state.stage = ParseAdmissionStage(r.Text(24)).value_or(AdmissionStage::kCandidate);
  if (!r.IsNull(25)) c.state.stopped_at = ParseAdmissionStage(r.Text(25));
  c.state.decision_date = DateCol(r, 26);
  c.state.official_date = DateCol(r, 27);
  c.next_deadline = DateCol(r, 28);
  if (!r.IsNull(29)) c.member_id = MemberId(r.Int(29));
  c.created_by = r.Text(30);
  c.created_at_ms = r.Int(31);
  c.version = static_cast<int>(r.Int(32));
  return c;
}

std::string EncodeRules(const std::vector<AppliedRule>& rules) {
  std::string out;
  for (const auto& a : rules) out += a.key + "\t" + a.value + "\t" + a.source + "\n";
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<AppliedRule> DecodeRules(const std::string& text) {
  std::vector<AppliedRule> out;
  for (const auto& line : SplitLines(text)) {
    AppliedRule a;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? std::string::npos : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) continue;
    a.key = line.substr(0, t1);
    a.value = line.substr(t1 + 1, t2 - t1 - 1);
    a.source = line.substr(t2 + 1);
    out.push_back(std::move(a));
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Step rows in (case id, seq) order, appended to their cases.
void StepFromRow(const Row& r, AdmissionCaseRow& c) {
  AdmissionStep s;
  s.kind = ParseStepKind(r.Text(2)).value_or(StepKind::kBranchVote);
  s.date = Date::Parse(r.Text(3)).value_or(Date());
  s.document_number = r.Text(4);
  if (!r.IsNull(5)) s.votes = Votes{static_cast<int>(r.Int(5)), static_cast<int>(r.Int(6)), static_cast<int>(r.Int(7))};
  s.reason = r.Text(8);
  s.extension_working_days = static_cast<int>(r.Int(9));
  s.received_on = DateCol(r, 10);
  s.consent_document = r.Text(11);
  s.deadline = DateCol(r, 12);
  s.late = r.Int(13) != 0;
  s.rules = DecodeRules(r.Text(14));
  s.warnings = SplitLines(r.Text(15));
  s.recorded_by = r.Text(16);
  c.step_recorded_at_ms.push_back(r.Int(17));
  c.state.steps.push_back(std::move(s));
}

// The writable columns' values (kCaseWritable order), then `tail`. Built by emplace_back into reserved
// space: GCC 12 reports a false "maybe uninitialized" when a braced list of variants is grown afterwards.
Params CaseValues(const AdmissionCaseRow& c, std::initializer_list<Param> tail) {
  const Candidate& cand = c.state.candidate;
  const auto flag = [](bool b) { return int64_t{b ? 1 : 0}; };
  Params p;
  p.reserve(26 + tail.size());
  p.emplace_back(c.branch_id.value);
  p.emplace_back(cand.full_name);
  p.emplace_back(std::string(GenderName(c.gender)));
  p.emplace_back(OptDate(cand.birth_date));
  p.emplace_back(c.ethnicity);
  p.emplace_back(c.religion);
  p.emplace_back(flag(c.youth_union));
  p.emplace_back(flag(c.private_enterprise));
  p.emplace_back(std::string(CandidateSourceName(cand.source)));
  p.emplace_back(cand.general_education);
  p.emplace_back(flag(cand.education_exception_consent));
  p.emplace_back(flag(cand.over_age_consent));
  p.emplace_back(OptDate(cand.awareness_certificate_date));
  p.emplace_back(OptDate(c.application_date));
  p.emplace_back(OptDate(c.cv_date));
  p.emplace_back(c.introducers_json);
  p.emplace_back(c.verifications_json);
  p.emplace_back(c.comments_json);
  p.emplace_back(flag(c.state.shape.sub_committee));
  p.emplace_back(flag(c.state.shape.grassroots_committee));
  p.emplace_back(std::string(AdmissionStageName(c.state.stage)));
  p.emplace_back(c.state.stopped_at ? Param(std::string(AdmissionStageName(*c.state.stopped_at))) : Param(nullptr));
  p.emplace_back(OptDate(c.state.decision_date));
  p.emplace_back(OptDate(c.state.official_date));
  p.emplace_back(OptDate(c.next_deadline));
  p.emplace_back(c.member_id.valid() ? Param(c.member_id.value) : Param(nullptr));
  for (const Param& v : tail) p.emplace_back(v);
  return p;
}

constexpr const char* kCaseWritable =
    "branch_id, full_name, gender, birth_date, ethnicity, religion, youth_union, private_enterprise, source, "
    "general_education, education_consent, over_age_consent, certificate_date, application_date, cv_date, "
    "introducers_json, verifications_json, comments_json, sub_committee, grassroots_committee, stage, stopped_at, "
    "decision_date, official_date, next_deadline, member_id";

// Appends the steps of `c` from index `from` on.
void InsertSteps(Connection& conn, const AdmissionCaseRow& c, size_t from) {
  for (size_t i = from; i < c.state.steps.size(); ++i) {
    const AdmissionStep& s = c.state.steps[i];
    const auto vote = [&](int v) { return s.votes ? Param(int64_t{v}) : Param(nullptr); };
    conn.Exec(
        std::string("INSERT INTO admission_steps(") + kStepCols +
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {c.id, static_cast<int64_t>(i) + 1, std::string(StepKindName(s.kind)), s.date.ToString(), s.document_number,
         vote(s.votes ? s.votes->yes : 0), vote(s.votes ? s.votes->no : 0), vote(s.votes ? s.votes->entitled : 0),
         s.reason, int64_t{s.extension_working_days}, OptDate(s.received_on), s.consent_document, OptDate(s.deadline),
         int64_t{s.late ? 1 : 0}, EncodeRules(s.rules), JoinLines(s.warnings), s.recorded_by,
         i < c.step_recorded_at_ms.size() ? c.step_recorded_at_ms[i] : c.created_at_ms});
  }
}

// The subtree of `org` as a condition on the branch's org row `o`.
std::string SubtreeRange(const Organization& org, Params& p) {
  std::string end = org.path;
  end.back() = static_cast<char>('/' + 1);
  p.push_back(org.path);
  p.push_back(end);
  return "o.path >= ? AND o.path < ?";
}

}  // namespace

void Tx::InsertAdmissionCase(AdmissionCaseRow& c) {
  Params p = CaseValues(c, {Param(c.created_by), Param(c.created_at_ms)});
  c_.Query(
      std::string("INSERT INTO admission_cases(") + kCaseWritable +
          ", created_by, created_at_ms, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      p, [&](const Row& r) {
        c.id = r.Int(0);
        return false;
      });
  c.version = 1;
  InsertSteps(c_, c, 0);
}

std::optional<AdmissionCaseRow> Tx::GetAdmissionCase(int64_t id) {
  std::optional<AdmissionCaseRow> out;
  c_.Query(
      std::string("SELECT ") + kCaseCols + " FROM admission_cases c JOIN orgs o ON o.id = c.branch_id WHERE c.id = ?",
      {id}, [&](const Row& r) {
        out = CaseFromRow(r);
        return false;
      });
  if (!out) return out;
  c_.Query(std::string("SELECT ") + kStepCols + " FROM admission_steps WHERE case_id = ? ORDER BY seq", {id},
           [&](const Row& r) {
             StepFromRow(r, *out);
             return true;
           });
  return out;
}

Status Tx::SaveAdmissionCase(AdmissionCaseRow& c) {
  const std::string set = SetClause(kCaseWritable);
  Params p = CaseValues(c, {Param(c.id), Param(int64_t{c.version})});
  if (c_.Exec("UPDATE admission_cases SET " + set + ", version = version + 1 WHERE id = ? AND version = ?", p) != 1) {
    return Error::Conflict("version", Msg::kAdmVersionMismatch);
  }
  ++c.version;
  const int64_t stored = c_.QueryInt("SELECT COUNT(*) FROM admission_steps WHERE case_id = ?", {c.id}, 0);
  InsertSteps(c_, c, static_cast<size_t>(stored));
  return Status::Ok();
}

std::vector<AdmissionCaseRow> Tx::ListAdmissionCases(const Organization& org, bool open_only, int limit) {
  Params p;
  std::string where = SubtreeRange(org, p);
  if (open_only) where += " AND c.stage NOT IN ('official', 'stopped')";
  p.push_back(int64_t{limit});
  std::vector<AdmissionCaseRow> out;
  std::map<int64_t, size_t> at;
  c_.Query(std::string("SELECT ") + kCaseCols + " FROM admission_cases c JOIN orgs o ON o.id = c.branch_id WHERE " +
               where + " ORDER BY c.id DESC LIMIT ?",
           p, [&](const Row& r) {
             at[r.Int(0)] = out.size();
             out.push_back(CaseFromRow(r));
             return true;
           });
  if (out.empty()) return out;
  Params sp;
  std::string swhere = SubtreeRange(org, sp);
  if (open_only) swhere += " AND c.stage NOT IN ('official', 'stopped')";
  c_.Query(std::string("SELECT s.case_id, s.seq, s.kind, s.date, s.document_number, s.votes_yes, s.votes_no, "
                       "s.votes_entitled, s.reason, s.extension_days, s.received_on, s.consent_document, s.deadline, "
                       "s.late, s.rules_applied, s.warnings, s.recorded_by, s.recorded_at_ms "
                       "FROM admission_steps s JOIN admission_cases c ON c.id = s.case_id "
                       "JOIN orgs o ON o.id = c.branch_id WHERE ") +
               swhere + " ORDER BY s.case_id, s.seq",
           sp, [&](const Row& r) {
             auto it = at.find(r.Int(0));
             if (it != at.end()) StepFromRow(r, out[it->second]);
             return true;
           });
  return out;
}

std::vector<AdmittedFact> Tx::AdmittedFacts(const Organization& org, Date from, Date to) {
  Params p;
  const std::string where = SubtreeRange(org, p);
  p.push_back(from.ToString());
  p.push_back(to.ToString());
  std::vector<AdmittedFact> out;
  c_.Query(std::string("SELECT o.path, ") + kFactCols +
               "FROM admission_cases c JOIN orgs o ON o.id = c.branch_id WHERE " + where +
               " AND c.decision_date >= ? AND c.decision_date <= ?",
           p, [&](const Row& r) {
             AdmittedFact a = FactFromRow(r);
             a.branch_path = r.Text(0);
             out.push_back(std::move(a));
             return true;
           });
  return out;
}

std::vector<std::pair<OrgId, AdmittedFact>> Tx::AdmittedFactsOfBranches(const std::vector<OrgId>& branches, Date from,
                                                                        Date to) {
  std::vector<std::pair<OrgId, AdmittedFact>> out;
  Params ids;
  for (OrgId b : branches) ids.emplace_back(b.value);
  ForEachInChunk(ids, [&](const std::string& marks, const Params& chunk) {
    c_.Query(std::string("SELECT c.branch_id, ") + kFactCols + "FROM admission_cases c WHERE c.branch_id IN (" + marks +
                 ") AND c.decision_date >= ? AND c.decision_date <= ?",
             Joined(chunk, {from.ToString(), to.ToString()}), [&](const Row& r) {
               out.emplace_back(OrgId(r.Int(0)), FactFromRow(r));
               return true;
             });
  });
  return out;
}

void Tx::SetAdmissionQuota(const AdmissionQuota& q, int64_t at_ms) {
  c_.Exec(
      "INSERT INTO admission_quotas(org_id, period, first_year, last_year, target, set_by, set_at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, period, first_year) DO UPDATE SET "
      "last_year = excluded.last_year, target = excluded.target, set_by = excluded.set_by, set_at_ms = "
      "excluded.set_at_ms",
      {q.org_id.value, std::string(QuotaPeriodName(q.period)), int64_t{q.first_year}, int64_t{q.last_year}, q.target,
       q.set_by, at_ms});
}

std::vector<AdmissionQuota> Tx::AdmissionQuotasOf(const std::vector<OrgId>& org_ids) {
  std::vector<AdmissionQuota> out;
  if (org_ids.empty()) return out;
  Params p;
  const std::string marks = IdMarks(org_ids, p);
  c_.Query("SELECT org_id, period, first_year, last_year, target, set_by FROM admission_quotas WHERE org_id IN (" +
               marks + ") ORDER BY org_id, period, first_year",
           p, [&](const Row& r) {
             AdmissionQuota q;
             q.org_id = OrgId(r.Int(0));
             q.period = ParseQuotaPeriod(r.Text(1)).value_or(QuotaPeriod::kYear);
             q.first_year = static_cast<int>(r.Int(2));
             q.last_year = static_cast<int>(r.Int(3));
             q.target = r.Int(4);
             q.set_by = r.Text(5);
             out.push_back(std::move(q));
             return true;
           });
  return out;
}

void Tx::SetCompetentCommittee(OrgId org, OrgId committee) {
  c_.Exec(
      "INSERT INTO admission_competence(org_id, committee_id) VALUES (?, ?) "
      "ON CONFLICT (org_id) DO UPDATE SET committee_id = excluded.committee_id",
      {org.value, committee.value});
}

void Tx::ClearCompetentCommittee(OrgId org) {
  c_.Exec("DELETE FROM admission_competence WHERE org_id = ?", {org.value});
}

std::vector<std::pair<OrgId, OrgId>> Tx::CompetenceSettings(const std::vector<OrgId>& org_ids) {
  std::vector<std::pair<OrgId, OrgId>> out;
  if (org_ids.empty()) return out;
  Params p;
  const std::string marks = IdMarks(org_ids, p);
  c_.Query("SELECT org_id, committee_id FROM admission_competence WHERE org_id IN (" + marks + ")", p,
           [&](const Row& r) {
             out.emplace_back(OrgId(r.Int(0)), OrgId(r.Int(1)));
             return true;
           });
  return out;
}

std::vector<CalendarYear> Tx::CalendarYears() {
  std::vector<CalendarYear> out;
  c_.Query("SELECT year, status, source FROM work_calendar_years ORDER BY year", {}, [&](const Row& r) {
    CalendarYear y;
    y.year = static_cast<int>(r.Int(0));
    y.status = r.Text(1) == "provisional" ? CalendarYearStatus::kProvisional : CalendarYearStatus::kOfficial;
    y.source = r.Text(2);
    out.push_back(std::move(y));
    return true;
  });
  return out;
}

std::vector<CalendarDay> Tx::CalendarDays() {
  std::vector<CalendarDay> out;
  c_.Query("SELECT day, working, name FROM work_calendar_days ORDER BY day", {}, [&](const Row& r) {
    CalendarDay d;
    d.date = Date::Parse(r.Text(0)).value_or(Date());
    d.working = r.Int(1) != 0;
    d.name = r.Text(2);
    out.push_back(std::move(d));
    return true;
  });
  return out;
}

void Tx::ReplaceCalendarYear(const CalendarYear& year, const std::vector<CalendarDay>& days) {
  c_.Exec("DELETE FROM work_calendar_days WHERE year = ?", {int64_t{year.year}});
  c_.Exec(
      "INSERT INTO work_calendar_years(year, status, source) VALUES (?, ?, ?) "
      "ON CONFLICT (year) DO UPDATE SET status = excluded.status, source = excluded.source",
      {int64_t{year.year}, std::string(year.status == CalendarYearStatus::kProvisional ? "provisional" : "official"),
       year.source});
  for (const auto& d : days) {
    c_.Exec("INSERT INTO work_calendar_days(day, year, working, name) VALUES (?, ?, ?, ?)",
            {d.date.ToString(), int64_t{year.year}, int64_t{d.working ? 1 : 0}, d.name});
  }
}

}  // namespace tcxd::store
