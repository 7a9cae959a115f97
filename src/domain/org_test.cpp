#include "domain/org.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

Organization Org(int64_t id, OrgKind kind, std::string path) {
  Organization o;
  o.id = OrgId(id);
  o.kind = kind;
  o.code = "C" + std::to_string(id);
  o.name = "Tổ chức " + std::to_string(id);
  o.path = std::move(path);
  return o;
}

TEST(OrgTest, KindNamesRoundTrip) {
  for (auto k : {OrgKind::kCentral, OrgKind::kProvincial, OrgKind::kBloc, OrgKind::kCommune, OrgKind::kGrassroots,
                 OrgKind::kGrassrootsBranch, OrgKind::kSubCommittee, OrgKind::kBranch}) {
    EXPECT_EQ(ParseOrgKind(OrgKindName(k)), k);
  }
  EXPECT_EQ(ParseOrgKind("district"), OrgKind::kDistrict);  // until 30/6/2025
  EXPECT_FALSE(ParseOrgKind("huyen").has_value());
}

TEST(OrgTest, TreeShapeAfter2025) {
  struct Case {
    OrgKind parent;
    OrgKind child;
    bool ok;
  };
  const Case cases[] = {
      {OrgKind::kCentral, OrgKind::kProvincial, true},       {OrgKind::kProvincial, OrgKind::kCommune, true},
      {OrgKind::kProvincial, OrgKind::kBloc, true},          {OrgKind::kProvincial, OrgKind::kGrassroots, true},
      {OrgKind::kCommune, OrgKind::kGrassroots, true},       {OrgKind::kCommune, OrgKind::kGrassrootsBranch, true},
      {OrgKind::kGrassroots, OrgKind::kBranch, true},        {OrgKind::kGrassroots, OrgKind::kSubCommittee, true},
      {OrgKind::kSubCommittee, OrgKind::kBranch, true},      {OrgKind::kBranch, OrgKind::kBranch, false},
      {OrgKind::kGrassrootsBranch, OrgKind::kBranch, false}, {OrgKind::kCommune, OrgKind::kBranch, false},
      {OrgKind::kCommune, OrgKind::kCommune, false},         {OrgKind::kProvincial, OrgKind::kProvincial, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CanContain(c.parent, c.child), c.ok) << OrgKindName(c.parent) << " > " << OrgKindName(c.child);
  }
  EXPECT_TRUE(HoldsMembers(OrgKind::kBranch));
  EXPECT_TRUE(HoldsMembers(OrgKind::kGrassrootsBranch));
  EXPECT_FALSE(HoldsMembers(OrgKind::kGrassroots));
}

TEST(OrgTest, PathsAndSubtrees) {
  EXPECT_EQ(ChildPath("", OrgId(1)), "/1/");
  EXPECT_EQ(ChildPath("/1/7/", OrgId(42)), "/1/7/42/");
  EXPECT_EQ(PathIds("/1/7/42/"), (std::vector<OrgId>{OrgId(1), OrgId(7), OrgId(42)}));
  EXPECT_TRUE(InSubtree("/1/7/42/", "/1/7/"));
  EXPECT_TRUE(InSubtree("/1/7/", "/1/7/"));
  EXPECT_FALSE(InSubtree("/1/70/", "/1/7/"));  // a prefix of digits is not an ancestor
  EXPECT_FALSE(InSubtree("/1/", "/1/7/"));
}

TEST(OrgTest, ValidateNamesEveryWrongField) {
  Organization o = Org(5, OrgKind::kBranch, "/1/5/");
  o.code = "có dấu";
  o.name = "";
  o.founded_on = Date(2020, 1, 1);
  o.dissolved_on = Date(2019, 1, 1);
  Organization parent = Org(1, OrgKind::kCommune, "/1/");
  Status s = ValidateOrg(o, &parent);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(s.error().field, "code");
  EXPECT_TRUE(s.error().fields.count("name"));
  EXPECT_TRUE(s.error().fields.count("kind"));  // a branch cannot sit directly under a commune committee
  EXPECT_TRUE(s.error().fields.count("dissolved_on"));
  EXPECT_FALSE(ValidateOrg(Org(2, OrgKind::kBranch, "/2/"), nullptr).ok());  // a branch is no root
  EXPECT_TRUE(ValidateOrg(Org(2, OrgKind::kProvincial, "/2/"), nullptr).ok());
}

TEST(OrgTest, MoveRefusesCycles) {
  Organization g = Org(3, OrgKind::kGrassroots, "/1/2/3/");
  Organization own_branch = Org(9, OrgKind::kBranch, "/1/2/3/9/");
  Organization other_commune = Org(4, OrgKind::kCommune, "/1/4/");
  Status cycle = ValidateMove(g, own_branch);
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(cycle.error().field, "parent_id");
  EXPECT_FALSE(ValidateMove(g, g).ok());
  EXPECT_TRUE(ValidateMove(g, other_commune).ok());
  Organization b = Org(10, OrgKind::kBranch, "/1/2/3/10/");
  EXPECT_FALSE(ValidateMove(b, other_commune).ok());  // a branch under a commune committee
}

TEST(OrgTest, TheRootTheProvincesAndBigOrganizationsKeepACountLedger) {
  EXPECT_TRUE(KeepsCountLog(OrgKind::kCentral));
  EXPECT_TRUE(KeepsCountLog(OrgKind::kProvincial));
  EXPECT_FALSE(KeepsCountLog(OrgKind::kDistrict));
  EXPECT_FALSE(KeepsCountLog(OrgKind::kCommune, kLedgerMembers - 1));
  EXPECT_TRUE(KeepsCountLog(OrgKind::kCommune, kLedgerMembers));
  EXPECT_TRUE(KeepsCountLog(OrgKind::kBloc, 40, 40));
  EXPECT_FALSE(KeepsCountLog(OrgKind::kBloc, 39, 40));
}

}  // namespace
}  // namespace tcxd
