// Restructuring of the organization tree (issue #7 item 4; rules.md §10): rename, move a subtree under
// another parent, merge organizations into one, split an organization's units among others, dissolve.
// Each is done by a decision (number, date, body) from an effective date, and carries its members over en
// bloc with a hand-over record (biên bản bàn giao): the counts by status of what moves, which must match on
// both sides after the change.
//
// Pure domain: the app layer loads a snapshot of every organization involved, PlanRestructure checks the
// request against it and returns the plan as elementary steps (move a unit, move a branch's members,
// rename, dissolve) with the expected counts; the store applies the steps and the app checks the counts.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "domain/member.h"
#include "domain/org.h"

namespace tcxd {

enum class RestructureKind { kRename, kMove, kMerge, kSplit, kDissolve };

std::string_view RestructureKindName(RestructureKind k);  // "rename", "move", "merge", "split", "dissolve"
std::optional<RestructureKind> ParseRestructureKind(std::string_view name);
Msg RestructureKindLabel(RestructureKind k);
std::string RestructureKindNames();

// The decision behind a change (quyết định): number, date and the body that signed it.
struct OrgDecision {
  std::string number;
  std::optional<Date> date;
  std::string body;
};

// Counts of members by status (indexed by MemberStatus), of a subtree or of what moves.
using StatusTally = std::array<int64_t, kMemberStatusCount>;
int64_t CountedOf(const StatusTally& t);  // probationary + official + exempt

struct RestructureRequest {
  RestructureKind kind = RestructureKind::kRename;
  Date effective;  // the day from which the new structure holds
  OrgDecision decision;
  // rename, move, split, dissolve: the organization changed. merge: the organization that receives.
  OrgId subject;
  std::vector<OrgId> sources;  // merge: the organizations merged into `subject` (then dissolved)
  OrgId new_parent;            // move
  std::string new_name;        // rename (required there)
  std::string new_code;        // rename (optional: empty keeps the code)
  // split: which unit under `subject` goes where (unit -> new parent); units not listed stay.
  std::vector<std::pair<OrgId, OrgId>> assignments;
  bool dissolve_subject = false;  // split: dissolve `subject` once emptied
  OrgId receiver;                 // dissolve: where the units and members left go (may be none when empty)
  std::string note;
};

// What the app knows of one organization involved: itself, its direct units, the counts of its whole
// subtree, and the date of its latest structural version (a change may not be dated before it).
struct OrgUnit {
  Organization org;
  StatusTally counts{};             // its whole subtree
  std::optional<Date> last_change;  // valid_from of its current structural version
};
struct OrgSnapshot {
  Organization org;
  std::vector<OrgUnit> children;    // its direct units, not dissolved
  StatusTally counts{};             // the whole subtree
  StatusTally own_counts{};         // members registered in the organization itself (branches)
  std::optional<Date> last_change;  // valid_from of its current structural version
};

enum class RestructureStepKind {
  kRename,       // org: new_name / new_code
  kMoveUnit,     // org (with its subtree) under to
  kMoveMembers,  // every member registered in org goes to the branch `to`
  kDissolve,     // org ends on the effective date
};

struct RestructureStep {
  RestructureStepKind kind = RestructureStepKind::kRename;
  OrgId org;
  OrgId to;
  std::string new_name;
  std::string new_code;
  StatusTally moves{};  // members moved by this step (kMoveUnit: the unit's subtree; kMoveMembers: the branch's)
};

// The hand-over of one receiving organization: its counts before, what it receives, and the counts it
// must show after (before + received); the app compares them with the store after applying the plan.
struct HandOver {
  OrgId org;
  StatusTally before{};
  StatusTally received{};
  StatusTally expected_after{};
};

struct RestructurePlan {
  std::vector<RestructureStep> steps;
  std::vector<HandOver> hand_overs;  // one per organization that receives units or members
  std::vector<OrgId> touched;        // every organization whose structural version changes
};

using OrgSnapshots = std::map<OrgId, OrgSnapshot>;

// The organizations PlanRestructure needs in `snapshots`: subject, sources, new parent, receiver, the split
// targets, and the units of subject and sources (their snapshots are needed only as `children` entries).
std::vector<OrgId> InvolvedOrgs(const RestructureRequest& r);

// Checks the request and returns the plan. Errors (kInvalid, every problem named by field):
//   "effective" in the future, before an involved organization was founded, or before its latest change;
//   "decision.number", "decision.date" (required, not in the future), "decision.body"; "subject" / "sources" /
//   "new_parent" / "receiver" / "assignments[i].to" unknown or dissolved; a cycle; a kind that cannot hold what it
//   would receive (a branch under a branch, members in a committee); a merge of an organization with itself or one of
//   its own units; a dissolve of an organization that still has units or members without a receiver; a rename without a
//   new name.
Result<RestructurePlan> PlanRestructure(const RestructureRequest& r, const OrgSnapshots& snapshots, Date today);

}  // namespace tcxd
