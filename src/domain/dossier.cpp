#include "domain/dossier.h"

#include <algorithm>

#include "text/unicode.h"

namespace tcxd {
namespace {

constexpr size_t kMaxLines = 200;  // rows of a list (work history, family, ...)

class Checker {
 public:
  Checker(const DossierCatalogs& catalogs, Date today) : catalogs_(catalogs), today_(today) {}

  void Text(const std::string& field, std::string& v, size_t max = 300) {
    v = text::CleanText(v);
    if (!text::IsValidUtf8(v)) {
      errors.Add(field, Msg::kNotUtf8);
    } else if (text::CodePointCount(v) > max) {
      errors.Add(field, Format(Msg::kTooLong, max));
    }
  }
  void Coded(const std::string& field, std::string& v, const std::string& catalog) {
    Text(field, v, 200);
    if (v.empty()) return;
    auto it = catalogs_.find(catalog);
    if (it == catalogs_.end() || it->second == nullptr) return;
    if (const auto* e = it->second->Find(v)) {
      v = e->name;
    } else if (const auto* kind = FindCatalogKind(catalog)) {
      errors.Add(field, Format(Msg::kCatalogNoMatch, v, tcxd::Text(kind->label)));
    }
  }
  void Past(const std::string& field, const std::optional<Date>& d) {
    if (d && *d > today_) errors.Add(field, Msg::kDateInFuture);
  }
  void Period(const std::string& at, const std::optional<Date>& from, const std::optional<Date>& to) {
    Past(at + ".from", from);
    Past(at + ".to", to);
    if (from && to && *to < *from) errors.Add(at + ".to", Msg::kDossierPeriodOrder);
  }
  template <typename T>
  bool Lines(const std::string& field, const std::vector<T>& v) {
    if (v.size() <= kMaxLines) return true;
    errors.Add(field, Format(Msg::kDossierTooMany, kMaxLines));
    return false;
  }

  FieldErrors errors;

 private:
  const DossierCatalogs& catalogs_;
  Date today_;
};

std::string At(const char* list, size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& DossierCatalogFields() {
  static const std::vector<std::pair<std::string, std::string>> kFields = {
      {"general_education", "general_education"}, {"qualifications[].level", "professional_level"},
      {"academic_title", "academic_title"},       {"political_theory", "political_theory"},
      {"state_management", "state_management"},   {"party_position", "party_position"},
  };
  return kFields;
}

Status NormalizeDossier(Dossier& d, const DossierCatalogs& catalogs, const RuleSet& rules,
                        std::optional<Date> admission, Date today) {
  Checker c(catalogs, today);
  c.Text("other_names", d.other_names, 200);
  c.Text("birth_place", d.birth_place);
  c.Text("occupation", d.occupation, 200);
  c.Coded("general_education", d.general_education, "general_education");
  if (c.Lines("qualifications", d.qualifications)) {
    for (size_t i = 0; i < d.qualifications.size(); ++i) {
      auto& q = d.qualifications[i];
      const std::string at = At("qualifications", i);
      c.Coded(at + ".level", q.level, "professional_level");
      c.Text(at + ".field", q.field, 200);
      c.Text(at + ".institution", q.institution, 200);
      if (q.year && (*q.year < 1900 || *q.year > today.year())) c.errors.Add(at + ".year", Msg::kDossierBirthYear);
    }
  }
  c.Coded("academic_title", d.academic_title, "academic_title");
  c.Coded("political_theory", d.political_theory, "political_theory");
  c.Coded("state_management", d.state_management, "state_management");
  c.Text("languages", d.languages, 200);
  c.Text("it_level", d.it_level, 200);
  c.Coded("party_position", d.party_position, "party_position");
  c.Text("government_position", d.government_position, 200);
  c.Text("mass_org_position", d.mass_org_position, 200);
  if (c.Lines("work_history", d.work_history)) {
    for (size_t i = 0; i < d.work_history.size(); ++i) {
      auto& w = d.work_history[i];
      const std::string at = At("work_history", i);
      c.Period(at, w.from, w.to);
      c.Text(at + ".place", w.place);
      c.Text(at + ".position", w.position, 200);
    }
  }
  if (c.Lines("family", d.family)) {
    for (size_t i = 0; i < d.family.size(); ++i) {
      auto& r = d.family[i];
      const std::string at = At("family", i);
      c.Text(at + ".relation", r.relation, 50);
      c.Text(at + ".full_name", r.full_name, 100);
      if (r.full_name.empty()) c.errors.Add(at + ".full_name", Msg::kRequired);
      if (r.birth_year && (*r.birth_year < 1850 || *r.birth_year > today.year())) {
        c.errors.Add(at + ".birth_year", Msg::kDossierBirthYear);
      }
      c.Text(at + ".occupation", r.occupation, 200);
      c.Text(at + ".residence", r.residence);
    }
  }
  c.Text("awards", d.awards, 2000);
  c.Text("discipline", d.discipline, 2000);
  c.Text("health", d.health, 200);
  if (!d.armed_service.empty() && d.armed_service != "army" && d.armed_service != "police") {
    c.errors.Add("armed_service", Format(Msg::kBadEnum, "army, police"));
  } else if (d.armed_service.empty() && (d.enlisted_on || d.discharged_on)) {
    c.errors.Add("armed_service", Msg::kDossierServiceMissing);
  }
  c.Past("enlisted_on", d.enlisted_on);
  c.Past("discharged_on", d.discharged_on);
  if (d.enlisted_on && d.discharged_on && *d.discharged_on < *d.enlisted_on) {
    c.errors.Add("discharged_on", Msg::kDossierPeriodOrder);
  }
  c.Past("retired_on", d.retired_on);
  c.Text("admission_decision_number", d.admission_decision_number, 50);
  c.Text("admission_decision_issuer", d.admission_decision_issuer, 200);
  if (c.Lines("introducers", d.introducers)) {
    for (size_t i = 0; i < d.introducers.size(); ++i) {
      auto& x = d.introducers[i];
      const std::string at = At("introducers", i);
      c.Text(at + ".full_name", x.full_name, 100);
      if (x.full_name.empty()) c.errors.Add(at + ".full_name", Msg::kRequired);
      c.Text(at + ".position", x.position, 200);
      c.Text(at + ".organization", x.organization, 200);
    }
  }
  c.Past("card_issued_on", d.card_issued_on);
  c.Text("book_line_number", d.book_line_number, 20);
  if (c.Lines("badges", d.badges)) {
    auto milestones = BadgeMilestones(rules, today);
    if (!milestones.ok()) return milestones.error();
    std::string listed;
    for (int y : *milestones) listed += (listed.empty() ? "" : ", ") + std::to_string(y);
    for (size_t i = 0; i < d.badges.size(); ++i) {
      auto& b = d.badges[i];
      const std::string at = At("badges", i);
      if (std::find(milestones->begin(), milestones->end(), b.years) == milestones->end()) {
        c.errors.Add(at + ".years", Format(Msg::kDossierBadgeYears, listed));
      }
      c.Past(at + ".awarded_on", b.awarded_on);
      c.Text(at + ".decision", b.decision, 100);
    }
  }
  c.Text("residence_branch", d.residence_branch, 200);
  if (c.Lines("interruptions", d.interruptions)) {
    for (size_t i = 0; i < d.interruptions.size(); ++i) {
      c.Text(At("interruptions", i) + ".reason", d.interruptions[i].reason, 300);
    }
    // Before the admission is known, only the order and the future are checked.
    Status s = ValidateInterruptions(d.interruptions, admission.value_or(Date(1800, 1, 1)), today);
    if (!s.ok()) {
      for (const auto& [field, message] : s.error().fields) c.errors.Add(field, message);
    }
  }
  if (!c.errors.empty()) return c.errors.ToError();
  return Status::Ok();
}

const DossierVersion* DossierAsOf(const std::vector<DossierVersion>& versions, Date on) {
  const DossierVersion* best = nullptr;
  for (const auto& v : versions) {
    if (v.valid_from > on) continue;
    if (best == nullptr || v.valid_from > best->valid_from || (v.valid_from == best->valid_from && v.id > best->id)) {
      best = &v;
    }
  }
  return best;
}

}  // namespace tcxd
