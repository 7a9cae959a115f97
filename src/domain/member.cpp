#include "domain/member.h"

#include "text/unicode.h"

namespace tcxd {
namespace {

struct StatusInfo {
  MemberStatus status;
  std::string_view name;
  Msg label;
};

constexpr StatusInfo kStatuses[] = {
    {MemberStatus::kProbationary, "probationary", Msg::kStatusProbationary},
    {MemberStatus::kOfficial, "official", Msg::kStatusOfficial},
    {MemberStatus::kTemporary, "temporary", Msg::kStatusTemporary},
    {MemberStatus::kExempt, "exempt", Msg::kStatusExempt},
    {MemberStatus::kRemoved, "removed", Msg::kStatusRemoved},
    {MemberStatus::kExpelled, "expelled", Msg::kStatusExpelled},
    {MemberStatus::kWithdrew, "withdrew", Msg::kStatusWithdrew},
    {MemberStatus::kDeceased, "deceased", Msg::kStatusDeceased},
    {MemberStatus::kTransferredOut, "transferred_out", Msg::kStatusTransferredOut},
};
static_assert(std::size(kStatuses) == kMemberStatusCount);

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckLength(FieldErrors& errors, const char* field, const std::string& value, size_t max) {
  if (text::CodePointCount(value) > max) errors.Add(field, Format(Msg::kTooLong, max));
}

}  // namespace

std::string_view MemberStatusName(MemberStatus s) {
  return kStatuses[static_cast<size_t>(s)].name;
}

std::optional<MemberStatus> ParseMemberStatus(std::string_view name) {
  for (const auto& s : kStatuses) {
    if (s.name == name) return s.status;
  }
  return std::nullopt;
}

std::string MemberStatusNames() {
  std::string out;
  for (const auto& s : kStatuses) {
    if (!out.empty()) out += ", ";
    out += s.name;
  }
  return out;
}

Msg MemberStatusLabel(MemberStatus s) {
  return kStatuses[static_cast<size_t>(s)].label;
}

bool IsCounted(MemberStatus s) {
  return s == MemberStatus::kProbationary || s == MemberStatus::kOfficial || s == MemberStatus::kExempt;
}

bool HasLeft(MemberStatus s) {
  return !IsCounted(s) && s != MemberStatus::kTemporary;
}

Msg GenderLabel(Gender g) {
  return g == Gender::kMale ? Msg::kGenderMale : Msg::kGenderFemale;
}

std::string_view GenderName(Gender g) {
  return g == Gender::kMale ? "male" : "female";
}

std::optional<Gender> ParseGender(std::string_view name) {
  if (name == "male") return Gender::kMale;
  if (name == "female") return Gender::kFemale;
  return std::nullopt;
}

Date OfficialDateFor(Date admission_date, const RuleSet& rules) {
  return admission_date.AddMonths(static_cast<int>(rules.Int(rule::kProbationMonths, admission_date)));
}

int AgeYears(Date birth, Date on) {
  return FullMonthsBetween(birth, on) / 12;
}

Status ValidateMember(const Member& m, const RuleSet& rules, Date today) {
  FieldErrors errors;
  if (m.full_name.empty()) {
    errors.Add("full_name", Msg::kRequired);
  } else if (text::CodePointCount(m.full_name) > 100) {
    errors.Add("full_name", Format(Msg::kTooLong, 100));
  } else if (!text::IsPlausibleName(m.full_name)) {
    errors.Add("full_name", Msg::kMemberNameInvalid);
  }
  CheckLength(errors, "ethnicity", m.ethnicity, 50);
  CheckLength(errors, "religion", m.religion, 50);
  CheckLength(errors, "hometown", m.hometown, 300);
  CheckLength(errors, "residence", m.residence, 300);

  if (!m.birth_date) {
    errors.Add("birth_date", Msg::kRequired);
  } else if (*m.birth_date > today) {
    errors.Add("birth_date", Msg::kDateInFuture);
  } else if (m.birth_date->year() < 1900) {
    errors.Add("birth_date", Msg::kBirthTooEarly);
  }

  if (!m.national_id.empty()) {
    auto digits = static_cast<size_t>(rules.Int(rule::kNationalIdDigits, today));
    if (m.national_id.size() != digits || !AllDigits(m.national_id)) errors.Add("national_id", Msg::kNationalIdFormat);
  }
  if (!m.card_number.empty()) {
    auto lo = rules.Int(rule::kCardNumberMinDigits, today);
    auto hi = rules.Int(rule::kCardNumberMaxDigits, today);
    auto n = static_cast<int64_t>(m.card_number.size());
    if (n < lo || n > hi || !AllDigits(m.card_number)) {
      errors.Add("card_number", Format(Msg::kCardNumberFormat, lo, hi));
    }
  }
  if (!m.cv_number.empty()) {
    // 6 digits + a 1-3 letter province code (rules §2).
    bool ok = m.cv_number.size() >= 7 && m.cv_number.size() <= 9 && AllDigits(m.cv_number.substr(0, 6));
    for (size_t i = 6; ok && i < m.cv_number.size(); ++i) ok = m.cv_number[i] >= 'A' && m.cv_number[i] <= 'Z';
    if (!ok) errors.Add("cv_number", Msg::kCvNumberFormat);
  }

  // Party dates (rules §1.6, §1.7).
  const bool needs_admission = m.status != MemberStatus::kTemporary;
  if (!m.admission_date) {
    if (needs_admission) errors.Add("admission_date", Msg::kAdmissionRequired);
  } else {
    const Date adm = *m.admission_date;
    if (adm > today) {
      errors.Add("admission_date", Msg::kDateInFuture);
    } else if (m.birth_date) {
      auto min_age = rules.Int(rule::kAdmissionMinAgeYears, adm);
      if (FullMonthsBetween(*m.birth_date, adm) < min_age * 12) {
        errors.Add("admission_date", Format(Msg::kAdmissionTooYoung, min_age));
      }
    }
    if (m.ceremony_date && *m.ceremony_date < adm) errors.Add("ceremony_date", Msg::kCeremonyBeforeDecision);
    if (m.ceremony_date && *m.ceremony_date > today) errors.Add("ceremony_date", Msg::kDateInFuture);
    const Date official = OfficialDateFor(adm, rules);
    const auto months = rules.Int(rule::kProbationMonths, adm);
    if (m.official_date && *m.official_date != official) {
      errors.Add("official_date", Format(Msg::kOfficialDateRule, months, official.ToString()));
    }
    if (m.status == MemberStatus::kProbationary && m.official_date) {
      errors.Add("official_date", Msg::kProbationaryHasOfficial);
    }
    if (m.status == MemberStatus::kOfficial) {
      if (!m.official_date) {
        errors.Add("official_date", Msg::kOfficialDateRequired);
      } else if (*m.official_date > today) {
        errors.Add("official_date", Format(Msg::kOfficialTooEarly, months));
      }
    }
  }
  if (m.status == MemberStatus::kProbationary && !m.card_number.empty()) {
    errors.Add("card_number", Msg::kCardOnlyOfficial);
  }
  if (HasLeft(m.status)) {
    if (!m.left_on) {
      errors.Add("left_on", Msg::kLeftDateRequired);
    } else if (*m.left_on > today) {
      errors.Add("left_on", Msg::kDateInFuture);
    }
  }
  if (!errors.empty()) return errors.ToError();
  return Status::Ok();
}

}  // namespace tcxd
