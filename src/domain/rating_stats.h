// Statistics of a rating period (rules §6, §11): how many were on the rating date, rated, not rated (by
// reason), and the count and percentage of each level with its base; the downgrades by role. Pure
// computations over outcomes the store has loaded; the same functions serve members and organizations.
//
// Percentages are exact to two decimals and use the largest-remainder method (LargestRemainderPercents
// in domain/stats.h), so that the shown percentages of one table add up to exactly 100.00 whenever its
// base is > 0. Ties go to the row listed first (levels best first, reasons in NotRatedReason order).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "domain/rating.h"

namespace tcxd {

// One subject (member or organization) counted on the rating date, and what became of it.
struct RatingOutcome {
  std::optional<RatingLevel> level;            // the decided level (after any downgrade); nullopt if none
  std::optional<NotRatedReason> not_rated;     // set when counted but not rated
  RatingRole role = RatingRole::kMember;       // for members; organizations use kMember
  std::optional<RatingLevel> downgraded_from;  // the level before a higher committee lowered it
  int64_t count = 1;                           // how many subjects share this outcome (counts from the store)
};

// Validates the outcomes: kInvalid naming "outcomes[i]" when one has both a level and a not-rated
// reason, or a downgrade without a level or whose `downgraded_from` is not above `level`, or a negative
// count.
Status ValidateOutcomes(const std::vector<RatingOutcome>& outcomes);

struct LevelRow {
  RatingLevel level = RatingLevel::kExcellent;
  int64_t count = 0;
  std::string percent;  // of RatingSummary::rated, "16.81"
};

struct ReasonRow {
  NotRatedReason reason = NotRatedReason::kOther;
  int64_t count = 0;
  std::string percent;  // of RatingSummary::not_rated
};

struct RatingSummary {
  int64_t on_rating_date = 0;      // every outcome: counted on the rating date
  int64_t rated = 0;               // with a level: the base of `levels`
  int64_t not_rated = 0;           // with a reason: the base of `reasons`
  int64_t pending = 0;             // neither yet (the campaign is not finished)
  std::string rated_percent;       // rated of on_rating_date (Percent, rounded half up)
  std::vector<LevelRow> levels;    // always the four levels, best first; sum to 100.00 when rated > 0
  std::vector<ReasonRow> reasons;  // always every reason, in NotRatedReason order; 100.00 when not_rated > 0
};

// The summary of a set of outcomes (one subtree, one period). REQUIRES: ValidateOutcomes passed.
RatingSummary SummarizeRatings(const std::vector<RatingOutcome>& outcomes);

// The summary restricted to each role, in RatingRole order (kRatingRoleCount entries).
std::vector<RatingSummary> SummarizeByRole(const std::vector<RatingOutcome>& outcomes);

// How many were lowered by a higher committee, from which level to which, by role: only non-empty rows,
// ordered by role, then from, then to. REQUIRES: ValidateOutcomes passed.
struct DowngradeRow {
  RatingRole role = RatingRole::kMember;
  RatingLevel from = RatingLevel::kExcellent;
  RatingLevel to = RatingLevel::kNotCompleted;
  int64_t count = 0;
};
std::vector<DowngradeRow> DowngradeTable(const std::vector<RatingOutcome>& outcomes);

}  // namespace tcxd
