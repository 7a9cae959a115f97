#include "domain/restructure.h"

#include <set>

#include "i18n/messages.h"
#include "text/unicode.h"

namespace tcxd {
namespace {

struct KindInfo {
  RestructureKind kind;
  std::string_view name;
  Msg label;
};

constexpr KindInfo kKinds[] = {
    {RestructureKind::kRename, "rename", Msg::kRestructureRename},
    {RestructureKind::kMove, "move", Msg::kRestructureMove},
    {RestructureKind::kMerge, "merge", Msg::kRestructureMerge},
    {RestructureKind::kSplit, "split", Msg::kRestructureSplit},
    {RestructureKind::kDissolve, "dissolve", Msg::kRestructureDissolve},
};

void Add(StatusTally& into, const StatusTally& t) {
  for (size_t i = 0; i < into.size(); ++i) into[i] += t[i];
}

bool Any(const StatusTally& t) {
  for (int64_t n : t) {
    if (n != 0) return true;
  }
  return false;
}

// Members still in the organization (not left): they must go somewhere when it is dissolved.
int64_t Active(const StatusTally& t) {
  int64_t n = 0;
  for (int i = 0; i < kMemberStatusCount; ++i) {
    if (!HasLeft(static_cast<MemberStatus>(i))) n += t[static_cast<size_t>(i)];
  }
  return n;
}

std::string KindLabel(OrgKind k) {
  return std::string(Text(OrgKindLabel(k)));
}

class Planner {
 public:
  Planner(const RestructureRequest& r, const OrgSnapshots& snaps, Date today) : r_(r), snaps_(snaps), today_(today) {}

  Result<RestructurePlan> Run() {
    CheckDecision();
    if (r_.effective > today_) errors_.Add("effective", Msg::kDateInFuture);
    switch (r_.kind) {
      case RestructureKind::kRename:
        Rename();
        break;
      case RestructureKind::kMove:
        Move();
        break;
      case RestructureKind::kMerge:
        Merge();
        break;
      case RestructureKind::kSplit:
        Split();
        break;
      case RestructureKind::kDissolve:
        Dissolve();
        break;
    }
    if (!errors_.empty()) return errors_.ToError();
    return std::move(plan_);
  }

 private:
  void CheckDecision() {
    if (r_.decision.number.empty()) errors_.Add("decision.number", Msg::kRequired);
    if (!r_.decision.date) {
      errors_.Add("decision.date", Msg::kRequired);
    } else if (*r_.decision.date > today_) {
      errors_.Add("decision.date", Msg::kDateInFuture);
    }
    if (r_.decision.body.empty()) errors_.Add("decision.body", Msg::kRequired);
  }

  // The snapshot of `id` for `field`: known, not dissolved, existing on the effective date and not
  // changed after it. nullptr (with the error recorded) otherwise.
  const OrgSnapshot* Get(OrgId id, const std::string& field) {
    if (!id.valid()) {
      errors_.Add(field, Msg::kRequired);
      return nullptr;
    }
    auto it = snaps_.find(id);
    if (it == snaps_.end()) {
      errors_.Add(field, Msg::kNotFound);
      return nullptr;
    }
    const OrgSnapshot& s = it->second;
    if (s.org.dissolved_on) {
      errors_.Add(field, Format(Msg::kRestructureOrgDissolved, s.org.name, s.org.dissolved_on->ToVietnamese()));
      return nullptr;
    }
    if (s.org.founded_on && r_.effective < *s.org.founded_on) {
      errors_.Add("effective", Format(Msg::kRestructureBeforeFounded, r_.effective.ToVietnamese(), s.org.name,
                                      s.org.founded_on->ToVietnamese()));
    } else if (s.last_change && r_.effective < *s.last_change) {
      errors_.Add("effective", Format(Msg::kRestructureBeforeLastChange, r_.effective.ToVietnamese(), s.org.name,
                                      s.last_change->ToVietnamese()));
    }
    return &s;
  }

  void Touch(OrgId id) {
    for (OrgId t : plan_.touched) {
      if (t == id) return;
    }
    plan_.touched.push_back(id);
  }

  HandOver& HandOverOf(const OrgSnapshot& to) {
    for (auto& h : plan_.hand_overs) {
      if (h.org == to.org.id) return h;
    }
    HandOver h;
    h.org = to.org.id;
    h.before = to.counts;
    h.expected_after = to.counts;
    plan_.hand_overs.push_back(h);
    return plan_.hand_overs.back();
  }

  // A unit that moves gets a new structural version: not before its latest one.
  void CheckUnitDate(const OrgUnit& unit) {
    if (unit.last_change && r_.effective < *unit.last_change) {
      errors_.Add("effective", Format(Msg::kRestructureBeforeLastChange, r_.effective.ToVietnamese(), unit.org.name,
                                      unit.last_change->ToVietnamese()));
    }
  }

  void MoveUnit(const OrgUnit& unit, const OrgSnapshot& to) {
    RestructureStep s;
    s.kind = RestructureStepKind::kMoveUnit;
    s.org = unit.org.id;
    s.to = to.org.id;
    s.moves = unit.counts;
    plan_.steps.push_back(s);
    Touch(unit.org.id);
    HandOver& h = HandOverOf(to);
    Add(h.received, unit.counts);
    // A unit moved up to an organization above it was already counted there.
    if (!InSubtree(unit.org.path, to.org.path)) Add(h.expected_after, unit.counts);
  }

  void MoveMembers(const OrgSnapshot& from, const OrgSnapshot& to) {
    RestructureStep s;
    s.kind = RestructureStepKind::kMoveMembers;
    s.org = from.org.id;
    s.to = to.org.id;
    s.moves = from.own_counts;
    plan_.steps.push_back(s);
    HandOver& h = HandOverOf(to);
    Add(h.received, from.own_counts);
    Add(h.expected_after, from.own_counts);
  }

  void DissolveStep(const OrgSnapshot& org) {
    RestructureStep s;
    s.kind = RestructureStepKind::kDissolve;
    s.org = org.org.id;
    plan_.steps.push_back(s);
    Touch(org.org.id);
  }

  // Whether `into` can take over `from`'s units and members; errors on `field`.
  bool CanTakeOver(const OrgSnapshot& from, const OrgSnapshot& into, const std::string& field) {
    bool ok = true;
    if (into.org.id == from.org.id || InSubtree(into.org.path, from.org.path) ||
        InSubtree(from.org.path, into.org.path)) {
      errors_.Add(field, Format(Msg::kRestructureSelfOrNested, from.org.name, into.org.name));
      return false;
    }
    for (const auto& c : from.children) {
      CheckUnitDate(c);
      if (!CanContain(into.org.kind, c.org.kind)) {
        errors_.Add(field, Format(Msg::kRestructureUnitKind, KindLabel(c.org.kind), c.org.name,
                                  KindLabel(into.org.kind), into.org.name));
        ok = false;
      }
    }
    if (Any(from.own_counts) && !HoldsMembers(into.org.kind)) {
      errors_.Add(field, Format(Msg::kRestructureMembersKind, from.org.name, KindLabel(into.org.kind), into.org.name));
      ok = false;
    }
    return ok;
  }

  void TakeOver(const OrgSnapshot& from, const OrgSnapshot& into) {
    for (const auto& c : from.children) MoveUnit(c, into);
    if (Any(from.own_counts)) MoveMembers(from, into);
  }

  void Rename() {
    const OrgSnapshot* s = Get(r_.subject, "subject");
    std::string name = text::CleanText(r_.new_name);
    if (name.empty()) {
      errors_.Add("new_name", Msg::kRequired);
    } else if (text::CodePointCount(name) > 200) {
      errors_.Add("new_name", Format(Msg::kTooLong, 200));
    }
    if (!r_.new_code.empty() && !ValidOrgCode(r_.new_code)) errors_.Add("new_code", Msg::kOrgCodeFormat);
    if (s == nullptr || !errors_.empty()) return;
    if (name == s->org.name && (r_.new_code.empty() || r_.new_code == s->org.code)) {
      errors_.Add("new_name", Msg::kRestructureNoChange);
      return;
    }
    RestructureStep step;
    step.kind = RestructureStepKind::kRename;
    step.org = s->org.id;
    step.new_name = name;
    step.new_code = r_.new_code;
    plan_.steps.push_back(step);
    Touch(s->org.id);
  }

  void Move() {
    const OrgSnapshot* s = Get(r_.subject, "subject");
    const OrgSnapshot* p = Get(r_.new_parent, "new_parent");
    if (s == nullptr || p == nullptr) return;
    if (s->org.parent_id == p->org.id) {
      errors_.Add("new_parent", Format(Msg::kRestructureAlreadyUnder, s->org.name, p->org.name));
      return;
    }
    if (Status v = ValidateMove(s->org, p->org); !v.ok()) {
      errors_.Add("new_parent", v.error().message);
      return;
    }
    MoveUnit(OrgUnit{s->org, s->counts, s->last_change}, *p);
  }

  void Merge() {
    const OrgSnapshot* into = Get(r_.subject, "subject");
    if (r_.sources.empty()) errors_.Add("sources", Msg::kRequired);
    std::set<int64_t> seen;
    std::vector<const OrgSnapshot*> sources;
    for (size_t i = 0; i < r_.sources.size(); ++i) {
      const std::string field = "sources[" + std::to_string(i) + "]";
      if (!seen.insert(r_.sources[i].value).second) {
        errors_.Add(field, Msg::kRestructureDuplicate);
        continue;
      }
      const OrgSnapshot* s = Get(r_.sources[i], field);
      if (s == nullptr || into == nullptr) continue;
      if (CanTakeOver(*s, *into, field)) sources.push_back(s);
    }
    if (into == nullptr || !errors_.empty()) return;
    for (const OrgSnapshot* s : sources) {
      TakeOver(*s, *into);
      DissolveStep(*s);
    }
  }

  void Split() {
    const OrgSnapshot* from = Get(r_.subject, "subject");
    if (r_.assignments.empty()) errors_.Add("assignments", Msg::kRequired);
    if (from == nullptr) return;
    std::set<int64_t> seen;
    std::vector<std::pair<const OrgUnit*, const OrgSnapshot*>> moves;
    for (size_t i = 0; i < r_.assignments.size(); ++i) {
      const std::string field = "assignments[" + std::to_string(i) + "]";
      const auto& [unit_id, to_id] = r_.assignments[i];
      const OrgUnit* unit = nullptr;
      for (const auto& c : from->children) {
        if (c.org.id == unit_id) unit = &c;
      }
      if (unit == nullptr) {
        errors_.Add(field + ".unit", Format(Msg::kRestructureNotAUnit, from->org.name));
        continue;
      }
      if (!seen.insert(unit_id.value).second) {
        errors_.Add(field + ".unit", Msg::kRestructureDuplicate);
        continue;
      }
      const OrgSnapshot* to = Get(to_id, field + ".to");
      if (to == nullptr) continue;
      if (to->org.id == from->org.id) {
        errors_.Add(field + ".to", Format(Msg::kRestructureAlreadyUnder, unit->org.name, to->org.name));
        continue;
      }
      if (Status v = ValidateMove(unit->org, to->org); !v.ok()) {
        errors_.Add(field + ".to", v.error().message);
        continue;
      }
      CheckUnitDate(*unit);
      moves.emplace_back(unit, to);
    }
    if (r_.dissolve_subject) {
      if (seen.size() != from->children.size() || Active(from->own_counts) > 0) {
        errors_.Add("dissolve_subject", Format(Msg::kRestructureNotEmpty, from->org.name));
      }
    }
    if (!errors_.empty()) return;
    for (const auto& [unit, to] : moves) MoveUnit(*unit, *to);
    if (r_.dissolve_subject) DissolveStep(*from);
  }

  void Dissolve() {
    const OrgSnapshot* s = Get(r_.subject, "subject");
    if (s == nullptr) return;
    const bool empty = s->children.empty() && Active(s->own_counts) == 0;
    if (!r_.receiver.valid()) {
      if (!empty) errors_.Add("receiver", Format(Msg::kRestructureNotEmpty, s->org.name));
      if (errors_.empty()) DissolveStep(*s);
      return;
    }
    const OrgSnapshot* into = Get(r_.receiver, "receiver");
    if (into == nullptr || !CanTakeOver(*s, *into, "receiver") || !errors_.empty()) return;
    TakeOver(*s, *into);
    DissolveStep(*s);
  }

  const RestructureRequest& r_;
  const OrgSnapshots& snaps_;
  Date today_;
  FieldErrors errors_;
  RestructurePlan plan_;
};

}  // namespace

std::string_view RestructureKindName(RestructureKind k) {
  return kKinds[static_cast<size_t>(k)].name;
}

std::optional<RestructureKind> ParseRestructureKind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

Msg RestructureKindLabel(RestructureKind k) {
  return kKinds[static_cast<size_t>(k)].label;
}

std::string RestructureKindNames() {
  std::string out;
  for (const auto& k : kKinds) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return out;
}

int64_t CountedOf(const StatusTally& t) {
  int64_t n = 0;
  for (int i = 0; i < kMemberStatusCount; ++i) {
    if (IsCounted(static_cast<MemberStatus>(i))) n += t[static_cast<size_t>(i)];
  }
  return n;
}

std::vector<OrgId> InvolvedOrgs(const RestructureRequest& r) {
  std::vector<OrgId> ids;
  auto add = [&](OrgId id) {
    if (id.valid()) ids.push_back(id);
  };
  add(r.subject);
  for (OrgId s : r.sources) add(s);
  add(r.new_parent);
  add(r.receiver);
  for (const auto& a : r.assignments) add(a.second);
  return ids;
}

Result<RestructurePlan> PlanRestructure(const RestructureRequest& r, const OrgSnapshots& snapshots, Date today) {
  return Planner(r, snapshots, today).Run();
}

}  // namespace tcxd
