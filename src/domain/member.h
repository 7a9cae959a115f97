// Party members: identity, party data, status (rules §1.7, §2, §4). Pure domain.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "core/ids.h"
#include "domain/rules.h"

namespace tcxd {

enum class MemberStatus {
  kProbationary,    // dự bị
  kOfficial,        // chính thức
  kTemporary,       // sinh hoạt tạm thời (registered elsewhere; not counted here)
  kExempt,          // miễn công tác và sinh hoạt đảng (still a member)
  kRemoved,         // xóa tên
  kExpelled,        // khai trừ
  kWithdrew,        // xin ra khỏi Đảng
  kDeceased,        // từ trần
  kTransferredOut,  // đã chuyển sinh hoạt chính thức đi
};
inline constexpr int kMemberStatusCount = 9;

std::string_view MemberStatusName(MemberStatus s);  // "probationary", ...
std::optional<MemberStatus> ParseMemberStatus(std::string_view name);
std::string MemberStatusNames();
Msg MemberStatusLabel(MemberStatus s);
// Counted in the membership of the organization (đảng số): probationary, official, exempt.
bool IsCounted(MemberStatus s);
// No longer a member of this organization: removed, expelled, withdrew, deceased, transferred out.
bool HasLeft(MemberStatus s);

enum class Gender { kMale, kFemale };
std::string_view GenderName(Gender g);
Msg GenderLabel(Gender g);  // "Nam", "Nữ" (as forms and spreadsheets write it)
std::optional<Gender> ParseGender(std::string_view name);

struct Member {
  MemberId id;
  OrgId org_id;           // the branch the member is registered in
  std::string full_name;  // NFC, clean
  Gender gender = Gender::kMale;
  std::optional<Date> birth_date;
  std::string ethnicity;
  std::string religion;
  std::string hometown;
  std::string residence;
  std::string national_id;
  // Party data (rules §1.7): decision date, ceremony date, official date.
  std::optional<Date> admission_date;
  std::optional<Date> ceremony_date;
  std::optional<Date> official_date;
  std::string card_number;
  std::string cv_number;
  MemberStatus status = MemberStatus::kProbationary;
  std::optional<Date> left_on;  // date of the decision by which the member left
  int version = 1;
};

// Checks a member's fields against the rule set in force on `today`. Returns kInvalid with every
// wrong field named. Does not check uniqueness nor the organization kind (the service does).
// REQUIRES: text fields already cleaned (text::CleanText).
Status ValidateMember(const Member& m, const RuleSet& rules, Date today);

// The official date fixed by the rules: the admission decision + the probation period (rules §1.6).
Date OfficialDateFor(Date admission_date, const RuleSet& rules);

// Age in full years on `on`.
int AgeYears(Date birth, Date on);

}  // namespace tcxd
