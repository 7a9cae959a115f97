// Party organizations as a tree (rules §9, §10). Pure domain: no SQL, no HTTP.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"

namespace tcxd {

// The kinds of party organization after the 2025 restructuring (docs/glossary.md).
enum class OrgKind {
  kCentral,           // national root (for the national register)
  kProvincial,        // đảng bộ tỉnh/thành phố
  kBloc,              // đảng bộ khối / cơ quan trực thuộc tỉnh
  kCommune,           // đảng bộ xã, phường, đặc khu
  kGrassroots,        // đảng bộ cơ sở
  kGrassrootsBranch,  // chi bộ cơ sở
  kSubCommittee,      // đảng bộ bộ phận
  kBranch,            // chi bộ trực thuộc
  kDistrict,  // đảng bộ huyện, quận, thị xã, thành phố thuộc tỉnh (until 30/6/2025; rules §10)
};

std::string_view OrgKindName(OrgKind kind);  // "provincial", ... (JSON and database)
std::optional<OrgKind> ParseOrgKind(std::string_view name);
Msg OrgKindLabel(OrgKind kind);  // Vietnamese label
std::string OrgKindNames();      // "central, provincial, ..." for error messages

// Codes: upper-case ASCII letters, digits, '.', '-', '_'; 1 to 32 characters.
bool ValidOrgCode(std::string_view code);

bool CanBeRoot(OrgKind kind);
bool CanContain(OrgKind parent, OrgKind child);
// Members are registered only in branches: chi bộ trực thuộc or chi bộ cơ sở.
bool HoldsMembers(OrgKind kind);

struct Organization {
  OrgId id;
  OrgId parent_id;  // invalid for a root
  OrgKind kind = OrgKind::kBranch;
  std::string code;
  std::string name;
  std::optional<Date> founded_on;
  std::optional<Date> dissolved_on;
  // Materialized path of ids, "/1/7/42/", root first, this org last (docs/decisions/0002-subtree.md).
  std::string path;
  int depth = 0;  // 0 for a root
  int version = 1;
};

// An organization's parent before a restructuring: `parent` until the day before `until` (for loading a
// register with its history, e.g. the demo's districts before 01/07/2025).
struct PastParent {
  OrgId org;
  OrgId parent;
  Date until;
};

// The size from which an organization keeps a count ledger whatever its kind: member by member, a count
// "as of" a date takes about 3-10 µs per registration read, over the 50 ms of the target from here.
inline constexpr int64_t kLedgerMembers = 10000;

// Whether an organization keeps a count ledger (docs/decisions/0010): the root, the provinces, and any
// other with at least `threshold` member registrations in its subtree (`members`: those of any date when
// known, else today's).
bool KeepsCountLog(OrgKind kind, int64_t members = 0, int64_t threshold = kLedgerMembers);

// The path of a child with id `id` under `parent_path` ("" for a root).
std::string ChildPath(std::string_view parent_path, OrgId id);
// Ancestor ids from a path, root first, including the org itself.
std::vector<OrgId> PathIds(std::string_view path);
// True when `path` lies in the subtree rooted at `root_path` (a node is in its own subtree).
bool InSubtree(std::string_view path, std::string_view root_path);

// Checks an organization's own fields and its place under `parent` (nullptr for a root).
// Returns kInvalid with every wrong field named; does not check code uniqueness (the store does).
Status ValidateOrg(const Organization& org, const Organization* parent);

// Checks that `org` may be placed under `new_parent`: no cycle, compatible kinds.
Status ValidateMove(const Organization& org, const Organization& new_parent);

}  // namespace tcxd
