#include "domain/account.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

Account Acc(Role role, std::string path, int64_t member = 0) {
  Account a;
  a.role = role;
  a.org_path = std::move(path);
  a.member_id = MemberId(member);
  return a;
}

TEST(AccountTest, ScopeIsTheHomeSubtree) {
  Account grassroots = Acc(Role::kGrassroots, "/1/2/3/");
  EXPECT_TRUE(CanSeeOrg(grassroots, "/1/2/3/"));
  EXPECT_TRUE(CanSeeOrg(grassroots, "/1/2/3/44/"));
  EXPECT_FALSE(CanSeeOrg(grassroots, "/1/2/"));
  EXPECT_FALSE(CanSeeOrg(grassroots, "/1/2/30/"));
  EXPECT_TRUE(CanSeeOrg(Acc(Role::kAdmin, ""), "/9/"));
  Account branch = Acc(Role::kBranch, "/1/2/3/44/");
  EXPECT_FALSE(CanSeeOrg(branch, "/1/2/3/45/"));
  EXPECT_TRUE(CanWriteMembers(branch, "/1/2/3/44/"));
  EXPECT_FALSE(CanWriteOrgs(branch, "/1/2/3/44/"));
  grassroots.disabled = true;
  EXPECT_FALSE(CanSeeOrg(grassroots, "/1/2/3/"));
}

TEST(AccountTest, MemberSeesOnlyTheirOwnRecord) {
  Account self = Acc(Role::kMember, "/1/2/3/44/", 77);
  EXPECT_TRUE(CanSeeMember(self, MemberId(77), "/1/2/3/44/"));
  EXPECT_FALSE(CanSeeMember(self, MemberId(78), "/1/2/3/44/"));
  EXPECT_FALSE(CanSeeOrg(self, "/1/2/3/44/"));
  EXPECT_FALSE(CanWriteMembers(self, "/1/2/3/44/"));
}

TEST(AccountTest, GrantOnlyLowerRolesInScope) {
  Account province = Acc(Role::kProvince, "/1/");
  EXPECT_TRUE(CanGrant(province, Role::kGrassroots, "/1/2/3/"));
  EXPECT_FALSE(CanGrant(province, Role::kProvince, "/1/"));
  EXPECT_FALSE(CanGrant(province, Role::kAdmin, "/1/"));
  EXPECT_FALSE(CanGrant(province, Role::kBranch, "/9/"));
  EXPECT_FALSE(CanGrant(Acc(Role::kBranch, "/1/2/"), Role::kMember, "/1/2/"));
}

TEST(AccountTest, LoginNames) {
  EXPECT_TRUE(IsValidLogin("chibo.tanan_01"));
  EXPECT_FALSE(IsValidLogin("ab"));
  EXPECT_FALSE(IsValidLogin("Admin"));
  EXPECT_FALSE(IsValidLogin("nguyễn"));
  EXPECT_EQ(ParseRole("grassroots"), Role::kGrassroots);
  EXPECT_FALSE(ParseRole("root").has_value());
}

}  // namespace
}  // namespace tcxd
