// The yearly dossier supplement's use cases (issue #4): open a campaign, see its progress per branch and
// the members still to do, record "no change" or "changed" for a member, close it.
#include <charconv>

#include "app/campaign_part.h"
#include "app/service.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr int kPendingShown = 200;

}  // namespace

Result<Organization> CampaignPart(store::Tx& tx, const Account& caller, const Organization& campaign_org,
                                  const std::string& org_param, Msg outside) {
  Organization shown = campaign_org;
  int64_t asked = 0;
  if (!org_param.empty()) {
    auto [p, ec] = std::from_chars(org_param.data(), org_param.data() + org_param.size(), asked);
    if (ec != std::errc() || p != org_param.data() + org_param.size()) return Error::Invalid("org", Msg::kBadId);
  } else if (!CanSeeOrg(caller, campaign_org.path)) {
    asked = caller.org_id.value;
  }
  if (asked > 0) {
    auto o = tx.GetOrg(OrgId(asked));
    if (!o || !InSubtree(o->path, campaign_org.path)) return Error::Invalid("org", outside);
    shown = *o;
  }
  if (!CanSeeOrg(caller, shown.path)) return Error::NotFound();
  return shown;
}

Result<SupplementCampaign> App::OpenSupplement(const Caller& caller, OrgId org_id, const Json& body) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  FieldErrors errors;
  int year = 0;
  std::optional<Date> due;
  for (const auto& [k, v] : body.items()) {
    if (k == "year") {
      if (!v.is_number_integer()) {
        errors.Add("year", Msg::kSupplementYear);
      } else {
        year = v.get<int>();
      }
    } else if (k == "due") {
      if (!v.is_null() && !(v.is_string() && (due = Date::Parse(v.get<std::string>())))) {
        errors.Add("due", Msg::kInvalidDate);
      }
    } else {
      errors.Add(k, Msg::kUnknownField);
    }
  }
  if (!body.contains("year")) errors.Add("year", Msg::kRequired);
  if (!errors.empty()) return errors.ToError();
  TCXD_RETURN_IF_ERROR(ValidateNewCampaign(year, due, Today()));
  SupplementCampaign c;
  c.org_id = org_id;
  c.year = year;
  c.due = due;
  c.opened_on = Today();
  c.opened_by = caller.account.login;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    // Opened by a committee (grassroots or above) for its subtree, like other organization work.
    if (!CanWriteOrgs(caller.account, org->path)) return Error::Forbidden();
    TCXD_RETURN_IF_ERROR(tx.InsertSupplementCampaign(c));
    auto e = Audit(&caller, "supplement.open", "org", org->id.value, org->path);
    e.note = fmt::format("year {}", year);
    tx.AppendAudit(e);
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  return c;
}

Result<std::vector<SupplementCampaign>> App::ListSupplements(const Caller& caller, OrgId org_id) {
  std::vector<SupplementCampaign> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    out = tx.SupplementCampaignsOf(PathIds(org->path));  // opened by the organization or above it
    return Status::Ok();
  }));
  return out;
}

Result<SupplementView> App::GetSupplement(const Caller& caller, int64_t id, const std::string& org_param) {
  SupplementView view;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto c = tx.GetSupplementCampaign(id);
    if (!c) return Error::NotFound();
    auto campaign_org = tx.GetOrg(c->org_id);
    if (!campaign_org) return Error::NotFound();
    auto shown = CampaignPart(tx, caller.account, *campaign_org, org_param, Msg::kSupplementMemberOutside);
    if (!shown.ok()) return shown.error();
    view.campaign = *c;
    view.campaign_org = *campaign_org;
    view.shown = *shown;
    view.branches = tx.SupplementProgressByBranch(id, *shown);
    for (const auto& b : view.branches) {
      view.total.members += b.progress.members;
      view.total.changed += b.progress.changed;
      view.total.no_change += b.progress.no_change;
    }
    view.pending = tx.SupplementPending(id, *shown, kPendingShown);
    return Status::Ok();
  }));
  return view;
}

Status App::RecordSupplement(const Caller& caller, int64_t id, MemberId member, const Json& body) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  if (!body.is_object()) return Error::Malformed("body", Msg::kWrongType);
  std::optional<SupplementState> state;
  FieldErrors errors;
  for (const auto& [k, v] : body.items()) {
    if (k != "state") errors.Add(k, Msg::kUnknownField);
  }
  if (body.contains("state") && body["state"].is_string())
    state = ParseSupplementState(body["state"].get<std::string>());
  if (!state) errors.Add("state", Msg::kSupplementState);
  if (!errors.empty()) return errors.ToError();
  return store_.Write([&](store::Tx& tx) -> Status { return RecordSupplementEntry(tx, caller, id, member, *state); });
}

Status App::RecordSupplementEntry(store::Tx& tx, const Caller& caller, int64_t id, MemberId member,
                                  SupplementState state) {
  auto c = tx.GetSupplementCampaign(id);
  if (!c) return Error::NotFound();
  if (c->closed) return Error::Conflict("supplement", Msg::kSupplementClosed);
  auto campaign_org = tx.GetOrg(c->org_id);
  auto found = tx.GetMemberWithPath(member);
  if (!found || !CanSeeMember(caller.account, member, found->path)) return Error::NotFound();
  if (!CanWriteMembers(caller.account, found->path)) return Error::Forbidden();
  if (!campaign_org || !InSubtree(found->path, campaign_org->path) || !IsCounted(found->member.status)) {
    return Error::Invalid("member", Msg::kSupplementMemberOutside);
  }
  tx.SetSupplementEntry(id, member, state, clock_(), caller.account.login);
  auto e = Audit(&caller, "supplement.record", "member", member.value, found->path);
  e.note = fmt::format("campaign {} ({}): {}", id, c->year, SupplementStateName(state));
  tx.AppendAudit(e);
  return Status::Ok();
}

Status App::CloseSupplement(const Caller& caller, int64_t id) {
  return store_.Write([&](store::Tx& tx) -> Status {
    auto c = tx.GetSupplementCampaign(id);
    if (!c) return Error::NotFound();
    auto org = tx.GetOrg(c->org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::NotFound();
    if (!CanWriteOrgs(caller.account, org->path)) return Error::Forbidden();
    if (c->closed) return Error::Conflict("supplement", Msg::kSupplementClosed);
    tx.CloseSupplementCampaign(id);
    auto e = Audit(&caller, "supplement.close", "org", org->id.value, org->path);
    e.note = fmt::format("campaign {} ({})", id, c->year);
    tx.AppendAudit(e);
    return Status::Ok();
  });
}

}  // namespace tcxd::app
