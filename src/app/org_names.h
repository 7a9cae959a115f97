// Organization names read once per request, and how letters and books name a branch with its grassroots
// organization (transfer letters, the transfer book, the member book).
#pragma once

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/org.h"
#include "store/store.h"

namespace tcxd::app {

// Names of organizations read once per request.
class OrgNames final {
 public:
  explicit OrgNames(store::Tx& tx) : tx_(tx) {}

  const std::optional<Organization>& Get(OrgId id) {
    auto it = cache_.find(id.value);
    if (it == cache_.end()) it = cache_.emplace(id.value, tx_.GetOrg(id)).first;
    return it->second;
  }

  // The nearest ancestor of `path` (itself included) of one of the kinds, if any.
  std::optional<Organization> Nearest(const std::string& path, std::initializer_list<OrgKind> kinds) {
    const std::vector<OrgId> ids = PathIds(path);
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
      const auto& o = Get(*it);
      if (o && std::find(kinds.begin(), kinds.end(), o->kind) != kinds.end()) return o;
    }
    return std::nullopt;
  }

  std::string Grassroots(const std::string& path) {
    auto o = Nearest(path, {OrgKind::kGrassroots, OrgKind::kGrassrootsBranch});
    return o ? o->name : std::string();
  }

  // The province-level organization of `path` (its root when none is provincial).
  int64_t Province(const std::string& path) {
    auto o = Nearest(path, {OrgKind::kProvincial});
    if (o) return o->id.value;
    const std::vector<OrgId> ids = PathIds(path);
    return ids.empty() ? 0 : ids.front().value;
  }

 private:
  store::Tx& tx_;
  std::map<int64_t, std::optional<Organization>> cache_;
};

// "Chi bộ X, Đảng bộ Y" (the branch, then its grassroots organization when it is another one).
inline std::string BranchWithGrassroots(const std::string& branch, const std::string& grassroots) {
  if (grassroots.empty() || grassroots == branch) return branch;
  return branch + ", " + grassroots;
}

}  // namespace tcxd::app
