#include "domain/restructure.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const Date kToday(2026, 12, 2);

// A small 2025-shaped world: province P (1) with a district D (2) holding grassroots G1 (3) and G2 (4),
// G1 holding branches B1 (5) and B2 (6); a commune committee X (7) founded 01/7/2025; a second province
// Q (8) with a bloc K (9) holding a grassroots branch C (10).
class RestructureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Put(1, 0, OrgKind::kProvincial, "Đảng bộ tỉnh P", "/1/", Date(1930, 3, 1), {});
    Put(2, 1, OrgKind::kDistrict, "Đảng bộ huyện D", "/1/2/", Date(1976, 1, 1), {});
    Put(3, 2, OrgKind::kGrassroots, "Đảng bộ xã G1", "/1/2/3/", Date(1980, 1, 1), {});
    Put(4, 2, OrgKind::kGrassrootsBranch, "Chi bộ G2", "/1/2/4/", Date(1980, 1, 1), Tally(0, 12, 1));
    Put(5, 3, OrgKind::kBranch, "Chi bộ B1", "/1/2/3/5/", Date(1990, 1, 1), Tally(2, 20, 3));
    Put(6, 3, OrgKind::kBranch, "Chi bộ B2", "/1/2/3/6/", Date(1990, 1, 1), Tally(1, 9, 0));
    Put(7, 1, OrgKind::kCommune, "Đảng bộ xã X", "/1/7/", Date(2025, 7, 1), {});
    Put(8, 0, OrgKind::kProvincial, "Đảng bộ tỉnh Q", "/8/", Date(1930, 3, 1), {});
    Put(9, 8, OrgKind::kBloc, "Đảng bộ Khối K", "/8/9/", Date(2025, 7, 1), {});
    Put(10, 9, OrgKind::kGrassrootsBranch, "Chi bộ C", "/8/9/10/", Date(2000, 1, 1), Tally(0, 5, 0));
    Finish();
  }

  // probationary, official, exempt; one removed member on top in every branch with members.
  static StatusTally Tally(int64_t probationary, int64_t official, int64_t exempt) {
    StatusTally t{};
    t[static_cast<size_t>(MemberStatus::kProbationary)] = probationary;
    t[static_cast<size_t>(MemberStatus::kOfficial)] = official;
    t[static_cast<size_t>(MemberStatus::kExempt)] = exempt;
    if (probationary + official + exempt > 0) t[static_cast<size_t>(MemberStatus::kRemoved)] = 1;
    return t;
  }

  void Put(int64_t id, int64_t parent, OrgKind kind, std::string name, std::string path, Date founded,
           StatusTally own) {
    OrgSnapshot s;
    s.org.id = OrgId(id);
    s.org.parent_id = OrgId(parent);
    s.org.kind = kind;
    s.org.code = "O" + std::to_string(id);
    s.org.name = std::move(name);
    s.org.path = std::move(path);
    s.org.founded_on = founded;
    s.own_counts = own;
    s.counts = own;
    snaps_[OrgId(id)] = s;
  }

  // Subtree counts and children from the parents (children before parents: ids are in pre-order).
  void Finish() {
    for (auto it = snaps_.rbegin(); it != snaps_.rend(); ++it) {
      OrgSnapshot& s = it->second;
      if (!s.org.parent_id.valid()) continue;
      OrgSnapshot& p = snaps_[s.org.parent_id];
      for (size_t i = 0; i < s.counts.size(); ++i) p.counts[i] += s.counts[i];
      p.children.insert(p.children.begin(), OrgUnit{s.org, s.counts, std::nullopt});
    }
  }

  RestructureRequest Request(RestructureKind kind, int64_t subject) {
    RestructureRequest r;
    r.kind = kind;
    r.subject = OrgId(subject);
    r.effective = Date(2025, 7, 1);
    r.decision = OrgDecision{"321-QĐ/TW", Date(2025, 6, 25), "Bộ Chính trị"};
    return r;
  }

  Result<RestructurePlan> Plan(const RestructureRequest& r) { return PlanRestructure(r, snaps_, kToday); }

  OrgSnapshots snaps_;
};

int64_t Official(const StatusTally& t) {
  return t[static_cast<size_t>(MemberStatus::kOfficial)];
}

TEST_F(RestructureTest, MoveCarriesTheSubtreeAndItsCounts) {
  auto r = Request(RestructureKind::kMove, 3);  // G1 (B1 + B2) from the district to the commune committee
  r.new_parent = OrgId(7);
  auto plan = Plan(r);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_EQ(plan->steps[0].kind, RestructureStepKind::kMoveUnit);
  EXPECT_EQ(plan->steps[0].to, OrgId(7));
  ASSERT_EQ(plan->hand_overs.size(), 1u);
  const HandOver& h = plan->hand_overs[0];
  EXPECT_EQ(h.org, OrgId(7));
  EXPECT_EQ(CountedOf(h.before), 0);
  EXPECT_EQ(CountedOf(h.received), 2 + 20 + 3 + 1 + 9);  // B1 and B2
  EXPECT_EQ(Official(h.expected_after), 29);
  EXPECT_EQ(h.expected_after[static_cast<size_t>(MemberStatus::kRemoved)], 2);  // left members travel too
}

TEST_F(RestructureTest, MergeMovesUnitsAndMembersThenDissolvesTheSources) {
  // Two provinces: Q's bloc moves under P, Q is dissolved.
  auto r = Request(RestructureKind::kMerge, 1);
  r.sources = {OrgId(8)};
  auto plan = Plan(r);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 2u);
  EXPECT_EQ(plan->steps[0].kind, RestructureStepKind::kMoveUnit);
  EXPECT_EQ(plan->steps[0].org, OrgId(9));
  EXPECT_EQ(plan->steps[1].kind, RestructureStepKind::kDissolve);
  EXPECT_EQ(plan->steps[1].org, OrgId(8));
  ASSERT_EQ(plan->hand_overs.size(), 1u);
  EXPECT_EQ(Official(plan->hand_overs[0].before), 20 + 9 + 12);
  EXPECT_EQ(Official(plan->hand_overs[0].expected_after), 20 + 9 + 12 + 5);

  // Two branches: the members of B2 go to B1.
  auto b = Request(RestructureKind::kMerge, 5);
  b.sources = {OrgId(6)};
  auto bp = Plan(b);
  ASSERT_TRUE(bp.ok()) << bp.error().message;
  ASSERT_EQ(bp->steps.size(), 2u);
  EXPECT_EQ(bp->steps[0].kind, RestructureStepKind::kMoveMembers);
  EXPECT_EQ(Official(bp->steps[0].moves), 9);
  EXPECT_EQ(Official(bp->hand_overs[0].expected_after), 29);
}

TEST_F(RestructureTest, RefusesABranchUnderABranchAndMembersInACommittee) {
  // Merging G1 (which holds branches) into the branch B... is nested; into the grassroots branch C: a
  // branch cannot hold branches.
  auto r = Request(RestructureKind::kMerge, 10);
  r.sources = {OrgId(3)};
  auto plan = Plan(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().field, "sources[0]");
  EXPECT_NE(plan.error().message.find("Chi bộ trực thuộc \"Chi bộ B1\""), std::string::npos) << plan.error().message;

  // The members of a branch cannot go into a committee.
  auto d = Request(RestructureKind::kDissolve, 6);
  d.receiver = OrgId(3);
  auto dp = Plan(d);
  ASSERT_FALSE(dp.ok());
  EXPECT_EQ(dp.error().field, "receiver");
}

TEST_F(RestructureTest, RefusesCyclesSelfMergesAndNestedMerges) {
  auto m = Request(RestructureKind::kMove, 2);  // the district under its own grassroots organization
  m.new_parent = OrgId(3);
  auto mp = Plan(m);
  ASSERT_FALSE(mp.ok());
  EXPECT_EQ(mp.error().field, "new_parent");

  auto s = Request(RestructureKind::kMerge, 2);  // the district with one of its own units
  s.sources = {OrgId(3)};
  EXPECT_EQ(Plan(s).error().field, "sources[0]");

  auto twice = Request(RestructureKind::kMerge, 5);
  twice.sources = {OrgId(6), OrgId(6)};
  EXPECT_EQ(Plan(twice).error().field, "sources[1]");

  auto under = Request(RestructureKind::kMove, 3);  // already there
  under.new_parent = OrgId(2);
  EXPECT_EQ(Plan(under).error().field, "new_parent");
}

TEST_F(RestructureTest, RefusesDatesBeforeTheOrganizationExistedOrItsLastChange) {
  auto r = Request(RestructureKind::kMove, 3);
  r.new_parent = OrgId(7);  // founded 01/7/2025
  r.effective = Date(2025, 6, 30);
  auto plan = Plan(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().field, "effective");
  EXPECT_NE(plan.error().message.find("01/07/2025"), std::string::npos) << plan.error().message;

  snaps_[OrgId(3)].last_change = Date(2025, 8, 1);
  r.effective = Date(2025, 7, 15);
  plan = Plan(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.error().message.find("01/08/2025"), std::string::npos) << plan.error().message;

  r.effective = Date(2026, 12, 3);  // tomorrow
  EXPECT_EQ(Plan(r).error().field, "effective");
}

TEST_F(RestructureTest, DecisionFieldsAreRequiredAndEveryProblemIsNamed) {
  auto r = Request(RestructureKind::kRename, 4);
  r.decision = OrgDecision{};
  auto plan = Plan(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_TRUE(plan.error().fields.count("decision.number"));
  EXPECT_TRUE(plan.error().fields.count("decision.date"));
  EXPECT_TRUE(plan.error().fields.count("decision.body"));
  EXPECT_TRUE(plan.error().fields.count("new_name"));

  r = Request(RestructureKind::kRename, 4);
  r.new_name = "  Chi bộ   Thôn 1 ";
  r.new_code = "bad code";
  EXPECT_EQ(Plan(r).error().field, "new_code");
  r.new_code = "";
  auto ok = Plan(r);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->steps[0].new_name, "Chi bộ Thôn 1");
}

TEST_F(RestructureTest, DissolveNeedsAReceiverUnlessEmpty) {
  auto r = Request(RestructureKind::kDissolve, 2);  // the district still has G1 and G2
  EXPECT_EQ(Plan(r).error().field, "receiver");
  r.receiver = OrgId(7);  // its units go to the commune committee
  auto plan = Plan(r);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 3u);
  EXPECT_EQ(plan->steps[2].kind, RestructureStepKind::kDissolve);
  EXPECT_EQ(Official(plan->hand_overs[0].expected_after), 20 + 9 + 12);

  auto empty = Request(RestructureKind::kDissolve, 9);
  snaps_[OrgId(9)].children.clear();
  snaps_[OrgId(9)].counts = {};
  auto ep = Plan(empty);
  ASSERT_TRUE(ep.ok()) << ep.error().message;
  EXPECT_TRUE(ep->hand_overs.empty());
}

TEST_F(RestructureTest, SplitSendsUnitsToTheirNewParentsAndMayDissolveTheRest) {
  auto r = Request(RestructureKind::kSplit, 2);  // the district's two units to the commune committee
  r.assignments = {{OrgId(3), OrgId(7)}, {OrgId(4), OrgId(7)}};
  r.dissolve_subject = true;
  auto plan = Plan(r);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->steps.size(), 3u);
  EXPECT_EQ(plan->touched.size(), 3u);

  r.assignments = {{OrgId(3), OrgId(7)}};  // G2 stays: cannot dissolve
  EXPECT_EQ(Plan(r).error().field, "dissolve_subject");

  r.assignments = {{OrgId(5), OrgId(7)}};  // B1 is not a direct unit of the district
  EXPECT_EQ(Plan(r).error().field, "assignments[0].unit");
}

TEST_F(RestructureTest, DissolvedOrganizationsCannotTakePart) {
  snaps_[OrgId(9)].org.dissolved_on = Date(2025, 9, 1);
  auto r = Request(RestructureKind::kMerge, 1);
  r.sources = {OrgId(9)};
  auto plan = Plan(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.error().message.find("01/09/2025"), std::string::npos) << plan.error().message;
}

}  // namespace
}  // namespace tcxd

namespace tcxd {
namespace {

TEST_F(RestructureTest, MovingAUnitUpDoesNotCountItTwice) {
  auto r = Request(RestructureKind::kMove, 3);  // G1 from the district straight under the province
  r.new_parent = OrgId(1);
  auto plan = Plan(r);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->hand_overs.size(), 1u);
  EXPECT_EQ(CountedOf(plan->hand_overs[0].received), 35);
  EXPECT_EQ(plan->hand_overs[0].expected_after, plan->hand_overs[0].before);
}

}  // namespace
}  // namespace tcxd
