#include "demo/generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/rules.h"

namespace tcxd::demo {
namespace {

TEST(DemoGenerator, SameSeedSameData) {
  Options o;
  o.members = 3000;
  o.seed = 5;
  auto a = Generate(o);
  auto b = Generate(o);
  ASSERT_EQ(a.members.size(), b.members.size());
  for (size_t i = 0; i < a.members.size(); ++i) {
    EXPECT_EQ(a.members[i].full_name, b.members[i].full_name);
    EXPECT_EQ(a.members[i].birth_date, b.members[i].birth_date);
  }
  o.seed = 6;
  auto c = Generate(o);
  int differ = 0;
  for (size_t i = 0; i < std::min(a.members.size(), c.members.size()); ++i) {
    differ += a.members[i].full_name != c.members[i].full_name ? 1 : 0;
  }
  EXPECT_GT(differ, 100);
}

// Every organization fits under its parent, every member is valid under the rules and registered in an
// organization that holds members, and unique numbers are unique. Many small provinces exercise the
// edge cases (a member admitted exactly 12 months before today used to crash the generator).
TEST(DemoGenerator, NationalRegisterIsConsistent) {
  Options o;
  o.members = 100000;
  o.provinces = 34;
  o.seed = 1;
  o.today = Date(2026, 11, 23);
  auto d = Generate(o);
  std::map<int64_t, const Organization*> orgs;
  for (const auto& org : d.orgs) {
    const Organization* parent = nullptr;
    if (org.parent_id.valid()) {
      ASSERT_TRUE(orgs.count(org.parent_id.value)) << org.code << ": parent must come first";
      parent = orgs[org.parent_id.value];
    }
    EXPECT_TRUE(ValidateOrg(org, parent).ok()) << org.code;
    orgs[org.id.value] = &org;
  }
  EXPECT_EQ(d.orgs.front().kind, OrgKind::kCentral);
  EXPECT_NEAR(static_cast<double>(d.members.size()), 100000.0, 10000.0);
  // Before 01/07/2025 every grassroots organization was under a district committee of its own province
  // (dissolved that day) or, for the agencies, under the province itself.
  ASSERT_FALSE(d.past_parents.empty());
  for (const auto& pp : d.past_parents) {
    ASSERT_TRUE(orgs.count(pp.org.value) && orgs.count(pp.parent.value));
    const Organization& parent = *orgs[pp.parent.value];
    const Organization& now = *orgs[orgs[pp.org.value]->parent_id.value];
    EXPECT_TRUE(parent.kind == OrgKind::kDistrict || parent.kind == OrgKind::kProvincial) << parent.code;
    if (parent.kind == OrgKind::kDistrict) {
      EXPECT_EQ(parent.dissolved_on, pp.until);
    }
    EXPECT_EQ(parent.code.substr(0, 3), now.code.substr(0, 3));  // the same province (T01., T02., ...)
    EXPECT_EQ(pp.until, Date(2025, 7, 1));
  }
  std::set<std::string> cards;
  std::set<std::string> ids;
  std::map<MemberStatus, int> by_status;
  for (const auto& m : d.members) {
    ASSERT_TRUE(orgs.count(m.org_id.value));
    EXPECT_TRUE(HoldsMembers(orgs[m.org_id.value]->kind)) << m.full_name;
    auto st = ValidateMember(m, RuleSet::Default(), o.today);
    EXPECT_TRUE(st.ok()) << m.full_name;
    if (!m.card_number.empty()) {
      EXPECT_TRUE(cards.insert(m.card_number).second) << m.card_number;
    }
    EXPECT_TRUE(ids.insert(m.national_id).second) << m.national_id;
    ++by_status[m.status];
  }
  EXPECT_GT(by_status[MemberStatus::kProbationary], 0);
  EXPECT_GT(by_status[MemberStatus::kExempt], 0);
  EXPECT_GT(by_status[MemberStatus::kDeceased], 0);
}

// The demo's finished rating campaign: every member counted on the rating date has an outcome, the
// excellent ones stay within the cap of the rule set in every branch (before the downgrades), the
// branch's posts are its first rated members, and the same seed gives the same outcomes.
TEST(DemoGenerator, RatingsRespectTheCapInEveryBranch) {
  Options o;
  o.members = 5000;
  o.seed = 3;
  const Data data = Generate(o);
  const RatingPeriod period{2025, 0, Date(2025, 12, 15)};
  const auto ratings = GenerateRatings(data, period, RuleSet::Default(), 3);
  ASSERT_FALSE(ratings.empty());
  std::map<int64_t, LevelCounts> before;  // per branch, levels as decided before any downgrade
  int64_t not_rated = 0;
  int64_t downgraded = 0;
  std::set<size_t> seen;
  for (const auto& r : ratings) {
    EXPECT_TRUE(seen.insert(r.member).second);
    EXPECT_NE(r.level.has_value(), r.not_rated.has_value());
    if (r.not_rated) {
      ++not_rated;
      continue;
    }
    EXPECT_EQ(r.scores.size(), 4u);
    if (r.downgraded_from) ++downgraded;
    ++before[data.members[r.member].org_id.value][r.downgraded_from.value_or(*r.level)];
  }
  for (const auto& [branch, counts] : before) {
    EXPECT_LE(counts[RatingLevel::kExcellent] * 100, 20 * counts[RatingLevel::kGood]) << "branch " << branch;
  }
  EXPECT_GT(not_rated, 0);
  EXPECT_GT(downgraded, 0);
  const auto again = GenerateRatings(data, period, RuleSet::Default(), 3);
  ASSERT_EQ(again.size(), ratings.size());
  for (size_t i = 0; i < again.size(); ++i) EXPECT_EQ(again[i].level, ratings[i].level);
}

}  // namespace
}  // namespace tcxd::demo
