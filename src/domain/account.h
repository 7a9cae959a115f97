// User accounts, roles and scope (who may see and change what). Pure domain.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/ids.h"

namespace tcxd {

enum class Role {
  kAdmin,       // system administrator: everything
  kProvince,    // provincial organization staff (Ban Tổ chức): its subtree
  kGrassroots,  // grassroots staff (văn phòng đảng ủy cơ sở): its subtree
  kBranch,      // branch secretary: its branch
  kMember,      // a member's self-view: only their own record
};

std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

struct Account {
  UserId id;
  std::string login;
  std::string display_name;
  Role role = Role::kMember;
  OrgId org_id;          // home organization; invalid for admin
  std::string org_path;  // path of the home organization (filled by the store)
  MemberId member_id;    // for kMember
  std::string password_hash;
  bool disabled = false;
};

// True when the account may read data of an organization whose path is `org_path`.
bool CanSeeOrg(const Account& a, std::string_view org_path);
// True when the account may read the member `member` registered in an organization at `org_path`.
bool CanSeeMember(const Account& a, MemberId member, std::string_view org_path);
// True when the account may create or change members in the organization at `org_path`.
bool CanWriteMembers(const Account& a, std::string_view org_path);
// True when the account may create or change organizations under `org_path`.
bool CanWriteOrgs(const Account& a, std::string_view org_path);
// True when the account may create accounts with role `granted` at `org_path`.
bool CanGrant(const Account& a, Role granted, std::string_view org_path);
// True when the account may read the audit log of its scope.
bool CanReadAudit(const Account& a);

// Login names: lower-case ASCII letters, digits, '.', '_' and '-', 3..64 characters.
bool IsValidLogin(std::string_view login);

}  // namespace tcxd
