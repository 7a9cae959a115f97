#include "domain/account.h"

#include "domain/org.h"

namespace tcxd {
namespace {

constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::kAdmin, "admin"},   {Role::kProvince, "province"}, {Role::kGrassroots, "grassroots"},
    {Role::kBranch, "branch"}, {Role::kMember, "member"},
};

// Lower number = more power.
int Rank(Role r) {
  return static_cast<int>(r);
}

}  // namespace

std::string_view RoleName(Role r) {
  return kRoles[static_cast<size_t>(r)].second;
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) return r;
  }
  return std::nullopt;
}

bool CanSeeOrg(const Account& a, std::string_view org_path) {
  if (a.disabled) return false;
  if (a.role == Role::kAdmin) return true;
  if (a.role == Role::kMember) return false;
  return InSubtree(org_path, a.org_path);
}

bool CanSeeMember(const Account& a, MemberId member, std::string_view org_path) {
  if (a.role == Role::kMember) return !a.disabled && a.member_id == member;
  return CanSeeOrg(a, org_path);
}

bool CanWriteMembers(const Account& a, std::string_view org_path) {
  return a.role != Role::kMember && CanSeeOrg(a, org_path);
}

bool CanWriteOrgs(const Account& a, std::string_view org_path) {
  return (a.role == Role::kAdmin || a.role == Role::kProvince || a.role == Role::kGrassroots) && CanSeeOrg(a, org_path);
}

bool CanGrant(const Account& a, Role granted, std::string_view org_path) {
  if (a.role == Role::kAdmin) return true;
  if (a.role == Role::kBranch || a.role == Role::kMember) return false;
  return Rank(granted) > Rank(a.role) && CanSeeOrg(a, org_path);
}

bool CanReadAudit(const Account& a) {
  return a.role != Role::kMember && !a.disabled;
}

bool IsValidLogin(std::string_view login) {
  if (login.size() < 3 || login.size() > 64) return false;
  for (char c : login) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace tcxd
