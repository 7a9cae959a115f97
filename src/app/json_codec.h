// JSON <-> domain objects, shared by the HTTP API and the command line. Unknown fields, wrong types and
// impossible dates are reported by field (kInvalid, malformed where the input cannot be read).
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "domain/account.h"
#include "domain/dossier.h"
#include "domain/member.h"
#include "domain/org.h"
#include "store/store.h"

namespace tcxd::app {

using Json = nlohmann::json;
struct OrgStats;             // app/service.h
struct BranchLabel;          // app/service.h
struct ImportReport;         // app/service.h
struct CommuneImportReport;  // app/service.h

// Parses a request body: kInvalid/malformed on bad JSON or when it is not an object.
Result<Json> ParseObject(std::string_view body);

// Applies the fields present in `in` onto `m` (a patch when m is an existing member, a creation when new).
// Field names are those of MemberToJson; read-only fields (id, version, ...) are rejected unless
// allowed: "version" is accepted and returned in *version.
Status ApplyMemberJson(const Json& in, Member& m, std::optional<int>* version);
Json MemberToJson(const Member& m);
// The member with "org_code" and "org_name" of their branch, as the API shows a member.
Json MemberToJson(const Member& m, const BranchLabel& branch);

// Reading one field of a request body, collecting the error by field name: a date ("YYYY-MM-DD"; null =
// none), a text (cleaned, NFC; null = ""), a boolean.
std::optional<Date> CollectDate(const Json& v, const std::string& field, FieldErrors& errors);
std::string CollectText(const Json& v, const std::string& field, FieldErrors& errors);
bool CollectBool(const Json& v, const std::string& field, FieldErrors& errors);

Status ApplyOrgJson(const Json& in, Organization& o);
// With "ancestor_ids": the ids from the root down to the organization itself.
Json OrgToJson(const Organization& o);
Json OrgStatsToJson(const OrgStats& s);
Json CountsToJson(const store::StatusCounts& c);

Json AccountToJson(const Account& a);
Json CatalogEntryToJson(const CatalogEntry& e);
Json AuditToJson(const store::AuditEntry& e);
// A stored photo without its bytes: {"content_type", "size", "width", "height", "updated_at_ms", "updated_by"}
// (updated_at_ms: unix milliseconds).
Json MemberPhotoToJson(const store::MemberPhotoRow& p);
Json ErrorToJson(const Error& e);

// The dossier as JSON (every field present; empty text "", missing dates null, lists []), and back:
// a whole dossier (missing fields empty), unknown fields refused, every wrong field named with its
// path ("work_history[1].from").
Json DossierToJson(const Dossier& d);
Result<Dossier> DossierFromJson(const Json& in);
// The dossier of a stored version (member_dossiers.data, written by DossierToJson).
Result<Dossier> StoredDossier(const std::string& data_json);
// The same, reading what it can: the errors go to `errors`, the fields that could be read are set (an
// unreadable date stays empty), so that the rules can still be checked and every problem reported at once.
Dossier DossierFromJsonCollecting(const Json& in, FieldErrors& errors);
Json DossierVersionToJson(const DossierVersion& v, bool with_data);
struct DossierView;     // app/service.h
struct SupplementView;  // app/service.h
Json SupplementCampaignToJson(const SupplementCampaign& c);
Json SupplementViewToJson(const SupplementView& v);
// {"member", "as_of", "version" (null before the first), "dossier" (empty when none), "party_age", "next_badge"}
Json DossierViewToJson(const DossierView& v);
// The import preview or result: counts, ignored columns, every issue, and the first 20 valid rows.
Json ImportReportToJson(const ImportReport& r);
Json CommuneImportReportToJson(const CommuneImportReport& r);

}  // namespace tcxd::app
