#include "domain/member_event.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const Date kToday(2026, 11, 23);

MemberEventContext Ctx() {
  return {RuleSet::Default(), kToday};
}

Member Official() {
  Member m;
  m.id = MemberId(7);
  m.admission_date = Date(2010, 3, 2);
  m.official_date = Date(2011, 3, 2);
  m.status = MemberStatus::kOfficial;
  return m;
}

MemberEvent Event(MemberEventKind kind, Date on, DecidingBody body) {
  MemberEvent e;
  e.member_id = MemberId(7);
  e.kind = kind;
  e.decision.number = "12-QĐ/ĐU";
  e.decision.date = on;
  e.decision.body = body;
  e.effective_on = on;
  return e;
}

TEST(MemberEvent, NamesRoundTrip) {
  for (int i = 0; i < kMemberEventKindCount; ++i) {
    auto k = static_cast<MemberEventKind>(i);
    EXPECT_EQ(ParseMemberEventKind(MemberEventKindName(k)), k);
  }
  EXPECT_EQ(ParseDecidingBody("grassroots"), DecidingBody::kGrassroots);
  EXPECT_EQ(ParseRemovalGround("unpaid_fees"), RemovalGround::kUnpaidFees);
  EXPECT_FALSE(ParseMemberEventKind("transfer").has_value());
}

TEST(MemberEvent, ExemptionKeepsTheMemberCountedAndEndingItRestoresTheStatus) {
  MemberEventEffect fx;
  auto e = Event(MemberEventKind::kExemption, Date(2026, 5, 4), DecidingBody::kBranch);
  e.until = Date(2027, 5, 3);
  auto r = ApplyMemberEvent(Official(), e, {}, Ctx(), &fx);
  ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  EXPECT_EQ(r->status_before, MemberStatus::kOfficial);
  EXPECT_EQ(r->status_after, MemberStatus::kExempt);
  EXPECT_TRUE(fx.counted);
  EXPECT_TRUE(fx.badge_eligible);
  EXPECT_FALSE(fx.party_age_stops);
  EXPECT_FALSE(fx.left_on.has_value());

  Member exempt = MemberAfterEvent(Official(), *r);
  EXPECT_EQ(exempt.status, MemberStatus::kExempt);
  // Exempt again: refused.
  auto again = ApplyMemberEvent(exempt, e, {}, Ctx());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // The end: back to official (the official date is past).
  auto end = ApplyMemberEvent(exempt, Event(MemberEventKind::kExemptionEnd, Date(2026, 9, 1), DecidingBody::kBranch),
                              {}, Ctx());
  ASSERT_TRUE(end.ok()) << end.error().message;
  EXPECT_EQ(end->status_after, MemberStatus::kOfficial);
  // A probationary member exempt goes back to probationary.
  Member prob = Official();
  prob.admission_date = Date(2026, 1, 10);
  prob.official_date.reset();
  prob.status = MemberStatus::kExempt;
  auto end2 =
      ApplyMemberEvent(prob, Event(MemberEventKind::kExemptionEnd, Date(2026, 9, 1), DecidingBody::kBranch), {}, Ctx());
  ASSERT_TRUE(end2.ok());
  EXPECT_EQ(end2->status_after, MemberStatus::kProbationary);
  // Ending an exemption of a member who is not exempt: conflict.
  auto end3 = ApplyMemberEvent(
      Official(), Event(MemberEventKind::kExemptionEnd, Date(2026, 9, 1), DecidingBody::kBranch), {}, Ctx());
  ASSERT_FALSE(end3.ok());
  EXPECT_EQ(end3.error().code, ErrorCode::kConflict);
}

TEST(MemberEvent, ReductionIsAFlagWithARequiredPeriod) {
  auto e = Event(MemberEventKind::kReduction, Date(2026, 2, 1), DecidingBody::kBranch);
  auto no_until = ApplyMemberEvent(Official(), e, {}, Ctx());
  ASSERT_FALSE(no_until.ok());
  EXPECT_EQ(no_until.error().field, "until");
  e.until = Date(2026, 1, 31);
  EXPECT_EQ(ApplyMemberEvent(Official(), e, {}, Ctx()).error().field, "until");
  e.until = Date(2026, 12, 31);
  auto r = ApplyMemberEvent(Official(), e, {}, Ctx());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status_after, MemberStatus::kOfficial);
}

TEST(MemberEvent, LeavingEventsSetLeftOnStopPartyAgeAndAskForTheCard) {
  struct Case {
    MemberEventKind kind;
    DecidingBody body;
    MemberStatus status;
    bool card;
  };
  const Case cases[] = {
      {MemberEventKind::kWithdrawal, DecidingBody::kGrassroots, MemberStatus::kWithdrew, true},
      {MemberEventKind::kExpulsion, DecidingBody::kUpper, MemberStatus::kExpelled, true},
      {MemberEventKind::kDeath, DecidingBody::kBranch, MemberStatus::kDeceased, false},
  };
  for (const auto& c : cases) {
    MemberEventEffect fx;
    auto r = ApplyMemberEvent(Official(), Event(c.kind, Date(2026, 6, 15), c.body), {}, Ctx(), &fx);
    ASSERT_TRUE(r.ok()) << MemberEventKindName(c.kind) << ": " << r.error().message;
    EXPECT_EQ(fx.status, c.status);
    EXPECT_EQ(fx.left_on, Date(2026, 6, 15));
    EXPECT_FALSE(fx.counted);
    EXPECT_TRUE(fx.party_age_stops);
    EXPECT_FALSE(fx.badge_eligible);
    EXPECT_EQ(fx.card_return_required, c.card);
    Member after = MemberAfterEvent(Official(), *r);
    EXPECT_EQ(PartyAgeEnd(after), Date(2026, 6, 15));
    // A second leaving event is refused.
    auto second =
        ApplyMemberEvent(after, Event(MemberEventKind::kDeath, Date(2026, 7, 1), DecidingBody::kBranch), {}, Ctx());
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::kConflict);
    EXPECT_EQ(second.error().field, "kind");
  }
}

TEST(MemberEvent, TheDecidingBodyComesFromTheRuleSet) {
  // A branch cannot remove a member (rule member_event.removal.bodies), nor a grassroots committee exempt one.
  auto rem = Event(MemberEventKind::kRemoval, Date(2026, 6, 1), DecidingBody::kBranch);
  rem.ground = RemovalGround::kCardReturned;
  auto r = ApplyMemberEvent(Official(), rem, {}, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "decision_body");
  auto ex = ApplyMemberEvent(
      Official(), Event(MemberEventKind::kExemption, Date(2026, 6, 1), DecidingBody::kGrassroots), {}, Ctx());
  EXPECT_EQ(ex.error().field, "decision_body");
  // Another rule set may allow it.
  auto custom = RuleSet::FromJson(
      R"({"rules": {"member_event.exemption.bodies": [{"from": null, "to": null, "value": "grassroots", "source": "t"}]}})");
  ASSERT_TRUE(custom.ok());
  MemberEventContext ctx{*custom, kToday};
  EXPECT_TRUE(ApplyMemberEvent(Official(),
                               Event(MemberEventKind::kExemption, Date(2026, 6, 1), DecidingBody::kGrassroots), {}, ctx)
                  .ok());
}

TEST(MemberEvent, RemovalGroundsNeedThePeriodOfTheRules) {
  auto e = Event(MemberEventKind::kRemoval, Date(2026, 6, 1), DecidingBody::kGrassroots);
  auto missing = ApplyMemberEvent(Official(), e, {}, Ctx());
  EXPECT_EQ(missing.error().field, "ground");
  e.ground = RemovalGround::kUnpaidFees;
  e.ground_months = 2;  // the rule says 3
  auto short_fees = ApplyMemberEvent(Official(), e, {}, Ctx());
  ASSERT_FALSE(short_fees.ok());
  EXPECT_EQ(short_fees.error().field, "ground_months");
  e.ground_months = 3;
  EXPECT_TRUE(ApplyMemberEvent(Official(), e, {}, Ctx()).ok());
  e.ground = RemovalGround::kStandingViolation;  // 2 years = 24 months
  e.ground_months = 23;
  EXPECT_EQ(ApplyMemberEvent(Official(), e, {}, Ctx()).error().field, "ground_months");
  e.ground_months = 24;
  EXPECT_TRUE(ApplyMemberEvent(Official(), e, {}, Ctx()).ok());
  // A ground on another kind is refused.
  auto death = Event(MemberEventKind::kDeath, Date(2026, 6, 1), DecidingBody::kBranch);
  death.ground = RemovalGround::kInactive;
  EXPECT_EQ(ApplyMemberEvent(Official(), death, {}, Ctx()).error().field, "ground");
}

TEST(MemberEvent, ProbationaryMembersAreRemovedAfterProbationNotExpelled) {
  Member prob = Official();
  prob.admission_date = Date(2025, 8, 20);
  prob.official_date.reset();
  prob.status = MemberStatus::kProbationary;
  auto e = Event(MemberEventKind::kRemoval, Date(2026, 8, 19), DecidingBody::kGrassroots);
  e.ground = RemovalGround::kProbationFailed;
  auto early = ApplyMemberEvent(prob, e, {}, Ctx());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "ground");  // probation ends on 20/8/2026
  e.decision.date = e.effective_on = Date(2026, 8, 20);
  EXPECT_TRUE(ApplyMemberEvent(prob, e, {}, Ctx()).ok());
  // The ground applies to probationary members only.
  EXPECT_EQ(ApplyMemberEvent(Official(), e, {}, Ctx()).error().field, "ground");
  auto expel =
      ApplyMemberEvent(prob, Event(MemberEventKind::kExpulsion, Date(2026, 9, 1), DecidingBody::kUpper), {}, Ctx());
  ASSERT_FALSE(expel.ok());
  EXPECT_EQ(expel.error().field, "kind");
}

TEST(MemberEvent, DatesAreChecked) {
  auto future = Event(MemberEventKind::kDeath, Date(2026, 11, 24), DecidingBody::kBranch);
  auto r = ApplyMemberEvent(Official(), future, {}, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(r.error().fields.count("effective_on"));
  auto before = Event(MemberEventKind::kWithdrawal, Date(2009, 1, 1), DecidingBody::kGrassroots);
  EXPECT_EQ(ApplyMemberEvent(Official(), before, {}, Ctx()).error().field, "decision_date");
  // Effective before the decision (not a death): refused; a death notice dated after the death: fine.
  auto w = Event(MemberEventKind::kWithdrawal, Date(2026, 6, 10), DecidingBody::kGrassroots);
  w.effective_on = Date(2026, 6, 1);
  EXPECT_EQ(ApplyMemberEvent(Official(), w, {}, Ctx()).error().field, "effective_on");
  auto d = Event(MemberEventKind::kDeath, Date(2026, 6, 10), DecidingBody::kBranch);
  d.effective_on = Date(2026, 6, 1);
  EXPECT_TRUE(ApplyMemberEvent(Official(), d, {}, Ctx()).ok());
  // The card: returned no earlier than the event, and only where it is returned.
  auto x = Event(MemberEventKind::kExpulsion, Date(2026, 6, 10), DecidingBody::kUpper);
  x.card_returned_on = Date(2026, 6, 9);
  EXPECT_EQ(ApplyMemberEvent(Official(), x, {}, Ctx()).error().field, "card_returned_on");
  x.card_returned_on = Date(2026, 6, 12);
  auto ok = ApplyMemberEvent(Official(), x, {}, Ctx());
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->card_returned);
  d.card_returned = true;
  EXPECT_EQ(ApplyMemberEvent(Official(), d, {}, Ctx()).error().field, "card_returned");
  auto no_number = Event(MemberEventKind::kDeath, Date(2026, 6, 10), DecidingBody::kBranch);
  no_number.decision.number.clear();
  EXPECT_EQ(ApplyMemberEvent(Official(), no_number, {}, Ctx()).error().field, "decision_number");
}

TEST(MemberEvent, ACorrectionSupersedesTheLastStatusChange) {
  auto first = Event(MemberEventKind::kRemoval, Date(2026, 6, 1), DecidingBody::kGrassroots);
  first.ground = RemovalGround::kCardReturned;
  auto applied = ApplyMemberEvent(Official(), first, {}, Ctx());
  ASSERT_TRUE(applied.ok());
  MemberEvent stored = *applied;
  stored.id = 41;
  Member removed = MemberAfterEvent(Official(), stored);

  auto fix = first;
  fix.decision.number = "13-QĐ/ĐU";
  fix.effective_on = fix.decision.date = Date(2026, 6, 3);
  fix.supersedes = 41;
  auto corrected = ApplyMemberEvent(removed, fix, {stored}, Ctx());
  ASSERT_TRUE(corrected.ok()) << corrected.error().message;
  EXPECT_EQ(corrected->status_before, MemberStatus::kOfficial);
  EXPECT_EQ(MemberAfterEvent(removed, *corrected).left_on, Date(2026, 6, 3));
  // Another kind, an unknown id, or an event already superseded: refused.
  auto other = fix;
  other.kind = MemberEventKind::kDeath;
  other.ground.reset();
  EXPECT_EQ(ApplyMemberEvent(removed, other, {stored}, Ctx()).error().field, "supersedes");
  auto unknown = fix;
  unknown.supersedes = 99;
  EXPECT_EQ(ApplyMemberEvent(removed, unknown, {stored}, Ctx()).error().field, "supersedes");
  stored.superseded_by = 42;
  EXPECT_EQ(ApplyMemberEvent(removed, fix, {stored}, Ctx()).error().field, "supersedes");
}

TEST(MemberEvent, RecognitionReviewDeadlineIsThirtyWorkingDaysAfterProbation) {
  // Admitted Mon 3/11/2025: official on Tue 3/11/2026; 30 working days later (no holiday in
  // November–December 2026) is Tue 15/12/2026.
  auto due = RecognitionReviewDue(Date(2025, 11, 3), RuleSet::Default(), WorkCalendar::Default());
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->official_date, Date(2026, 11, 3));
  EXPECT_EQ(due->review_deadline, Date(2026, 12, 15));
  EXPECT_FALSE(due->estimated);
}

}  // namespace
}  // namespace tcxd
