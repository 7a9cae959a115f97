#include "domain/supplement.h"

#include "domain/stats.h"

namespace tcxd {

std::string_view SupplementStateName(SupplementState s) {
  return s == SupplementState::kChanged ? "changed" : "no_change";
}

std::optional<SupplementState> ParseSupplementState(std::string_view name) {
  if (name == "changed") return SupplementState::kChanged;
  if (name == "no_change") return SupplementState::kNoChange;
  return std::nullopt;
}

Status ValidateNewCampaign(int year, const std::optional<Date>& due, Date today) {
  FieldErrors errors;
  if (year < 2000 || year > today.year() + 1) errors.Add("year", Msg::kSupplementYear);
  if (due && *due < today) errors.Add("due", Msg::kSupplementDuePast);
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

std::string SupplementProgress::PercentDone() const {
  if (members == 0) return "100.00";
  return Percent(Done(), members);
}

}  // namespace tcxd
