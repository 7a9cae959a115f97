// Internal to the store: the member row as written by InsertMember, UpdateMember and BulkLoad, in one
// column order, so the three writers cannot drift apart.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "core/date.h"
#include "domain/member.h"
#include "domain/org.h"
#include "store/db.h"

namespace tcxd::store {

Param OptDate(const std::optional<Date>& d);      // NULL when absent
std::optional<Date> DateAt(const Row& r, int c);  // a DATE or 'YYYY-MM-DD' column; nullopt when NULL
Param OptText(const std::string& s);              // NULL when empty
// The upper bound of a path-prefix range: "/1/7/" -> "/1/70" ('0' follows '/').
std::string PathEnd(const std::string& path);
// The columns of an organization row, in the order OrgFromRow reads them.
extern const char* const kOrgCols;
Organization OrgFromRow(const Row& r);

// "a = ?, b = ?" for the column list "a, b" (an UPDATE's SET clause).
std::string SetClause(std::string_view columns);
// The counted statuses (IsCounted) as an SQL list: 'probationary', 'official', 'exempt'.
std::string CountedStatusList();

// The upper bound of a path-prefix range: "/1/7/" -> "/1/70" ('0' follows '/').
std::string PathEnd(const std::string& path);

// The read columns of a member (alias m), in the order MemberFromRow reads them; the sort rank is last.
extern const char* const kMemberCols;
inline constexpr int kMemberColCount = 19;
Member MemberFromRow(const Row& r, int64_t* rank = nullptr);

// The written columns (id, version and timestamps are the writers' own).
inline constexpr std::array<const char*, 23> kMemberRowColumns = {"org_id",
                                                                  "full_name",
                                                                  "name_fold",
                                                                  "sort_key",
                                                                  "sort_rank",
                                                                  "gender",
                                                                  "birth_date",
                                                                  "ethnicity",
                                                                  "religion",
                                                                  "hometown",
                                                                  "residence",
                                                                  "national_id",
                                                                  "admission_date",
                                                                  "ceremony_date",
                                                                  "official_date",
                                                                  "card_number",
                                                                  "cv_number",
                                                                  "status",
                                                                  "left_on",
                                                                  "a0",
                                                                  "a1",
                                                                  "a2",
                                                                  "a3"};

// The values of kMemberRowColumns for `m` registered in `branch` (ancestors a0..a3 from its path).
Params MemberRowValues(const Member& m, const Organization& branch, const std::string& name_fold,
                       const std::string& sort_key, int64_t sort_rank);

}  // namespace tcxd::store
