#include "domain/admission_quota.h"

#include "domain/stats.h"
#include "i18n/messages.h"

namespace tcxd {
namespace {

void Count(QuotaLine& line, const AdmittedFact& a) {
  ++line.admitted;
  line.breakdown.women += a.gender == Gender::kFemale ? 1 : 0;
  line.breakdown.youth_union += a.youth_union ? 1 : 0;
  line.breakdown.ethnic_minority += a.ethnic_minority ? 1 : 0;
  line.breakdown.religious += a.religious ? 1 : 0;
  line.breakdown.private_enterprise += a.private_enterprise ? 1 : 0;
}

std::optional<int64_t> TargetOf(OrgId org, QuotaPeriod period, TargetYears years,
                                const std::vector<AdmissionQuota>& quotas) {
  for (const auto& q : quotas) {
    if (q.org_id == org && q.period == period && q.first_year == years.first && q.last_year == years.last)
      return q.target;
  }
  return std::nullopt;
}

void Finish(QuotaLine& line) {
  if (line.target && *line.target > 0) {
    line.percent = Percent(line.admitted, *line.target);
    line.reached = line.admitted >= *line.target;
  } else if (line.target) {
    line.reached = true;  // a target of 0 is met by definition; no percentage of 0
  }
}

}  // namespace

std::string_view QuotaPeriodName(QuotaPeriod p) {
  return p == QuotaPeriod::kYear ? "year" : "term";
}

std::optional<QuotaPeriod> ParseQuotaPeriod(std::string_view name) {
  if (name == "year") return QuotaPeriod::kYear;
  if (name == "term") return QuotaPeriod::kTerm;
  return std::nullopt;
}

Status ValidateQuota(const AdmissionQuota& q) {
  FieldErrors errors;
  if (q.first_year < 2000 || q.first_year > 2100) errors.Add("first_year", Msg::kQuotaYear);
  if (q.period == QuotaPeriod::kYear && q.last_year != q.first_year) {
    errors.Add("last_year", Msg::kQuotaYearSpan);
  } else if (q.period == QuotaPeriod::kTerm && (q.last_year <= q.first_year || q.last_year - q.first_year > 10)) {
    errors.Add("last_year", Msg::kQuotaTermSpan);
  }
  if (q.target < 0 || q.target > 1000000) errors.Add("target", Msg::kQuotaTarget);
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

Result<TargetYears> ReportYears(QuotaPeriod period, Date from, Date to, OrgId root,
                                const std::vector<AdmissionQuota>& quotas) {
  if (to < from) return Error::Invalid("to", Msg::kQuotaPeriodOrder);
  if (period == QuotaPeriod::kYear) {
    if (from.year() != to.year()) return Error::Invalid("to", Msg::kQuotaPeriodOneYear);
    return TargetYears{from.year(), from.year()};
  }
  for (const auto& q : quotas) {
    if (q.org_id == root && q.period == QuotaPeriod::kTerm && q.first_year <= from.year() && from.year() <= q.last_year)
      return TargetYears{q.first_year, q.last_year};
  }
  return Error::Invalid("from", Msg::kQuotaNoTerm);
}

QuotaReport ComputeQuotaReport(const Organization& root, const std::vector<Organization>& units, QuotaPeriod period,
                               TargetYears years, Date from, Date to, const std::vector<AdmissionQuota>& quotas,
                               const std::vector<AdmittedFact>& admitted) {
  QuotaReport r;
  r.from = from;
  r.to = to;
  r.period = period;
  r.first_year = years.first;
  r.last_year = years.last;
  r.total.org = root;
  r.total.target = TargetOf(root.id, period, years, quotas);
  for (const auto& u : units) {
    QuotaLine line;
    line.org = u;
    line.target = TargetOf(u.id, period, years, quotas);
    r.units.push_back(std::move(line));
  }
  for (const auto& a : admitted) {
    if (a.decision_date < from || to < a.decision_date || !InSubtree(a.branch_path, root.path)) continue;
    Count(r.total, a);
    for (auto& line : r.units) {
      if (InSubtree(a.branch_path, line.org.path)) {
        Count(line, a);
        break;
      }
    }
  }
  Finish(r.total);
  for (auto& line : r.units) {
    Finish(line);
    if (!line.target) continue;
    (line.reached ? r.reached : r.below).push_back(line.org.id);
  }
  return r;
}

}  // namespace tcxd
