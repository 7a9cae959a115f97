#include "domain/admission.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

// Every date below was counted by hand on the official 2024–2026 calendar (rules/holidays.csv).
const Date kToday(2026, 12, 31);

AdmissionContext Ctx(Date today = kToday) {
  return AdmissionContext{RuleSet::Default(), WorkCalendar::Default(), today};
}

Candidate GoodCandidate() {
  Candidate c;
  c.full_name = "Nguyễn Thị Lan";
  c.birth_date = Date(2000, 5, 10);
  c.source = CandidateSource::kYouthUnion;
  c.general_education = "3";
  c.awareness_certificate_date = Date(2024, 9, 1);
  c.introducers = {{IntroducerKind::kMember, "Trần Văn Bình", Date(2010, 1, 1), Date(2020, 1, 1)},
                   {IntroducerKind::kYouthUnion, "Đoàn cơ sở", std::nullopt, std::nullopt}};
  return c;
}

AdmissionStep Step(StepKind kind, Date date, std::optional<Votes> votes = std::nullopt) {
  AdmissionStep s;
  s.kind = kind;
  s.date = date;
  s.document_number = "01-NQ/CB";
  s.votes = votes;
  s.recorded_by = "chibo";
  return s;
}

// Applies and requires success.
AdmissionCase Must(const AdmissionCase& c, AdmissionStep s, const AdmissionContext& ctx = Ctx()) {
  auto r = Apply(c, std::move(s), ctx);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().field + ": " + r.error().message);
  return r.ok() ? *r : c;
}

// The field of the refusal, or "" when the step was accepted.
std::string Refused(const AdmissionCase& c, AdmissionStep s, const AdmissionContext& ctx = Ctx()) {
  auto r = Apply(c, std::move(s), ctx);
  return r.ok() ? std::string() : r.error().field;
}

AdmissionCase NewCase(Candidate cand = GoodCandidate(), CaseShape shape = {}) {
  AdmissionCase c;
  c.candidate = std::move(cand);
  c.shape = shape;
  return c;
}

// The main fixture: branch vote Friday 24/1/2025 (the last working day before Tết Ất Tỵ).
AdmissionCase BranchVoted(Candidate cand = GoodCandidate()) {
  return Must(NewCase(std::move(cand)), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{8, 1, 12}));
}

AdmissionCase Admitted() {
  auto c = Must(BranchVoted(), Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9}));
  auto d = Step(StepKind::kDecision, Date(2025, 3, 14));
  d.received_on = Date(2025, 3, 17);
  return Must(c, d);
}

AdmissionCase OnProbation() {
  return Must(Admitted(), Step(StepKind::kCeremony, Date(2025, 4, 10)));
}

TEST(AdmissionCase, FullPathWithDeadlinesAndTheOfficialDateRule) {
  auto c = BranchVoted();
  EXPECT_EQ(c.stage, AdmissionStage::kBranchVoted);
  // 60 working days from 24/1/2025: day 1 is Monday 3/2 (Tết 27–31/1), 7/4 is Giỗ Tổ, and day 60 is the
  // Saturday 26/4/2025 worked in exchange for 2/5.
  auto due = NextStepDue(c, Ctx(Date(2025, 2, 1)));
  ASSERT_TRUE(due.ok());
  ASSERT_TRUE(due->has_value());
  EXPECT_EQ((*due)->step, StepKind::kGrassrootsVote);
  EXPECT_EQ((*due)->deadline, Date(2025, 4, 26));
  EXPECT_FALSE((*due)->late);
  EXPECT_FALSE((*due)->estimated);
  EXPECT_EQ((*due)->rule_key, rule::kDecisionWorkingDays);
  EXPECT_TRUE((**NextStepDue(c, Ctx(Date(2025, 4, 28)))).late);
  EXPECT_FALSE((**NextStepDue(c, Ctx(Date(2025, 4, 26)))).late);

  c = Admitted();
  EXPECT_EQ(c.stage, AdmissionStage::kAdmitted);
  EXPECT_EQ(c.decision_date, Date(2025, 3, 14));
  const AdmissionStep* decision = FindStep(c, StepKind::kDecision);
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->deadline, Date(2025, 4, 26));
  EXPECT_FALSE(decision->late);
  // Ceremony: 30 working days from the day the branch received the decision (Monday 17/3/2025): 7/4 off,
  // Saturday 26/4 worked (day 29), Monday 28/4 is day 30.
  due = NextStepDue(c, Ctx(Date(2025, 3, 20)));
  EXPECT_EQ((*due)->step, StepKind::kCeremony);
  EXPECT_EQ((*due)->deadline, Date(2025, 4, 28));

  c = OnProbation();
  EXPECT_EQ(c.stage, AdmissionStage::kProbation);
  // Probation ends 14/3/2026 (a Saturday); the review is due 30 working days later: Friday 24/4/2026.
  due = NextStepDue(c, Ctx(Date(2026, 1, 5)));
  EXPECT_EQ((*due)->step, StepKind::kRecognitionBranchVote);
  EXPECT_EQ((*due)->earliest, Date(2026, 3, 14));
  EXPECT_EQ((*due)->deadline, Date(2026, 4, 24));

  // The branch meets late (Tuesday 28/4/2026): accepted, flagged late.
  c = Must(c, Step(StepKind::kRecognitionBranchVote, Date(2026, 4, 28), Votes{9, 0, 13}));
  EXPECT_TRUE(c.steps.back().late);
  EXPECT_EQ(c.steps.back().deadline, Date(2026, 4, 24));
  EXPECT_FALSE(c.steps.back().warnings.empty());
  // Recognition decision: 30 working days from 28/4/2026 (30/4, 1/5 off): Thursday 11/6/2026.
  due = NextStepDue(c, Ctx(Date(2026, 5, 4)));
  EXPECT_EQ((*due)->step, StepKind::kRecognitionGrassrootsVote);
  EXPECT_EQ((*due)->deadline, Date(2026, 6, 11));

  c = Must(c, Step(StepKind::kRecognitionGrassrootsVote, Date(2026, 5, 12), Votes{6, 3, 9}));
  c = Must(c, Step(StepKind::kRecognitionDecision, Date(2026, 6, 15)));
  EXPECT_EQ(c.stage, AdmissionStage::kOfficial);
  EXPECT_TRUE(c.steps.back().late);
  // Official exactly 12 months after the admission decision, although the vote and the decision were late.
  EXPECT_EQ(c.official_date, Date(2026, 3, 14));
  EXPECT_FALSE(NextStepDue(c, Ctx())->has_value());
  EXPECT_EQ(Refused(c, Step(StepKind::kStop, Date(2026, 7, 1))), "stage");
}

TEST(AdmissionCase, StepsRecordTheRulesTheyApplied) {
  auto c = BranchVoted();
  const auto& rules = c.steps.back().rules;
  auto find = [&](std::string_view key) -> const AppliedRule* {
    for (const auto& r : rules) {
      if (r.key == key) return &r;
    }
    return nullptr;
  };
  for (auto key :
       {rule::kBranchVoteMinRatio, rule::kAdmissionMinAgeYears, rule::kAdmissionMaxAgeYears, rule::kMinGeneralEducation,
        rule::kAwarenessCertificateValidMonths, rule::kIntroducerCount, rule::kIntroducerMinMonths}) {
    const AppliedRule* r = find(key);
    ASSERT_NE(r, nullptr) << key;
    EXPECT_FALSE(r->source.empty()) << key;
  }
  EXPECT_EQ(find(rule::kBranchVoteMinRatio)->value, "2/3");
  EXPECT_EQ(find(rule::kAdmissionMinAgeYears)->value, "18");
  auto d = Admitted();
  ASSERT_EQ(d.steps.back().rules.size(), 1U);
  EXPECT_EQ(d.steps.back().rules[0].key, rule::kDecisionWorkingDays);
  EXPECT_EQ(d.steps.back().rules[0].value, "60");
}

// Two thirds of the entitled, rounded up: 8 of 12, 8 of 11, 6 of 9, 2 of 3.
TEST(AdmissionCase, VoteThresholdsAndInconsistentCounts) {
  struct Case {
    Votes votes;
    std::string field;  // "" = accepted
  };
  const Case cases[] = {
      {{8, 4, 12}, ""},
      {{7, 5, 12}, "votes.yes"},
      {{8, 0, 11}, ""},
      {{7, 0, 11}, "votes.yes"},
      {{6, 3, 9}, ""},
      {{5, 4, 9}, "votes.yes"},
      {{2, 1, 3}, ""},
      {{1, 0, 3}, "votes.yes"},
      {{9, 4, 12}, "votes.entitled"},  // 9 + 4 > 12
      {{0, 0, 0}, "votes.entitled"},
      {{-1, 0, 12}, "votes.yes"},
      {{8, -1, 12}, "votes.no"},
  };
  for (const auto& k : cases) {
    EXPECT_EQ(Refused(NewCase(), Step(StepKind::kBranchVote, Date(2025, 1, 24), k.votes)), k.field)
        << k.votes.yes << "/" << k.votes.no << "/" << k.votes.entitled;
  }
  EXPECT_EQ(Refused(NewCase(), Step(StepKind::kBranchVote, Date(2025, 1, 24))), "votes.yes");  // no votes
  // The committee: 2/3 of its members.
  EXPECT_EQ(Refused(BranchVoted(), Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{5, 0, 9})), "votes.yes");
  EXPECT_EQ(Refused(BranchVoted(), Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{6, 0, 9})), "");
  // The message says what is missing, in Vietnamese.
  auto r = Apply(NewCase(), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{7, 5, 12}), Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Số tán thành 7/12 chưa đạt 2/3 số đảng viên chính thức của chi bộ (cần ít nhất 8).");
}

TEST(AdmissionCase, AgeInFullMonthsOnTheBranchVoteDate) {
  struct Case {
    Date birth;
    Date vote;
    bool over_age_consent;
    bool accepted;
  };
  const Case cases[] = {
      {Date(2007, 1, 24), Date(2025, 1, 24), false, true},    // 18 years 0 months that day
      {Date(2007, 1, 25), Date(2025, 1, 24), false, false},   // one day short: 17 years 11 months
      {Date(2007, 2, 24), Date(2025, 1, 24), false, false},   // 17 years 11 months
      {Date(1965, 1, 24), Date(2025, 1, 24), false, true},    // 60 years 0 months
      {Date(1964, 12, 24), Date(2025, 1, 24), false, false},  // 60 years 1 month
      {Date(1964, 1, 1), Date(2025, 1, 24), false, false},    // 61
      {Date(1964, 1, 1), Date(2025, 1, 24), true, true},      // 61 with the provincial decision
      {Date(2008, 2, 29), Date(2026, 2, 27), false, false},   // leap-day birthday: 17 years 11 months
      {Date(2008, 2, 29), Date(2026, 2, 28), false, true},    // 18 on the last day of February 2026
      {Date(2008, 2, 29), Date(2025, 2, 28), false, false},   // 17
  };
  for (const auto& k : cases) {
    Candidate cand = GoodCandidate();
    cand.birth_date = k.birth;
    cand.over_age_consent = k.over_age_consent;
    cand.introducers[0].together_since = Date(2015, 1, 1);
    EXPECT_EQ(Refused(NewCase(cand), Step(StepKind::kBranchVote, k.vote, Votes{3, 0, 3})),
              k.accepted ? "" : "candidate.birth_date")
        << k.birth.ToString() << " on " << k.vote.ToString();
  }
  Candidate young = GoodCandidate();
  young.birth_date = Date(2007, 2, 24);
  auto r = Apply(NewCase(young), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{3, 0, 3}), Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Chưa đủ 18 tuổi (tính theo tháng) vào ngày chi bộ biểu quyết: mới 17 tuổi 11 tháng.");
  young.birth_date.reset();
  EXPECT_EQ(Refused(NewCase(young), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{3, 0, 3})),
            "candidate.birth_date");
}

TEST(AdmissionCase, EducationCertificateAndIntroducers) {
  const auto vote = [](const Candidate& cand) {
    return Refused(NewCase(cand), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{3, 0, 3}));
  };
  Candidate c = GoodCandidate();
  c.general_education = "1";
  EXPECT_EQ(vote(c), "candidate.general_education");
  c.education_exception_consent = true;
  EXPECT_EQ(vote(c), "");
  c = GoodCandidate();
  c.general_education = "";
  EXPECT_EQ(vote(c), "candidate.general_education");
  c.general_education = "2";
  EXPECT_EQ(vote(c), "");

  c = GoodCandidate();
  c.awareness_certificate_date.reset();
  EXPECT_EQ(vote(c), "candidate.awareness_certificate_date");
  c.awareness_certificate_date = Date(2025, 1, 25);
  EXPECT_EQ(vote(c), "candidate.awareness_certificate_date");  // issued after the vote
  // Valid 60 months: issued 24/1/2020 is still valid on 24/1/2025; 23/1/2020 is older: a warning only.
  c.awareness_certificate_date = Date(2020, 1, 24);
  auto ok = Must(NewCase(c), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{3, 0, 3}));
  EXPECT_TRUE(ok.steps.back().warnings.empty());
  c.awareness_certificate_date = Date(2020, 1, 23);
  auto warned = Must(NewCase(c), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{3, 0, 3}));
  ASSERT_EQ(warned.steps.back().warnings.size(), 1U);
  EXPECT_NE(warned.steps.back().warnings[0].find("23/01/2020"), std::string::npos);

  const Introducer member2{IntroducerKind::kMember, "Lê Văn Cường", Date(2015, 3, 1), Date(2023, 1, 24)};
  struct Case {
    std::vector<Introducer> introducers;
    std::string field;
  };
  const Introducer probationary{IntroducerKind::kMember, "Phạm Thị Dung", std::nullopt, Date(2020, 1, 1)};
  const Introducer official_later{IntroducerKind::kMember, "Võ Văn Em", Date(2025, 1, 25), Date(2020, 1, 1)};
  const Introducer eleven_months{IntroducerKind::kMember, "Hồ Thị Gấm", Date(2010, 1, 1), Date(2024, 1, 25)};
  const Introducer twelve_months{IntroducerKind::kMember, "Đặng Văn Hải", Date(2010, 1, 1), Date(2024, 1, 24)};
  const Introducer youth{IntroducerKind::kYouthUnion, "Đoàn cơ sở", std::nullopt, std::nullopt};
  const Introducer union_{IntroducerKind::kTradeUnion, "Công đoàn cơ sở", std::nullopt, std::nullopt};
  const Case cases[] = {
      {{member2, youth}, ""},
      {{member2, union_}, ""},
      {{member2, member2}, ""},  // 24/1/2023 .. 24/1/2025: 24 full months together
      {{youth, union_}, "candidate.introducers"},
      {{member2}, "candidate.introducers"},
      {{member2, member2, youth}, "candidate.introducers"},
      {{probationary, youth}, "candidate.introducers[0]"},
      {{youth, official_later}, "candidate.introducers[1]"},
      {{eleven_months, youth}, "candidate.introducers[0]"},  // 25/1/2024 .. 24/1/2025: 11 months, a day short
      {{twelve_months, youth}, ""},                          // 24/1/2024 .. 24/1/2025: 12 months
  };
  for (const auto& k : cases) {
    c = GoodCandidate();
    c.introducers = k.introducers;
    EXPECT_EQ(vote(c), k.field) << k.introducers.size();
  }
}

// The file's introducers judged before the vote, as the vote on that date would: every problem by field.
TEST(AdmissionCase, IntroducersCheckedBeforeTheVote) {
  Candidate c = GoodCandidate();
  EXPECT_TRUE(CheckIntroducersOn(c, Date(2025, 1, 24), RuleSet::Default()).ok());
  c.introducers = {{IntroducerKind::kMember, "Phạm Thị Dung", std::nullopt, Date(2020, 1, 1)},
                   {IntroducerKind::kMember, "Hồ Thị Gấm", Date(2010, 1, 1), Date(2024, 1, 25)}};
  Status s = CheckIntroducersOn(c, Date(2025, 1, 24), RuleSet::Default());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "candidate.introducers[0]");
  ASSERT_EQ(s.error().fields.size(), 2U);
  EXPECT_NE(s.error().fields.at("candidate.introducers[0]").find("Phạm Thị Dung"), std::string::npos);
  EXPECT_NE(s.error().fields.at("candidate.introducers[1]").find("12"), std::string::npos);
  // A day later the second one has been with the candidate 12 months.
  s = CheckIntroducersOn(c, Date(2025, 1, 25), RuleSet::Default());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.size(), 1U);
  c.introducers.pop_back();
  s = CheckIntroducersOn(c, Date(2025, 1, 25), RuleSet::Default());
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.error().fields.contains("candidate.introducers"));
}

TEST(AdmissionCase, OutOfOrderRepeatedAndClosed) {
  const auto fresh = NewCase();
  EXPECT_EQ(Refused(fresh, Step(StepKind::kDecision, Date(2025, 3, 14))), "kind");
  EXPECT_EQ(Refused(fresh, Step(StepKind::kCeremony, Date(2025, 3, 14))), "kind");
  EXPECT_EQ(Refused(fresh, Step(StepKind::kRecognitionBranchVote, Date(2025, 3, 14), Votes{3, 0, 3})), "kind");
  auto r = Apply(fresh, Step(StepKind::kDecision, Date(2025, 3, 14)), Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().message,
            "Chưa thực hiện được bước \"Quyết định kết nạp\" khi hồ sơ đang ở giai đoạn \"Đối tượng kết nạp (đang "
            "lập hồ sơ)\".");

  const auto voted = BranchVoted();
  auto twice = Apply(voted, Step(StepKind::kBranchVote, Date(2025, 1, 27), Votes{8, 0, 12}), Ctx());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().message,
            "Bước \"Chi bộ biểu quyết đề nghị kết nạp\" đã được ghi nhận, không ghi lại lần nữa.");
  EXPECT_EQ(Refused(voted, Step(StepKind::kDecision, Date(2025, 3, 14))), "kind");              // grassroots vote first
  EXPECT_EQ(Refused(voted, Step(StepKind::kSubCommitteeAppraisal, Date(2025, 2, 1))), "kind");  // no sub-committee
  EXPECT_EQ(Refused(Admitted(), Step(StepKind::kDecision, Date(2025, 3, 20))), "kind");

  // The input case is never changed.
  EXPECT_EQ(voted.steps.size(), 1U);
  EXPECT_EQ(voted.stage, AdmissionStage::kBranchVoted);
}

TEST(AdmissionCase, DatesMustFollowThePreviousStepAndNotBeInTheFuture) {
  const auto voted = BranchVoted();
  // A grassroots vote dated before the branch vote.
  EXPECT_EQ(Refused(voted, Step(StepKind::kGrassrootsVote, Date(2025, 1, 23), Votes{7, 0, 9})), "date");
  EXPECT_EQ(Refused(voted, Step(StepKind::kGrassrootsVote, Date(2025, 1, 24), Votes{7, 0, 9})), "");  // same day
  auto gv = Must(voted, Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9}));
  // A decision dated before the vote.
  auto r = Apply(gv, Step(StepKind::kDecision, Date(2025, 2, 19)), Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "date");
  EXPECT_EQ(r.error().message, "Ngày 19/02/2025 không được trước ngày của bước trước (20/02/2025).");
  EXPECT_EQ(Refused(gv, Step(StepKind::kDecision, Date(2025, 3, 1)), Ctx(Date(2025, 2, 28))), "date");  // future
  auto d = Step(StepKind::kDecision, Date(2025, 3, 14));
  d.received_on = Date(2025, 3, 13);
  EXPECT_EQ(Refused(gv, d), "received_on");
  // Missing document and recorder.
  auto bare = Step(StepKind::kDecision, Date(2025, 3, 14));
  bare.document_number.clear();
  bare.recorded_by.clear();
  auto e = Apply(gv, bare, Ctx());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "document_number");
  EXPECT_EQ(e.error().fields.count("recorded_by"), 1U);
}

// Probation is 12 months from the decision; the branch cannot consider recognition before it ends.
TEST(AdmissionCase, RecognitionNotBeforeTwelveMonths) {
  const auto c = OnProbation();  // decision 14/3/2025
  auto r = Apply(c, Step(StepKind::kRecognitionBranchVote, Date(2026, 3, 13), Votes{9, 0, 13}), Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "date");
  EXPECT_EQ(r.error().message, "Chưa hết 12 tháng dự bị: chỉ xét công nhận chính thức từ ngày 14/03/2026.");
  auto ok = Must(c, Step(StepKind::kRecognitionBranchVote, Date(2026, 3, 16), Votes{9, 0, 13}));
  EXPECT_FALSE(ok.steps.back().late);
  EXPECT_EQ(Refused(c, Step(StepKind::kRecognitionBranchVote, Date(2026, 3, 16), Votes{8, 0, 13})), "votes.yes");
}

TEST(AdmissionCase, OfficialDateIsTwelveMonthsAfterTheDecision) {
  EXPECT_EQ(*OfficialDate(Date(2025, 3, 14), RuleSet::Default()), Date(2026, 3, 14));
  EXPECT_EQ(*OfficialDate(Date(2024, 2, 29), RuleSet::Default()), Date(2025, 2, 28));  // no 29/2 in 2025
  EXPECT_EQ(*OfficialDate(Date(2023, 3, 31), RuleSet::Default()), Date(2024, 3, 31));
  auto rules = RuleSet::FromJson(R"({"rules": {"admission.probation_months": [
      {"from": null, "to": "2030-12-31", "value": 12, "source": "a"},
      {"from": "2031-01-01", "to": null, "value": 18, "source": "b"}]}})");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(*OfficialDate(Date(2030, 12, 31), *rules), Date(2031, 12, 31));
  EXPECT_EQ(*OfficialDate(Date(2031, 1, 31), *rules), Date(2032, 7, 31));  // the version on the decision date
  EXPECT_FALSE(OfficialDate(Date(2025, 1, 1), RuleSet()).ok());
}

TEST(AdmissionCase, CeremonyAfterItsDeadlineNeedsTheUpperCommitteeConsent) {
  const auto c = Admitted();  // received Monday 17/3/2025: ceremony due Monday 28/4/2025
  EXPECT_EQ(Refused(c, Step(StepKind::kCeremony, Date(2025, 4, 28))), "");
  auto late = Step(StepKind::kCeremony, Date(2025, 4, 29));
  EXPECT_EQ(Refused(c, late), "consent_document");
  late.consent_document = "15-CV/ĐU";
  auto ok = Must(c, late);
  EXPECT_TRUE(ok.steps.back().late);
  EXPECT_EQ(ok.steps.back().deadline, Date(2025, 4, 28));
  EXPECT_EQ(ok.stage, AdmissionStage::kProbation);
}

TEST(AdmissionCase, OneExtensionOfAtMostThirtyWorkingDays) {
  const auto voted = BranchVoted();
  auto ext = Step(StepKind::kExtension, Date(2025, 4, 1));
  ext.reason = "Chờ kết quả thẩm tra lý lịch";
  ext.extension_working_days = 31;
  EXPECT_EQ(Refused(voted, ext), "extension_working_days");
  ext.extension_working_days = 0;
  EXPECT_EQ(Refused(voted, ext), "extension_working_days");
  ext.extension_working_days = 30;
  auto no_reason = ext;
  no_reason.reason.clear();
  EXPECT_EQ(Refused(voted, no_reason), "reason");
  auto c = Must(voted, ext);
  EXPECT_EQ(c.stage, AdmissionStage::kBranchVoted);
  // 90 working days from 24/1/2025: past 26/4 (day 60), 30/4–2/5 off, day 90 is Wednesday 11/6/2025.
  auto due = NextStepDue(c, Ctx(Date(2025, 5, 1)));
  EXPECT_EQ((*due)->deadline, Date(2025, 6, 11));
  EXPECT_EQ(Refused(c, ext), "kind");              // a second extension
  EXPECT_EQ(Refused(NewCase(), ext), "kind");      // nothing to extend
  EXPECT_EQ(Refused(OnProbation(), ext), "kind");  // nothing awaited from a committee
  // A decision within the extended deadline is not late.
  c = Must(c, Step(StepKind::kGrassrootsVote, Date(2025, 5, 5), Votes{7, 0, 9}));
  c = Must(c, Step(StepKind::kDecision, Date(2025, 6, 11)));
  EXPECT_FALSE(c.steps.back().late);
  EXPECT_EQ(c.steps.back().deadline, Date(2025, 6, 11));
}

TEST(AdmissionCase, StopAtAnyStage) {
  auto stop = Step(StepKind::kStop, Date(2025, 2, 1));
  stop.document_number.clear();
  EXPECT_EQ(Refused(BranchVoted(), stop), "reason");
  stop.reason = "Người xin vào Đảng rút đơn";
  auto c = Must(BranchVoted(), stop);  // no document needed before the decision
  EXPECT_EQ(c.stage, AdmissionStage::kStopped);
  EXPECT_EQ(c.stopped_at, AdmissionStage::kBranchVoted);
  EXPECT_FALSE(NextStepDue(c, Ctx())->has_value());
  EXPECT_EQ(Refused(c, Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9})), "stage");

  // Removal of a probationary member (xóa tên) needs the decision's number.
  auto removal = Step(StepKind::kStop, Date(2025, 9, 1));
  removal.document_number.clear();
  removal.reason = "Không đủ tư cách đảng viên";
  EXPECT_EQ(Refused(OnProbation(), removal), "document_number");
  removal.document_number = "120-QĐ/ĐU";
  auto removed = Must(OnProbation(), removal);
  EXPECT_EQ(removed.stopped_at, AdmissionStage::kProbation);
}

TEST(AdmissionCase, ShapesWithASubCommitteeOrWithoutAGrassrootsCommittee) {
  // A branch under a sub-committee: branch vote, appraisal, grassroots vote.
  auto sub =
      Must(NewCase(GoodCandidate(), {true, true}), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{8, 1, 12}));
  EXPECT_EQ(Refused(sub, Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9})), "kind");
  sub = Must(sub, Step(StepKind::kSubCommitteeAppraisal, Date(2025, 2, 10)));
  auto due = NextStepDue(sub, Ctx(Date(2025, 2, 11)));
  EXPECT_EQ((*due)->step, StepKind::kGrassrootsVote);
  sub = Must(sub, Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9}));
  EXPECT_EQ(sub.stage, AdmissionStage::kGrassrootsVoted);

  // A chi bộ cơ sở: its resolution goes straight to the competent committee.
  auto gb =
      Must(NewCase(GoodCandidate(), {false, false}), Step(StepKind::kBranchVote, Date(2025, 1, 24), Votes{8, 1, 12}));
  EXPECT_EQ(Refused(gb, Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9})), "kind");
  due = NextStepDue(gb, Ctx(Date(2025, 2, 11)));
  EXPECT_EQ((*due)->step, StepKind::kDecision);
  gb = Must(gb, Step(StepKind::kDecision, Date(2025, 3, 14)));
  gb = Must(gb, Step(StepKind::kCeremony, Date(2025, 4, 10)));
  gb = Must(gb, Step(StepKind::kRecognitionBranchVote, Date(2026, 3, 16), Votes{9, 0, 13}));
  EXPECT_EQ(Refused(gb, Step(StepKind::kRecognitionGrassrootsVote, Date(2026, 3, 20), Votes{6, 0, 9})), "kind");
  gb = Must(gb, Step(StepKind::kRecognitionDecision, Date(2026, 3, 20)));
  EXPECT_EQ(gb.stage, AdmissionStage::kOfficial);
  EXPECT_EQ(gb.official_date, Date(2026, 3, 14));
}

TEST(AdmissionCase, DeadlinesInAYearWithoutCalendarData) {
  // Decision 1/6/2026: the official date is 1/6/2027, a year the calendar does not know yet.
  auto c = Must(BranchVoted(), Step(StepKind::kGrassrootsVote, Date(2025, 2, 20), Votes{7, 0, 9}));
  c = Must(c, Step(StepKind::kDecision, Date(2026, 6, 1)));
  EXPECT_TRUE(c.steps.back().late);  // 60 working days from 24/1/2025 ended on 26/4/2025
  c = Must(c, Step(StepKind::kCeremony, Date(2026, 6, 5)));
  auto due = NextStepDue(c, Ctx(Date(2026, 7, 1)));
  ASSERT_TRUE(due.ok());
  // 2027 is a provisional year of the built-in calendar: counted on it, flagged, not estimated.
  EXPECT_FALSE((*due)->estimated);
  EXPECT_TRUE((*due)->provisional);
  EXPECT_EQ((*due)->earliest, Date(2027, 6, 1));
  // A ceremony whose deadline falls into an undeclared year is refused with a clear reason.
  auto cal = WorkCalendar::FromCsv("year,2025,official,test\n");
  ASSERT_TRUE(cal.ok());
  const AdmissionContext ctx{RuleSet::Default(), *cal, kToday};
  auto a = Must(NewCase(), Step(StepKind::kBranchVote, Date(2025, 11, 3), Votes{8, 0, 12}), ctx);
  a = Must(a, Step(StepKind::kGrassrootsVote, Date(2025, 11, 20), Votes{7, 0, 9}), ctx);
  a = Must(a, Step(StepKind::kDecision, Date(2025, 12, 15)), ctx);
  // Its 60-working-day deadline runs into 2026: estimated, accepted, with a warning that says so.
  ASSERT_EQ(a.steps.back().warnings.size(), 1U);
  EXPECT_NE(a.steps.back().warnings[0].find("ước tính"), std::string::npos);
  EXPECT_FALSE(a.steps.back().late);
  auto r = Apply(a, Step(StepKind::kCeremony, Date(2026, 1, 5)), ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "date");
  EXPECT_NE(r.error().message.find("2026"), std::string::npos) << r.error().message;
}

TEST(AdmissionCase, DefaultRulesHaveEveryAdmissionKeyWithItsSource) {
  const auto& r = RuleSet::Default();
  const std::string_view keys[] = {rule::kBranchVoteMinRatio,
                                   rule::kCommitteeVoteMinRatio,
                                   rule::kDecisionWorkingDays,
                                   rule::kRecognitionDecisionWorkingDays,
                                   rule::kExtensionMaxWorkingDays,
                                   rule::kCeremonyWorkingDays,
                                   rule::kRecognitionReviewWorkingDays,
                                   rule::kAwarenessCertificateValidMonths,
                                   rule::kIntroducerCount,
                                   rule::kIntroducerMinMonths,
                                   rule::kMinGeneralEducation};
  for (Date d : {Date(2021, 1, 1), Date(2026, 1, 1)}) {
    for (auto key : keys) {
      auto v = r.Find(key, d);
      ASSERT_TRUE(v.ok()) << key;
      EXPECT_FALSE(v->source.empty()) << key;
    }
  }
  EXPECT_EQ(r.Int(rule::kDecisionWorkingDays, Date(2026, 1, 1)), 60);
  EXPECT_EQ(r.Int(rule::kRecognitionDecisionWorkingDays, Date(2026, 1, 1)), 30);
  EXPECT_EQ(r.String(rule::kCommitteeVoteMinRatio, Date(2026, 1, 1)), "2/3");
}

TEST(AdmissionCase, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(AdmissionStage::kStopped); ++i) {
    const auto s = static_cast<AdmissionStage>(i);
    EXPECT_EQ(ParseAdmissionStage(AdmissionStageName(s)), s);
    EXPECT_FALSE(Text(AdmissionStageLabel(s)).empty());
  }
  for (int i = 0; i <= static_cast<int>(StepKind::kStop); ++i) {
    const auto k = static_cast<StepKind>(i);
    EXPECT_EQ(ParseStepKind(StepKindName(k)), k);
  }
  EXPECT_FALSE(ParseStepKind("approve"));
  EXPECT_EQ(AdmissionStageName(AdmissionStage::kRecognitionBranchVoted), "recognition_branch_voted");
}

TEST(AdmissionNames, CandidateSourcesRoundTrip) {
  for (auto s : {CandidateSource::kYouthUnion, CandidateSource::kTradeUnion, CandidateSource::kOther}) {
    EXPECT_EQ(ParseCandidateSource(CandidateSourceName(s)), s);
  }
  EXPECT_EQ(CandidateSourceName(CandidateSource::kTradeUnion), "trade_union");
  EXPECT_FALSE(ParseCandidateSource("union").has_value());
}

}  // namespace
}  // namespace tcxd
