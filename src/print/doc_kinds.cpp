#include "print/doc_kinds.h"

#include <string>

namespace tcxd::embedded {
std::string_view Find(std::string_view name);
}

namespace tcxd::print {
namespace {

FieldSpec F(std::string name, Msg label, std::string sample) {
  return FieldSpec{std::move(name), label, false, {}, std::move(sample)};
}
FieldSpec L(std::string name, Msg label, std::vector<FieldSpec> items) {
  return FieldSpec{std::move(name), label, true, std::move(items), {}};
}

std::vector<FieldSpec> Heading(std::string org_parent, std::string org) {
  return {F("place", Msg::kDocFieldPlace, "Thái Nguyên"), F("date", Msg::kDocFieldDate, "05/12/2026"),
          F("number", Msg::kDocFieldNumber, "12-NQ/CB"),
          F("org_parent", Msg::kDocFieldOrgParent, std::move(org_parent)), F("org", Msg::kDocFieldOrg, std::move(org))};
}

std::vector<FieldSpec> Join(std::vector<FieldSpec> a, const std::vector<FieldSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<FieldSpec> LevelRows() {
  return {F("label", Msg::kDocFieldLabel, "Hoàn thành tốt nhiệm vụ"), F("count", Msg::kDocFieldCount, "36"),
          F("percent", Msg::kDocFieldPercent, "20,00")};
}

std::vector<FieldSpec> RatingMemberFields() {
  return Join(
      Heading("Đảng ủy xã Tân Cương", "Chi bộ xóm Hồng Thái 2"),
      {F("branch", Msg::kDocFieldBranch, "Chi bộ xóm Hồng Thái 2"), F("year", Msg::kDocFieldYear, "2025"),
       F("period", Msg::kDocFieldPeriod, "năm 2025"), F("full_name", Msg::kDocFieldFullName, "Nguyễn Thị Hằng"),
       F("birth_date", Msg::kDocFieldBirthDate, "12/03/1985"), F("role", Msg::kDocFieldRole, "Đảng viên"),
       L("criteria", Msg::kDocFieldCriteria,
         {F("label", Msg::kDocFieldLabel, "Về tư tưởng chính trị"), F("max", Msg::kDocFieldMax, "20"),
          F("score", Msg::kDocFieldScore, "18")}),
       F("total", Msg::kDocFieldTotal, "86"), F("max_total", Msg::kDocFieldMaxTotal, "100"),
       F("self_level", Msg::kDocFieldSelfLevel, "Hoàn thành tốt nhiệm vụ"),
       F("proposed_level", Msg::kDocFieldProposedLevel, "Hoàn thành tốt nhiệm vụ"),
       F("proposal_note", Msg::kDocFieldProposalNote, "Nhất trí với mức tự đánh giá."),
       F("level", Msg::kDocFieldLevel, "Hoàn thành tốt nhiệm vụ"),
       F("override_reason", Msg::kDocFieldOverrideReason, ""), F("downgraded_from", Msg::kDocFieldDowngradedFrom, ""),
       F("downgrade_reason", Msg::kDocFieldDowngradeReason, ""), F("not_rated", Msg::kDocFieldNotRated, "")});
}

std::vector<FieldSpec> RatingReportFields() {
  return Join(Heading("Đảng bộ tỉnh Thái Nguyên", "Đảng ủy xã Tân Cương"),
              {F("year", Msg::kDocFieldYear, "2025"), F("period", Msg::kDocFieldPeriod, "năm 2025"),
               F("on_rating_date", Msg::kDocFieldOnRatingDate, "190"), F("rated", Msg::kDocFieldRated, "180"),
               F("rated_percent", Msg::kDocFieldRatedPercent, "94,74"),
               F("not_rated_count", Msg::kDocFieldNotRatedCount, "10"), F("pending", Msg::kDocFieldPending, "0"),
               L("levels", Msg::kDocFieldLevels, LevelRows()), L("reasons", Msg::kDocFieldReasons, LevelRows()),
               L("units", Msg::kDocFieldUnits,
                 {F("name", Msg::kDocFieldName, "Chi bộ xóm Hồng Thái 2"),
                  F("on_rating_date", Msg::kDocFieldOnRatingDate, "30"), F("rated", Msg::kDocFieldRated, "28"),
                  F("excellent", Msg::kDocFieldExcellent, "4"), F("good", Msg::kDocFieldGood, "20"),
                  F("completed", Msg::kDocFieldCompleted, "3"), F("not_completed", Msg::kDocFieldNotCompleted, "1")}),
               F("orgs_on_rating_date", Msg::kDocFieldOrgsOnRatingDate, "12"),
               F("orgs_rated", Msg::kDocFieldOrgsRated, "12"), L("org_levels", Msg::kDocFieldOrgLevels, LevelRows())});
}

std::vector<FieldSpec> AdmissionFields() {
  return Join(Heading("Đảng ủy xã Tân Cương", "Chi bộ xóm Hồng Thái 2"),
              {F("branch", Msg::kDocFieldBranch, "Chi bộ xóm Hồng Thái 2"),
               F("grassroots", Msg::kDocFieldGrassroots, "Đảng ủy xã Tân Cương"),
               F("competent", Msg::kDocFieldCompetent, "Đảng ủy xã Tân Cương"),
               F("full_name", Msg::kDocFieldFullName, "Trần Văn Đức"),
               F("gender", Msg::kDocFieldGender, "Nam"),
               F("birth_date", Msg::kDocFieldBirthDate, "02/09/2000"),
               F("ethnicity", Msg::kDocFieldEthnicity, "Kinh"),
               F("religion", Msg::kDocFieldReligion, "Không"),
               F("education", Msg::kDocFieldEducation, "12/12"),
               F("application_date", Msg::kDocFieldApplicationDate, "10/03/2026"),
               L("introducers", Msg::kDocFieldIntroducers, {F("name", Msg::kDocFieldName, "Lê Thị Mai")}),
               F("votes_for", Msg::kDocFieldVotesFor, "14"),
               F("votes_against", Msg::kDocFieldVotesAgainst, "1"),
               F("entitled", Msg::kDocFieldEntitled, "15"),
               F("votes_percent", Msg::kDocFieldVotesPercent, "93,33"),
               F("branch_vote_date", Msg::kDocFieldBranchVoteDate, "15/04/2026"),
               F("branch_vote_number", Msg::kDocFieldBranchVoteNumber, "05-NQ/CB"),
               F("committee_vote_date", Msg::kDocFieldCommitteeVoteDate, "10/05/2026"),
               F("committee_vote_number", Msg::kDocFieldCommitteeVoteNumber, "21-NQ/ĐU"),
               F("decision_date", Msg::kDocFieldDecisionDate, "01/06/2026"),
               F("decision_number", Msg::kDocFieldDecisionNumber, "102-QĐ/ĐU"),
               F("ceremony_date", Msg::kDocFieldCeremonyDate, "20/06/2026"),
               F("official_date", Msg::kDocFieldOfficialDate, "01/06/2027")});
}

std::string_view Builtin(std::string_view key) {
  return embedded::Find("templates/" + std::string(key) + ".tpl");
}

DocKind Kind(std::string_view key, Msg label, std::vector<FieldSpec> fields) {
  return DocKind{key, label, std::move(fields), Builtin(key)};
}

}  // namespace

const std::vector<DocKind>& DocKinds() {
  static const std::vector<DocKind> kinds = {
      Kind(kDocRatingMember, Msg::kDocRatingMember, RatingMemberFields()),
      Kind(kDocRatingReport, Msg::kDocRatingReport, RatingReportFields()),
      Kind(kDocAdmissionBranchResolution, Msg::kDocAdmissionBranchResolution, AdmissionFields()),
      Kind(kDocAdmissionCommitteeResolution, Msg::kDocAdmissionCommitteeResolution, AdmissionFields()),
      Kind(kDocAdmissionDecision, Msg::kDocAdmissionDecision, AdmissionFields()),
      Kind(kDocAdmissionCeremony, Msg::kDocAdmissionCeremony, AdmissionFields()),
  };
  return kinds;
}

const DocKind* FindDocKind(std::string_view key) {
  for (const auto& k : DocKinds()) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

}  // namespace tcxd::print
