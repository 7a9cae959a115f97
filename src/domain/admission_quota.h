// Admission quotas and achievement (chỉ tiêu kết nạp đảng viên, issue #5 item 6): targets per
// organization per year and per term, and the report of admissions against them for a subtree and a
// period, per unit, with the breakdown the province asks for. Pure domain: the store supplies the facts.
//
// The admissions counted are the admission decisions (rules.md §1.5) dated within the period, whatever
// happened to the member since. A period inside one year is measured against that year's target (9 months
// of 2026 against the 2026 target); a term report against the target of the term that contains the period.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "domain/member.h"
#include "domain/org.h"

namespace tcxd {

enum class QuotaPeriod { kYear, kTerm };
std::string_view QuotaPeriodName(QuotaPeriod p);  // "year", "term"
std::optional<QuotaPeriod> ParseQuotaPeriod(std::string_view name);

// A target: for a year (first_year == last_year) or a term (nhiệm kỳ, e.g. 2025–2030).
struct AdmissionQuota {
  OrgId org_id;
  QuotaPeriod period = QuotaPeriod::kYear;
  int first_year = 0;
  int last_year = 0;
  int64_t target = 0;
  std::string set_by;
};

// kInvalid naming "first_year", "last_year" or "target": years 2000–2100, a year quota covers one year,
// a term 2 to 10 years, the target 0 to 1,000,000.
Status ValidateQuota(const AdmissionQuota& q);

// One admission decision, with the facts the breakdown needs (from the candidate file).
struct AdmittedFact {
  std::string branch_path;  // the branch that followed the candidate
  Date decision_date;
  Gender gender = Gender::kMale;
  bool youth_union = false;         // đoàn viên
  bool ethnic_minority = false;     // dân tộc thiểu số (not Kinh)
  bool religious = false;           // has a religion
  bool private_enterprise = false;  // worker in a private enterprise
};

struct AdmissionBreakdown {
  int64_t women = 0;
  int64_t youth_union = 0;
  int64_t ethnic_minority = 0;
  int64_t religious = 0;
  int64_t private_enterprise = 0;
};

struct QuotaLine {
  Organization org;
  std::optional<int64_t> target;  // none: no target set for the period
  int64_t admitted = 0;
  // admitted / target in %, two decimals, rounded half up; empty without a target or with target 0.
  std::string percent;
  bool reached = false;  // a target is set and admitted >= target
  AdmissionBreakdown breakdown;
};

struct QuotaReport {
  Date from;
  Date to;
  QuotaPeriod period = QuotaPeriod::kYear;
  int first_year = 0;  // of the target measured against
  int last_year = 0;
  QuotaLine total;               // the whole subtree against its own target
  std::vector<QuotaLine> units;  // the units, in the order given
  std::vector<OrgId> reached;    // units at >= 100 %
  std::vector<OrgId> below;      // units with a target, below 100 %
};

// The years of the target a period [from, to] is measured against: for kYear the period must lie in
// one year (kInvalid "to" otherwise); for kTerm the term of `quotas` of `root` containing `from`
// (kInvalid "from" when none). kInvalid "to" when to < from.
struct TargetYears {
  int first = 0;
  int last = 0;
};
Result<TargetYears> ReportYears(QuotaPeriod period, Date from, Date to, OrgId root,
                                const std::vector<AdmissionQuota>& quotas);

// The report: `root` and its units (typically its children), their quotas for `years`, and the admissions
// of the subtree of `root` (those outside [from, to] or outside the root are ignored; an admission counts
// for the unit whose subtree holds its branch).
QuotaReport ComputeQuotaReport(const Organization& root, const std::vector<Organization>& units, QuotaPeriod period,
                               TargetYears years, Date from, Date to, const std::vector<AdmissionQuota>& quotas,
                               const std::vector<AdmittedFact>& admitted);

}  // namespace tcxd
