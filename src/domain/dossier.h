// The member dossier beyond the register's identity fields (rules §2; issue #4): the member CV and the
// member sheet — names used, birth place, education and qualifications, positions, work history, family,
// awards, health, the party data of the admission (decision, introducers), card issue, book line,
// badges, the residence branch, and the interruptions of party life. Every change is a new version with
// the date it takes effect from, so the dossier can be read "as of" any date. Pure domain.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "domain/catalog.h"
#include "domain/party_age.h"
#include "domain/rules.h"

namespace tcxd {

struct Qualification {  // a professional qualification (chuyên môn, nghiệp vụ)
  std::string level;    // catalog professional_level
  std::string field;    // "Kế toán"
  std::string institution;
  std::optional<int> year;
};

struct WorkPeriod {  // one line of the work history (quá trình công tác)
  std::optional<Date> from;
  std::optional<Date> to;  // nullopt: still there
  std::string place;
  std::string position;
};

struct Relative {        // family relations (quan hệ gia đình)
  std::string relation;  // "Bố", "Mẹ", "Vợ", "Con", ...
  std::string full_name;
  std::optional<int> birth_year;
  std::string occupation;
  std::string residence;
};

struct DossierIntroducer {  // người giới thiệu vào Đảng
  std::string full_name;
  std::string position;
  std::string organization;
};

struct BadgeAward {  // Huy hiệu Đảng received
  int years = 0;     // the milestone (30, 40, ...)
  std::optional<Date> awarded_on;
  std::string decision;
};

struct Dossier {
  // identity
  std::string other_names;  // tên gọi khác, bí danh
  std::string birth_place;
  std::string occupation;  // nghề nghiệp hiện nay
  // education
  std::string general_education;  // catalog general_education
  std::vector<Qualification> qualifications;
  std::string academic_title;    // catalog academic_title
  std::string political_theory;  // catalog political_theory
  std::string state_management;  // catalog state_management
  std::string languages;
  std::string it_level;
  // positions
  std::string party_position;  // catalog party_position
  std::string government_position;
  std::string mass_org_position;
  std::vector<WorkPeriod> work_history;
  std::vector<Relative> family;
  std::string awards;      // khen thưởng (summary)
  std::string discipline;  // kỷ luật (summary)
  std::string health;
  // service in the armed forces and retirement (the member book's column 9, the sheet's item 16)
  std::string armed_service;          // "army" (quân đội), "police" (công an) or "" (none)
  std::optional<Date> enlisted_on;    // ngày nhập ngũ / vào ngành
  std::optional<Date> discharged_on;  // ngày xuất ngũ, chuyển ngành (nullopt: still serving)
  std::optional<Date> retired_on;     // ngày nghỉ hưu
  // party data
  std::string admission_decision_number;
  std::string admission_decision_issuer;
  std::vector<DossierIntroducer> introducers;
  std::optional<Date> card_issued_on;
  std::string book_line_number;  // số thứ tự trong sổ danh sách đảng viên
  std::vector<BadgeAward> badges;
  std::string residence_branch;  // chi bộ nơi cư trú that comments yearly (Quy định 213)
  std::vector<Interruption> interruptions;
};

// One version of a member's dossier: in force from `valid_from` until the next version's date.
struct DossierVersion {
  int64_t id = 0;
  int64_t member_id = 0;
  Date valid_from;
  int64_t recorded_at_ms = 0;
  std::string recorded_by;  // login
  std::string note;         // why (e.g. "Phiếu bổ sung hồ sơ 2025")
  Dossier data;
};

// The catalogs a dossier's coded fields come from, by catalog name ("general_education", ...).
using DossierCatalogs = std::map<std::string, const CatalogMatcher*>;

// The catalog each coded field uses ("general_education" -> "general_education", "qualifications[].level"
// -> "professional_level", ...).
const std::vector<std::pair<std::string, std::string>>& DossierCatalogFields();

// Cleans the texts (NFC), replaces catalog values by the entry's name (code, name or alias, without
// diacritics), and checks: dates not in the future, periods with from <= to, birth years, lengths,
// badge milestones (rule badge.milestone_years), interruptions after the admission decision (`admission`,
// when known) and not overlapping. kInvalid names every wrong field ("work_history[2].to",
// "family[0].birth_year"). A catalog missing from `catalogs` leaves that field as written.
Status NormalizeDossier(Dossier& d, const DossierCatalogs& catalogs, const RuleSet& rules,
                        std::optional<Date> admission, Date today);

// The version in force on `on`: the latest valid_from <= on (the latest recorded among equal dates).
// nullptr when none. `versions` in any order.
const DossierVersion* DossierAsOf(const std::vector<DossierVersion>& versions, Date on);

}  // namespace tcxd
