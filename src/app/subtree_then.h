// A subtree as it was on a past day, for the reports asked "as of" a date (issue #7; the structural
// versions of decision 0010). Read through the store; no HTTP.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/org.h"
#include "store/store.h"

namespace tcxd::app {

// The subtree of `root` as it was on `day` (the structural versions, decision 0010), with paths of that
// day relative to the root ("/<root>/", "/<root>/<unit>/", ...) so that the domain's subtree tests apply
// to that day's structure. nullopt when the root did not exist that day.
struct SubtreeThen {
  Organization root;                    // its name of that day; path "/<id>/"
  std::vector<Organization> units;      // its units that day, by code, with their paths of that day
  std::map<int64_t, std::string> path;  // every organization of the subtree that day -> its path then
  std::map<int64_t, int64_t> unit_of;   // every organization below the root -> its unit that day
  std::vector<OrgId> branches;          // those that hold members
};
inline std::optional<SubtreeThen> SubtreeOn(store::Tx& tx, OrgId root, Date day) {
  auto r = tx.GetOrgAsOf(root, day);
  if (!r) return std::nullopt;
  SubtreeThen out;
  out.root = *r;
  out.root.path = "/" + std::to_string(root.value) + "/";
  out.path[root.value] = out.root.path;
  if (HoldsMembers(r->kind)) out.branches.push_back(root);
  // Level by level; branches have no units below them.
  std::vector<std::pair<OrgId, OrgKind>> walk{{root, r->kind}};  // grows as each level is read
  for (size_t i = 0; i < walk.size(); ++i) {
    const auto [parent, kind] = walk[i];
    if (HoldsMembers(kind)) continue;
    for (auto& c : tx.ChildrenAsOf(parent, day)) {
      c.path = out.path[parent.value] + std::to_string(c.id.value) + "/";
      out.path[c.id.value] = c.path;
      out.unit_of[c.id.value] = parent == root ? c.id.value : out.unit_of[parent.value];
      if (HoldsMembers(c.kind)) out.branches.push_back(c.id);
      walk.emplace_back(c.id, c.kind);
      if (parent == root) out.units.push_back(std::move(c));
    }
  }
  std::sort(out.units.begin(), out.units.end(),
            [](const Organization& a, const Organization& b) { return a.code < b.code; });
  return out;
}

}  // namespace tcxd::app
