// The yearly dossier supplement (phiếu bổ sung hồ sơ đảng viên, rules §2; issue #4): an organization
// opens a campaign for a year over its subtree; for each counted member the branch records either the
// changes (a new dossier version) or "no change"; progress is counted per branch and the members not
// yet done form the reminder list. Pure domain: states, checks and the progress arithmetic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace tcxd {

enum class SupplementState {
  kChanged,   // changes entered (a dossier version recorded for the year)
  kNoChange,  // confirmed: nothing changed this year
};
std::string_view SupplementStateName(SupplementState s);  // "changed", "no_change"
std::optional<SupplementState> ParseSupplementState(std::string_view name);

struct SupplementCampaign {
  int64_t id = 0;
  OrgId org_id;
  int year = 0;
  Date opened_on;
  std::optional<Date> due;  // the date by which branches should be done
  std::string opened_by;
  bool closed = false;
};

// A new campaign: year from 2000 to the next year, `due` (when given) not before `today`.
// kInvalid names "year" or "due".
Status ValidateNewCampaign(int year, const std::optional<Date>& due, Date today);

// Counts of one organization (a branch, or the whole subtree).
struct SupplementProgress {
  int64_t members = 0;  // counted members (probationary, official, exempt) now in the organization
  int64_t changed = 0;
  int64_t no_change = 0;
  int64_t Done() const { return changed + no_change; }
  int64_t Pending() const { return members - Done(); }
  // Done / members in %, two decimals, rounded half up ("100.00" when there is no member).
  std::string PercentDone() const;
};

}  // namespace tcxd
