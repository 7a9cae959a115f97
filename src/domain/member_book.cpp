#include "domain/member_book.h"

#include <initializer_list>

namespace tcxd {
namespace {

std::string DayMonthYear(const std::optional<Date>& d) {
  return d ? d->ToVietnamese() : std::string();
}

std::string Lines(std::initializer_list<std::string> parts) {
  return JoinLines(parts);
}

void AddLine(std::string& out, const std::string& line) {
  if (line.empty()) return;
  if (!out.empty()) out += "\n";
  out += line;
}

std::string Joined(const std::string& a, const std::string& b, const char* sep) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + sep + b;
}

std::string Education(const Dossier& d) {
  std::string out = d.general_education;
  if (!d.political_theory.empty()) AddLine(out, Format(Msg::kBookTheory, d.political_theory));
  for (const auto& q : d.qualifications) AddLine(out, Joined(q.level, q.field, " "));
  if (!d.languages.empty()) AddLine(out, Format(Msg::kBookLanguages, d.languages));
  return out;
}

// The work-history line covering the admission decision: what the member did when they joined.
std::string OccupationBefore(const Dossier& d, const std::optional<Date>& admission) {
  if (!admission) return {};
  for (const auto& w : d.work_history) {
    if (w.from && *w.from <= *admission && (!w.to || *admission <= *w.to)) return Joined(w.position, w.place, ", ");
  }
  return {};
}

std::string Occupation(const Dossier& d, const std::optional<Date>& admission) {
  const std::string before = OccupationBefore(d, admission);
  return Lines({before.empty() ? std::string() : Format(Msg::kBookBefore, before),
                d.occupation.empty() ? std::string() : Format(Msg::kBookNow, d.occupation)});
}

std::string Badge(const Dossier& d) {
  const BadgeAward* best = nullptr;
  for (const auto& b : d.badges) {
    if (best == nullptr || b.years > best->years) best = &b;
  }
  if (best == nullptr) return {};
  return Format(Msg::kBookBadge, best->years, Joined(best->decision, DayMonthYear(best->awarded_on), ", "));
}

std::string Service(const Dossier& d) {
  std::string out;
  if (!d.armed_service.empty()) {
    std::string line(Text(d.armed_service == "police" ? Msg::kBookPolice : Msg::kBookArmy));
    std::string dates;
    if (d.enlisted_on) dates = Format(Msg::kBookEnlisted, DayMonthYear(d.enlisted_on));
    if (d.discharged_on) dates = Joined(dates, Format(Msg::kBookDischarged, DayMonthYear(d.discharged_on)), ", ");
    out = Joined(line, dates, ": ");
  }
  if (d.retired_on) AddLine(out, Format(Msg::kBookRetired, DayMonthYear(d.retired_on)));
  return out;
}

std::string Moved(const std::optional<BookTransfer>& t, Msg where) {
  if (!t) return {};
  return Lines({DayMonthYear(t->on), t->other_side.empty() ? std::string() : Format(where, t->other_side)});
}

}  // namespace

std::string JoinLines(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n";
    out += p;
  }
  return out;
}

std::vector<std::string> MemberBookLine(int no, const BookFacts& f) {
  const Member& m = *f.member;
  const std::string left = DayMonthYear(m.left_on);
  const std::string status(Text(MemberStatusLabel(m.status)));
  std::string moved_out = Moved(f.moved_out, Msg::kBookMovedTo);
  if (moved_out.empty() && m.status == MemberStatus::kTransferredOut) moved_out = left;
  std::string died;
  std::string exited;
  if (m.status == MemberStatus::kDeceased) died = left;
  if (m.status == MemberStatus::kRemoved || m.status == MemberStatus::kExpelled ||
      m.status == MemberStatus::kWithdrew) {
    exited = Lines({left, status});
  }
  std::string note;
  if (m.status == MemberStatus::kProbationary || m.status == MemberStatus::kExempt ||
      m.status == MemberStatus::kTemporary) {
    note = status;
  }
  const Dossier none;
  const Dossier& d = f.dossier != nullptr ? *f.dossier : none;
  return {std::to_string(no),
          m.full_name,
          Lines({std::string(Text(GenderLabel(m.gender))), m.ethnicity, m.religion}),
          m.hometown,
          Education(d),
          Occupation(d, m.admission_date),
          Lines({DayMonthYear(m.admission_date), DayMonthYear(m.official_date)}),
          Lines({m.card_number, m.cv_number, Badge(d)}),
          Service(d),
          moved_out,
          Moved(f.moved_in, Msg::kBookMovedFrom),
          died,
          exited,
          note};
}

}  // namespace tcxd
