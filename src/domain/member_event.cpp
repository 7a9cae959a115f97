#include "domain/member_event.h"

#include <algorithm>
#include <array>

namespace tcxd {
namespace {

struct KindInfo {
  MemberEventKind kind;
  std::string_view name;
  Msg label;
  std::string_view bodies_rule;
};

constexpr std::array<KindInfo, kMemberEventKindCount> kKinds = {{
    {MemberEventKind::kExemption, "exemption", Msg::kEventKindExemption, rule::kEventExemptionBodies},
    {MemberEventKind::kExemptionEnd, "exemption_end", Msg::kEventKindExemptionEnd, rule::kEventExemptionBodies},
    {MemberEventKind::kReduction, "reduction", Msg::kEventKindReduction, rule::kEventReductionBodies},
    {MemberEventKind::kRemoval, "removal", Msg::kEventKindRemoval, rule::kEventRemovalBodies},
    {MemberEventKind::kWithdrawal, "withdrawal", Msg::kEventKindWithdrawal, rule::kEventWithdrawalBodies},
    {MemberEventKind::kExpulsion, "expulsion", Msg::kEventKindExpulsion, rule::kEventExpulsionBodies},
    {MemberEventKind::kDeath, "death", Msg::kEventKindDeath, rule::kEventDeathBodies},
}};

struct BodyInfo {
  DecidingBody body;
  std::string_view name;
  Msg label;
};

constexpr std::array<BodyInfo, 5> kBodies = {{
    {DecidingBody::kBranch, "branch", Msg::kBodyBranch},
    {DecidingBody::kGrassroots, "grassroots", Msg::kBodyGrassroots},
    {DecidingBody::kUpper, "upper", Msg::kBodyUpper},
    {DecidingBody::kProvince, "province", Msg::kBodyProvince},
    {DecidingBody::kCentral, "central", Msg::kBodyCentral},
}};

struct GroundInfo {
  RemovalGround ground;
  std::string_view name;
  Msg label;
  std::string_view months_rule;  // the period the ground needs; empty = none
  int months_per_unit;           // the rule's unit in months (years: 12)
};

constexpr std::array<GroundInfo, 7> kGrounds = {{
    {RemovalGround::kInactive, "inactive", Msg::kGroundInactive, rule::kEventRemovalInactiveMonths, 1},
    {RemovalGround::kUnpaidFees, "unpaid_fees", Msg::kGroundUnpaidFees, rule::kEventRemovalUnpaidFeeMonths, 1},
    {RemovalGround::kCardReturned, "card_returned", Msg::kGroundCardReturned, "", 1},
    {RemovalGround::kNoProgress, "no_progress", Msg::kGroundNoProgress, rule::kEventRemovalNoProgressMonths, 1},
    {RemovalGround::kStandingViolation, "standing_violation", Msg::kGroundStandingViolation,
     rule::kEventRemovalViolationYears, 12},
    {RemovalGround::kPoliticalStandard, "political_standard", Msg::kGroundPoliticalStandard, "", 1},
    {RemovalGround::kProbationFailed, "probation_failed", Msg::kGroundProbationFailed, "", 1},
}};

const KindInfo& InfoOf(MemberEventKind k) {
  return kKinds[static_cast<size_t>(k)];
}

// The bodies allowed to decide `kind` on `on`: a comma-separated list of body names in the rule set.
Result<std::vector<DecidingBody>> AllowedBodies(const RuleSet& rules, MemberEventKind kind, Date on) {
  const std::string_view key = InfoOf(kind).bodies_rule;
  auto found = rules.Find(key, on);
  if (!found.ok()) return found.error();
  const auto* text = std::get_if<std::string>(&found->value);
  const auto malformed = [&] { return Error::Invalid(std::string(key), Format(Msg::kRuleMalformed, key)); };
  if (text == nullptr) return malformed();
  std::vector<DecidingBody> out;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto body = ParseDecidingBody(rest.substr(0, comma));
    if (!body) return malformed();
    out.push_back(*body);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (out.empty()) return malformed();
  return out;
}

std::string BodyLabels(const std::vector<DecidingBody>& bodies) {
  std::string out;
  for (DecidingBody b : bodies) {
    if (!out.empty()) out += ", ";
    out += Text(DecidingBodyLabel(b));
  }
  return out;
}

bool ChangesStatus(MemberEventKind k) {
  return k != MemberEventKind::kReduction;
}

MemberStatus StatusAfter(MemberEventKind k, const Member& m, Date effective) {
  switch (k) {
    case MemberEventKind::kExemption:
      return MemberStatus::kExempt;
    case MemberEventKind::kExemptionEnd:
      return m.official_date && *m.official_date <= effective ? MemberStatus::kOfficial : MemberStatus::kProbationary;
    case MemberEventKind::kReduction:
      return m.status;
    case MemberEventKind::kRemoval:
      return MemberStatus::kRemoved;
    case MemberEventKind::kWithdrawal:
      return MemberStatus::kWithdrew;
    case MemberEventKind::kExpulsion:
      return MemberStatus::kExpelled;
    case MemberEventKind::kDeath:
      break;
  }
  return MemberStatus::kDeceased;
}

}  // namespace

std::string_view MemberEventKindName(MemberEventKind k) {
  return InfoOf(k).name;
}
std::optional<MemberEventKind> ParseMemberEventKind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}
Msg MemberEventKindLabel(MemberEventKind k) {
  return InfoOf(k).label;
}
std::string_view DecidingBodyName(DecidingBody b) {
  return kBodies[static_cast<size_t>(b)].name;
}
std::optional<DecidingBody> ParseDecidingBody(std::string_view name) {
  for (const auto& b : kBodies) {
    if (b.name == name) return b.body;
  }
  return std::nullopt;
}
Msg DecidingBodyLabel(DecidingBody b) {
  return kBodies[static_cast<size_t>(b)].label;
}
std::string_view RemovalGroundName(RemovalGround g) {
  return kGrounds[static_cast<size_t>(g)].name;
}
std::optional<RemovalGround> ParseRemovalGround(std::string_view name) {
  for (const auto& g : kGrounds) {
    if (g.name == name) return g.ground;
  }
  return std::nullopt;
}
Msg RemovalGroundLabel(RemovalGround g) {
  return kGrounds[static_cast<size_t>(g)].label;
}

bool IsLeavingEvent(MemberEventKind k) {
  return k == MemberEventKind::kRemoval || k == MemberEventKind::kWithdrawal || k == MemberEventKind::kExpulsion ||
         k == MemberEventKind::kDeath;
}

bool CardReturnRequired(MemberEventKind k) {
  return k == MemberEventKind::kRemoval || k == MemberEventKind::kWithdrawal || k == MemberEventKind::kExpulsion;
}

Result<MemberEvent> ApplyMemberEvent(const Member& m, MemberEvent e, const std::vector<MemberEvent>& history,
                                     const MemberEventContext& ctx, MemberEventEffect* effect) {
  // The member as the event finds them: a correction applies to the state before the corrected event.
  Member base = m;
  if (e.supersedes != 0) {
    const MemberEvent* corrected = nullptr;
    const MemberEvent* last_change = nullptr;
    for (const auto& h : history) {
      if (h.id == e.supersedes) corrected = &h;
      if (h.superseded_by == 0 && ChangesStatus(h.kind) && (last_change == nullptr || h.id > last_change->id)) {
        last_change = &h;
      }
    }
    if (corrected == nullptr) return Error::Conflict("supersedes", Msg::kEventSupersedeUnknown);
    if (corrected->kind != e.kind) {
      return Error::Conflict("supersedes",
                             Format(Msg::kEventSupersedeKind, Text(MemberEventKindLabel(corrected->kind))));
    }
    if (corrected->superseded_by != 0) return Error::Conflict("supersedes", Msg::kEventSupersededAlready);
    if (ChangesStatus(e.kind) && last_change != corrected) {
      return Error::Conflict("supersedes", Msg::kEventSupersedeNotLast);
    }
    if (ChangesStatus(e.kind)) {
      base.status = corrected->status_before;
      base.left_on.reset();
    }
  }

  // The member's state allows the event (conflicts first: they do not depend on the form's fields).
  if (HasLeft(base.status)) {
    return Error::Conflict("kind", Format(Msg::kEventMemberLeft, Text(MemberStatusLabel(base.status)),
                                          base.left_on ? base.left_on->ToString() : std::string("?")));
  }
  if (base.status == MemberStatus::kTemporary) return Error::Conflict("kind", Msg::kEventMemberTemporary);
  switch (e.kind) {
    case MemberEventKind::kExemption:
      if (base.status == MemberStatus::kExempt) return Error::Conflict("kind", Msg::kEventAlreadyExempt);
      if (!IsCounted(base.status)) return Error::Conflict("kind", Msg::kEventNotCounted);
      break;
    case MemberEventKind::kReduction:
      if (!IsCounted(base.status) || base.status == MemberStatus::kExempt) {
        return Error::Conflict("kind", Msg::kEventNotCounted);
      }
      break;
    case MemberEventKind::kExemptionEnd:
      if (base.status != MemberStatus::kExempt) return Error::Conflict("kind", Msg::kEventNotExempt);
      break;
    default:
      break;
  }

  FieldErrors errors;
  if (e.decision.number.empty()) errors.Add("decision_number", Msg::kRequired);
  if (e.effective_on > ctx.today) errors.Add("effective_on", Msg::kDateInFuture);
  if (e.decision.date > ctx.today) errors.Add("decision_date", Msg::kDateInFuture);
  if (m.admission_date) {
    const std::string adm = m.admission_date->ToString();
    if (e.decision.date < *m.admission_date) errors.Add("decision_date", Format(Msg::kEventBeforeAdmission, adm));
    if (e.effective_on < *m.admission_date) errors.Add("effective_on", Format(Msg::kEventBeforeAdmission, adm));
  }
  if (e.kind == MemberEventKind::kDeath) {
    if (e.decision.date < e.effective_on) errors.Add("decision_date", Msg::kEventDeathNoticeBeforeDeath);
  } else if (e.effective_on < e.decision.date) {
    errors.Add("effective_on", Msg::kEventEffectiveBeforeDecision);
  }
  // The period.
  const bool has_period = e.kind == MemberEventKind::kExemption || e.kind == MemberEventKind::kReduction;
  if (!has_period && e.until) {
    errors.Add("until", Msg::kEventUntilNotAllowed);
  } else if (e.kind == MemberEventKind::kReduction && !e.until) {
    errors.Add("until", Msg::kRequired);
  } else if (e.until && *e.until <= e.effective_on) {
    errors.Add("until", Msg::kEventUntilBeforeEffective);
  }
  // The deciding body, by the rule in force on the decision date.
  auto bodies = AllowedBodies(ctx.rules, e.kind, e.decision.date);
  if (!bodies.ok()) return bodies.error();
  if (std::find(bodies->begin(), bodies->end(), e.decision.body) == bodies->end()) {
    errors.Add("decision_body", Format(Msg::kEventBodyNotAllowed, Text(DecidingBodyLabel(e.decision.body)),
                                       Text(MemberEventKindLabel(e.kind)), BodyLabels(*bodies)));
  }
  // The ground of a removal and the period its rule sets.
  if (e.kind != MemberEventKind::kRemoval) {
    if (e.ground) errors.Add("ground", Msg::kEventGroundNotAllowed);
  } else if (!e.ground) {
    errors.Add("ground", Msg::kRequired);
  } else {
    const GroundInfo& g = kGrounds[static_cast<size_t>(*e.ground)];
    if (!g.months_rule.empty()) {
      auto need = ctx.rules.FindInt(g.months_rule, e.decision.date);
      if (!need.ok()) return need.error();
      const int64_t months = *need * g.months_per_unit;
      if (e.ground_months < months) {
        errors.Add("ground_months", Format(Msg::kEventGroundMonthsShort, Text(g.label), months, g.months_rule));
      }
    }
    if (*e.ground == RemovalGround::kProbationFailed) {
      if (base.status != MemberStatus::kProbationary) {
        errors.Add("ground", Msg::kEventProbationFailedNotProbationary);
      } else if (m.admission_date) {
        const Date official = OfficialDateFor(*m.admission_date, ctx.rules);
        if (e.effective_on < official) errors.Add("ground", Format(Msg::kEventProbationNotOver, official.ToString()));
      }
    }
  }
  // Probationary members cannot be expelled (rules.md §1.6, §5).
  if (e.kind == MemberEventKind::kExpulsion && base.status == MemberStatus::kProbationary) {
    errors.Add("kind", Msg::kEventExpelProbationary);
  }
  // The card.
  if (!CardReturnRequired(e.kind) && (e.card_returned || e.card_returned_on)) {
    errors.Add("card_returned", Msg::kEventCardReturnNotRequired);
  } else if (e.card_returned_on) {
    if (*e.card_returned_on < e.effective_on) errors.Add("card_returned_on", Msg::kEventCardReturnedOnBefore);
    if (*e.card_returned_on > ctx.today) errors.Add("card_returned_on", Msg::kDateInFuture);
    e.card_returned = true;
  }
  if (!errors.empty()) return errors.ToError();

  e.status_before = base.status;
  e.status_after = StatusAfter(e.kind, base, e.effective_on);
  if (effect != nullptr) {
    *effect = MemberEventEffect{};
    effect->status = e.status_after;
    effect->counted = IsCounted(e.status_after);
    if (IsLeavingEvent(e.kind)) effect->left_on = e.effective_on;
    effect->party_age_stops = IsLeavingEvent(e.kind);
    effect->badge_eligible = !IsLeavingEvent(e.kind);
    effect->card_return_required = CardReturnRequired(e.kind);
  }
  return e;
}

Member MemberAfterEvent(const Member& m, const MemberEvent& applied) {
  Member after = m;
  after.status = applied.status_after;
  if (IsLeavingEvent(applied.kind)) {
    after.left_on = applied.effective_on;
  } else if (ChangesStatus(applied.kind)) {
    after.left_on.reset();
  }
  return after;
}

std::optional<Date> PartyAgeEnd(const Member& m) {
  switch (m.status) {
    case MemberStatus::kRemoved:
    case MemberStatus::kExpelled:
    case MemberStatus::kWithdrew:
    case MemberStatus::kDeceased:
      return m.left_on;
    default:
      return std::nullopt;
  }
}

Result<RecognitionDue> RecognitionReviewDue(Date admission, const RuleSet& rules, const WorkCalendar& calendar) {
  RecognitionDue due;
  auto months = rules.FindInt(rule::kProbationMonths, admission);
  if (!months.ok()) return months.error();
  due.official_date = admission.AddMonths(static_cast<int>(*months));
  auto days = rules.FindInt(rule::kRecognitionReviewWorkingDays, due.official_date);
  if (!days.ok()) return days.error();
  const WorkDate d = calendar.AddWorkingDaysEstimate(due.official_date, static_cast<int>(*days));
  due.review_deadline = d.date;
  due.estimated = d.estimated;
  return due;
}

}  // namespace tcxd
