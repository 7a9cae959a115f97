#include "domain/org.h"

#include <cstdlib>

#include "text/unicode.h"

namespace tcxd {
namespace {

struct KindInfo {
  OrgKind kind;
  std::string_view name;
  Msg label;
};

constexpr KindInfo kKinds[] = {
    {OrgKind::kCentral, "central", Msg::kKindCentral},
    {OrgKind::kProvincial, "provincial", Msg::kKindProvincial},
    {OrgKind::kBloc, "bloc", Msg::kKindBloc},
    {OrgKind::kCommune, "commune", Msg::kKindCommune},
    {OrgKind::kGrassroots, "grassroots", Msg::kKindGrassroots},
    {OrgKind::kGrassrootsBranch, "grassroots_branch", Msg::kKindGrassrootsBranch},
    {OrgKind::kSubCommittee, "sub_committee", Msg::kKindSubCommittee},
    {OrgKind::kBranch, "branch", Msg::kKindBranch},
    {OrgKind::kDistrict, "district", Msg::kKindDistrict},
};

bool CodeCharOk(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

}  // namespace

std::string_view OrgKindName(OrgKind kind) {
  return kKinds[static_cast<size_t>(kind)].name;
}

std::optional<OrgKind> ParseOrgKind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

Msg OrgKindLabel(OrgKind kind) {
  return kKinds[static_cast<size_t>(kind)].label;
}

std::string OrgKindNames() {
  std::string out;
  for (const auto& k : kKinds) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return out;
}

bool ValidOrgCode(std::string_view code) {
  bool ok = !code.empty() && code.size() <= 32;
  for (char c : code) ok = ok && CodeCharOk(c);
  return ok;
}

bool CanBeRoot(OrgKind kind) {
  return kind == OrgKind::kCentral || kind == OrgKind::kProvincial;
}

bool CanContain(OrgKind parent, OrgKind child) {
  switch (parent) {
    case OrgKind::kCentral:
      return child == OrgKind::kProvincial;
    case OrgKind::kProvincial:
      return child == OrgKind::kBloc || child == OrgKind::kCommune || child == OrgKind::kGrassroots ||
             child == OrgKind::kGrassrootsBranch || child == OrgKind::kDistrict;
    case OrgKind::kDistrict:
    case OrgKind::kBloc:
    case OrgKind::kCommune:
      return child == OrgKind::kGrassroots || child == OrgKind::kGrassrootsBranch;
    case OrgKind::kGrassroots:
      return child == OrgKind::kSubCommittee || child == OrgKind::kBranch;
    case OrgKind::kSubCommittee:
      return child == OrgKind::kBranch;
    case OrgKind::kGrassrootsBranch:
    case OrgKind::kBranch:
      return false;
  }
  return false;
}

bool HoldsMembers(OrgKind kind) {
  return kind == OrgKind::kBranch || kind == OrgKind::kGrassrootsBranch;
}

std::string ChildPath(std::string_view parent_path, OrgId id) {
  std::string p = parent_path.empty() ? std::string("/") : std::string(parent_path);
  p += std::to_string(id.value);
  p.push_back('/');
  return p;
}

std::vector<OrgId> PathIds(std::string_view path) {
  std::vector<OrgId> ids;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    ids.emplace_back(std::strtoll(std::string(path.substr(i, j - i)).c_str(), nullptr, 10));
    i = j;
  }
  return ids;
}

bool InSubtree(std::string_view path, std::string_view root_path) {
  return !root_path.empty() && path.substr(0, root_path.size()) == root_path;
}

Status ValidateOrg(const Organization& org, const Organization* parent) {
  FieldErrors errors;
  if (org.code.empty()) {
    errors.Add("code", Msg::kRequired);
  } else if (!ValidOrgCode(org.code)) {
    errors.Add("code", Msg::kOrgCodeFormat);
  }
  if (org.name.empty()) {
    errors.Add("name", Msg::kRequired);
  } else if (text::CodePointCount(org.name) > 200) {
    errors.Add("name", Format(Msg::kTooLong, 200));
  }
  if (parent == nullptr) {
    if (!CanBeRoot(org.kind)) errors.Add("parent_id", Msg::kOrgRootKind);
  } else if (!CanContain(parent->kind, org.kind)) {
    errors.Add("kind", Format(Msg::kOrgParentKind, Text(OrgKindLabel(org.kind)), Text(OrgKindLabel(parent->kind))));
  }
  if (org.founded_on && org.founded_on > Date::Today()) errors.Add("founded_on", Msg::kDateInFuture);
  if (org.founded_on && org.dissolved_on && *org.dissolved_on < *org.founded_on) {
    errors.Add("dissolved_on", Msg::kOrgDissolvedBeforeFounded);
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

Status ValidateMove(const Organization& org, const Organization& new_parent) {
  if (new_parent.id == org.id || InSubtree(new_parent.path, org.path)) {
    return Error::Invalid("parent_id", Msg::kOrgParentCycle);
  }
  if (!CanContain(new_parent.kind, org.kind)) {
    return Error::Invalid(
        "parent_id", Format(Msg::kOrgParentKind, Text(OrgKindLabel(org.kind)), Text(OrgKindLabel(new_parent.kind))));
  }
  return Status::Ok();
}

bool KeepsCountLog(OrgKind kind, int64_t members, int64_t threshold) {
  return kind == OrgKind::kCentral || kind == OrgKind::kProvincial || members >= threshold;
}

}  // namespace tcxd
