// Generates a realistic, internally consistent province (2025 shape) or a whole country of them.
// Same options, same data (a fixed pseudo-random sequence, not std:: distributions).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "domain/catalog.h"
#include "domain/member.h"
#include "domain/org.h"
#include "domain/rating.h"

namespace tcxd::demo {

struct Options {
  int64_t members = 20000;
  uint64_t seed = 1;
  int provinces = 1;  // > 1: a central root with this many provinces (the national register)
  Date today = Date(2026, 11, 23);
  // With one province: a second, small province of this many members beside it (its own root, code T02),
  // for transfers between provinces (issue #7). 0: none.
  int64_t second_province_members = 0;
};

struct Data {
  std::vector<Organization> orgs;  // parents before children; ids assigned from 1
  std::vector<Member> members;     // ids assigned from 1
  // Before 01/07/2025 the grassroots organizations were under district committees (dissolved that day)
  // or, for the agencies, under the province: the structure the tree shows "as of" an earlier date.
  std::vector<PastParent> past_parents;
  // The commune-level units of the generated provinces, for the "commune" catalog (made-up codes 90000
  // and up, under the real province codes; a real installation loads the official list instead).
  std::vector<CatalogEntry> communes;
};

Data Generate(const Options& options);

// The decided outcome of a finished rating campaign (issue #6) for one counted member.
struct DemoRating {
  size_t member = 0;  // index into Data::members
  std::optional<RatingLevel> level;
  std::optional<RatingLevel> downgraded_from;
  std::optional<NotRated> not_rated;
  RatingRole role = RatingRole::kMember;
  std::vector<int> scores;  // the self-assessment, on the member criteria of the rule set
  TaskOutcome tasks;
};

// Outcomes of a rating period for the members counted on `period.rating_date`, per branch: who is not rated
// (MemberExclusion), mostly "good", "excellent" within the cap of the rule set, a few lowered by a higher
// committee; the first members of a branch hold its posts. Deterministic for the same data and seed.
std::vector<DemoRating> GenerateRatings(const Data& data, const RatingPeriod& period, const RuleSet& rules,
                                        uint64_t seed);

// Admission cases in various stages for the demo board (issue #5): each is a candidate file as an API
// request body and the steps recorded on it, in order, as API request bodies, dated relative to `today`
// (a candidate; proposed by the branch; proposed and overdue for the decision; admitted, ceremony due;
// on probation, recognition overdue; official). The caller applies them through the app layer.
struct DemoAdmission {
  std::string file_json;
  std::vector<std::string> steps_json;
};
std::vector<DemoAdmission> AdmissionCases(int64_t branch_id, Date today);

}  // namespace tcxd::demo
