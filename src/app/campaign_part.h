// Internal to the app layer: the part of a campaign's subtree (yearly supplement, annual rating) that a
// screen shows.
#pragma once

#include <string>

#include "core/error.h"
#include "domain/account.h"
#include "domain/org.h"
#include "store/store.h"

namespace tcxd::app {

// The organization asked for (`org_param`, an id; kInvalid "org" with `outside` when it is not in the
// campaign's subtree), else the campaign's organization, else the caller's own when the caller does not
// see the whole campaign (a branch secretary sees their branch of a committee's campaign). kNotFound when
// the caller cannot see the result.
Result<Organization> CampaignPart(store::Tx& tx, const Account& caller, const Organization& campaign_org,
                                  const std::string& org_param, Msg outside);

}  // namespace tcxd::app
