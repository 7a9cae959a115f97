#include "domain/rating_stats.h"

#include <array>

#include "domain/stats.h"

namespace tcxd {

Status ValidateOutcomes(const std::vector<RatingOutcome>& outcomes) {
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const auto& o = outcomes[i];
    const std::string field = "outcomes[" + std::to_string(i) + "]";
    if (o.count < 0) return Error::Invalid(field, Msg::kRatingOutcomeBoth);
    if (o.level && o.not_rated) return Error::Invalid(field, Msg::kRatingOutcomeBoth);
    if (o.downgraded_from && (!o.level || !IsAbove(*o.downgraded_from, *o.level))) {
      return Error::Invalid(field, Msg::kRatingOutcomeDowngrade);
    }
  }
  return Status::Ok();
}

RatingSummary SummarizeRatings(const std::vector<RatingOutcome>& outcomes) {
  std::vector<int64_t> by_level(kRatingLevelCount, 0);
  std::vector<int64_t> by_reason(kNotRatedReasonCount, 0);
  RatingSummary s;
  for (const auto& o : outcomes) {
    s.on_rating_date += o.count;
    if (o.level) {
      by_level[static_cast<size_t>(*o.level)] += o.count;
      s.rated += o.count;
    } else if (o.not_rated) {
      by_reason[static_cast<size_t>(*o.not_rated)] += o.count;
      s.not_rated += o.count;
    } else {
      s.pending += o.count;
    }
  }
  s.rated_percent = Percent(s.rated, s.on_rating_date);
  const auto level_pct = LargestRemainderPercents(by_level);
  for (size_t i = 0; i < by_level.size(); ++i) {
    s.levels.push_back({static_cast<RatingLevel>(i), by_level[i], level_pct[i]});
  }
  const auto reason_pct = LargestRemainderPercents(by_reason);
  for (size_t i = 0; i < by_reason.size(); ++i) {
    s.reasons.push_back({static_cast<NotRatedReason>(i), by_reason[i], reason_pct[i]});
  }
  return s;
}

std::vector<RatingSummary> SummarizeByRole(const std::vector<RatingOutcome>& outcomes) {
  std::vector<std::vector<RatingOutcome>> split(kRatingRoleCount);
  for (const auto& o : outcomes) split[static_cast<size_t>(o.role)].push_back(o);
  std::vector<RatingSummary> out;
  out.reserve(split.size());
  for (const auto& part : split) out.push_back(SummarizeRatings(part));
  return out;
}

std::vector<DowngradeRow> DowngradeTable(const std::vector<RatingOutcome>& outcomes) {
  // role x from x to
  std::array<std::array<std::array<int64_t, kRatingLevelCount>, kRatingLevelCount>, kRatingRoleCount> n{};
  for (const auto& o : outcomes) {
    if (!o.downgraded_from || !o.level) continue;
    n[static_cast<size_t>(o.role)][static_cast<size_t>(*o.downgraded_from)][static_cast<size_t>(*o.level)] += o.count;
  }
  std::vector<DowngradeRow> rows;
  for (size_t r = 0; r < n.size(); ++r) {
    for (size_t f = 0; f < n[r].size(); ++f) {
      for (size_t t = 0; t < n[r][f].size(); ++t) {
        if (n[r][f][t] > 0) {
          rows.push_back(
              {static_cast<RatingRole>(r), static_cast<RatingLevel>(f), static_cast<RatingLevel>(t), n[r][f][t]});
        }
      }
    }
  }
  return rows;
}

}  // namespace tcxd
