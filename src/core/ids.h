// Strong identifiers (STYLE §7): an OrgId cannot be passed where a MemberId is expected.
#pragma once

#include <cstdint>
#include <functional>

namespace tcxd {

template <typename Tag>
struct Id {
  int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr bool operator==(Id a, Id b) { return a.value == b.value; }
  friend constexpr auto operator<=>(Id a, Id b) { return a.value <=> b.value; }
};

using OrgId = Id<struct OrgTag>;
using MemberId = Id<struct MemberTag>;
using UserId = Id<struct UserTag>;

}  // namespace tcxd

template <typename Tag>
struct std::hash<tcxd::Id<Tag>> {
  size_t operator()(tcxd::Id<Tag> id) const noexcept { return std::hash<int64_t>{}(id.value); }
};
