#include "domain/rating.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tcxd {
namespace {

const Date kOn(2025, 12, 15);  // a year-end rating date under 366-QĐ/TW
using L = RatingLevel;

// The default rule set with some keys replaced: {"key": raw JSON value}.
RuleSet RulesWith(const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::string json = R"({"rules": {)";
  std::vector<std::string> replaced;
  for (const auto& [key, value] : overrides) {
    if (json.back() != '{') json += ",";
    json += "\"" + key + "\": [{\"from\": null, \"to\": null, \"value\": " + value + ", \"source\": \"test\"}]";
    replaced.push_back(key);
  }
  auto base = RuleSet::Default();
  for (const auto& key : base.Keys()) {
    if (std::find(replaced.begin(), replaced.end(), key) != replaced.end()) continue;
    auto v = base.Find(key, kOn);
    if (!v.ok()) continue;
    std::string value;
    if (const auto* i = std::get_if<int64_t>(&v->value)) value = std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&v->value)) value = *b ? "true" : "false";
    if (const auto* s = std::get_if<std::string>(&v->value)) value = "\"" + *s + "\"";
    if (value.empty()) continue;
    json += ",\"" + key + "\": [{\"from\": null, \"to\": null, \"value\": " + value + ", \"source\": \"test\"}]";
  }
  json += "}}";
  auto rs = RuleSet::FromJson(json);
  if (!rs.ok()) ADD_FAILURE() << rs.error().message;
  return rs.ok() ? std::move(rs.value()) : RuleSet();
}

std::string FieldOf(const Status& st) {
  return st.ok() ? std::string() : st.error().field;
}

TEST(RatingLevel, NamesLabelsAndOrder) {
  for (int i = 0; i < kRatingLevelCount; ++i) {
    const auto level = static_cast<L>(i);
    EXPECT_EQ(ParseRatingLevel(RatingLevelName(level)), level);
  }
  EXPECT_EQ(RatingLevelName(L::kNotCompleted), "not_completed");
  EXPECT_FALSE(ParseRatingLevel("xuat_sac"));
  EXPECT_EQ(Text(RatingLevelLabel(L::kExcellent)), "Hoàn thành xuất sắc nhiệm vụ");
  EXPECT_EQ(Text(RatingLevelLabel(L::kNotCompleted)), "Không hoàn thành nhiệm vụ");
  EXPECT_TRUE(IsAbove(L::kExcellent, L::kGood));
  EXPECT_FALSE(IsAbove(L::kGood, L::kGood));
  EXPECT_EQ(Worse(L::kGood, L::kCompleted), L::kCompleted);
  EXPECT_EQ(Worse(L::kNotCompleted, L::kExcellent), L::kNotCompleted);
  for (int i = 0; i < kRatingRoleCount; ++i) {
    EXPECT_EQ(ParseRatingRole(RatingRoleName(static_cast<RatingRole>(i))), static_cast<RatingRole>(i));
  }
  for (int i = 0; i < kNotRatedReasonCount; ++i) {
    EXPECT_EQ(ParseNotRatedReason(NotRatedReasonName(static_cast<NotRatedReason>(i))), static_cast<NotRatedReason>(i));
  }
  LevelCounts c;
  c[L::kExcellent] = 2;
  c[L::kGood] = 5;
  c[L::kNotCompleted] = 1;
  EXPECT_EQ(c.Total(), 8);
  EXPECT_EQ(c.AtLeast(L::kGood), 7);
  EXPECT_EQ(c.AtLeast(L::kExcellent), 2);
}

TEST(RatingRules, DefaultSetHasEveryRatingKeyWithASource) {
  for (auto key : {rule::kRatingMemberCriteria, rule::kRatingOrgCriteria, rule::kRatingExcellentMin,
                   rule::kRatingGoodMin, rule::kRatingCompletedMin, rule::kRatingExcellentMinExceededPercent,
                   rule::kRatingOrgCompletedMaxBehindPercent, rule::kRatingLeaderMinAreaCompletedPercent,
                   rule::kRatingOrgMaxDisciplinedSubordinatesPercent, rule::kRatingOrgExcellentMinGoodMembersPercent,
                   rule::kRatingOrgExcellentMinGoodSubordinatesPercent, rule::kRatingMinMonthsSinceAdmission,
                   rule::kRatingMinLeaveMonths, rule::kRatingOrgMinMonthsSinceFounded, rule::kRatingExcellentCapPercent,
                   rule::kRatingExcellentCapBase, rule::kRatingHeadNotAboveOrg, rule::kRatingQuarterlyAllowed}) {
    auto v = RuleSet::Default().Find(key, kOn);
    ASSERT_TRUE(v.ok()) << key;
    EXPECT_FALSE(v->source.empty()) << key;
  }
  // The cap has two versions around 366-QĐ/TW (30/8/2025); quarterly reviews only from it.
  EXPECT_NE(RuleSet::Default().Find(rule::kRatingExcellentCapPercent, Date(2024, 12, 20))->source,
            RuleSet::Default().Find(rule::kRatingExcellentCapPercent, kOn)->source);
  EXPECT_FALSE(RuleSet::Default().Bool(rule::kRatingQuarterlyAllowed, Date(2025, 8, 29)));
  EXPECT_TRUE(RuleSet::Default().Bool(rule::kRatingQuarterlyAllowed, Date(2025, 8, 30)));
}

TEST(RatingPeriod, YearQuarterAndDate) {
  const auto& rules = RuleSet::Default();
  struct Case {
    RatingPeriod period;
    std::string field;  // "" = valid
  };
  const Case cases[] = {
      {{2025, 0, Date(2025, 12, 15)}, ""},
      {{2025, 0, Date(2026, 1, 10)}, ""},  // year-end review held in January
      {{2024, 0, Date(2026, 1, 10)}, "year"},
      {{2026, 0, Date(2025, 12, 15)}, "year"},
      {{2025, 3, Date(2025, 10, 1)}, ""},
      {{2025, 5, Date(2025, 12, 15)}, "quarter"},
      {{2025, 2, Date(2025, 7, 5)}, "quarter"},  // before 366-QĐ/TW: no quarterly review
      {{2025, 4, Date(2025, 9, 15)}, "rating_date"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FieldOf(ValidatePeriod(c.period, rules)), c.field)
        << c.period.year << " Q" << c.period.quarter << " " << c.period.rating_date.ToString();
  }
}

TEST(ScoreScale, DefaultCriteriaAndBands) {
  auto m = LoadScoreScale(RatedKind::kMember, RuleSet::Default(), kOn);
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->criteria.size(), 4u);
  EXPECT_EQ(m->criteria[2].code, "tasks");
  EXPECT_EQ(m->criteria[2].max_points, 60);
  EXPECT_EQ(m->criteria[0].label, "Phẩm chất chính trị, tư tưởng; đạo đức, lối sống");
  EXPECT_EQ(m->total, 100);
  EXPECT_EQ(m->excellent_min, 90);
  EXPECT_EQ(m->good_min, 70);
  EXPECT_EQ(m->completed_min, 50);
  auto o = LoadScoreScale(RatedKind::kOrg, RuleSet::Default(), kOn);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->criteria.size(), 5u);
  EXPECT_EQ(o->total, 100);
  // No 100-point scale before 366-QĐ/TW: the missing rule is named.
  auto old = LoadScoreScale(RatedKind::kMember, RuleSet::Default(), Date(2024, 12, 20));
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().field, rule::kRatingMemberCriteria);
}

TEST(ScoreScale, MalformedRulesAreNamed) {
  const std::string criteria(rule::kRatingMemberCriteria);
  const std::string excellent(rule::kRatingExcellentMin);
  const std::vector<std::pair<std::vector<std::pair<std::string, std::string>>, std::string>> cases = {
      {{{criteria, R"("a:50:A|a:50:B")"}}, criteria},  // repeated code
      {{{criteria, R"("a:0:A|b:100:B")"}}, criteria},  // zero max
      {{{criteria, R"("a:50|b:50:B")"}}, criteria},    // no label
      {{{criteria, R"("a:x:A")"}}, criteria},
      {{{criteria, R"("")"}}, criteria},
      {{{criteria, "100"}}, criteria},                                            // not text
      {{{criteria, R"("a:40:A|b:40:B")"}}, excellent},                            // total 80 < excellent 90
      {{{std::string(rule::kRatingGoodMin), "95"}}, excellent},                   // good above excellent
      {{{std::string(rule::kRatingCompletedMin), "0"}}, excellent},               // completed not positive
      {{{std::string(rule::kRatingGoodMin), "\"70\""}}, "rating.band.good_min"},  // not an integer
  };
  for (const auto& [overrides, field] : cases) {
    auto s = LoadScoreScale(RatedKind::kMember, RulesWith(overrides), kOn);
    ASSERT_FALSE(s.ok()) << overrides[0].second;
    EXPECT_EQ(s.error().field, field) << overrides[0].second;
  }
  auto ok = LoadScoreScale(RatedKind::kMember, RulesWith({{criteria, R"("a:30:Một: hai|b:70:B")"}}), kOn);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->criteria[0].label, "Một: hai");  // a label may contain ':'
}

TEST(ScoreScale, ScoresInRangeAndBands) {
  auto scale = LoadScoreScale(RatedKind::kMember, RuleSet::Default(), kOn);
  ASSERT_TRUE(scale.ok());
  EXPECT_TRUE(ValidateScores(*scale, {20, 10, 60, 10}).ok());
  EXPECT_TRUE(ValidateScores(*scale, {0, 0, 0, 0}).ok());
  auto count = ValidateScores(*scale, {20, 10, 60});
  EXPECT_EQ(FieldOf(count), "scores");
  EXPECT_EQ(count.error().message, "Cần đủ 4 điểm tiêu chí (đang có 3).");
  auto range = ValidateScores(*scale, {20, -1, 61, 10});
  ASSERT_FALSE(range.ok());
  EXPECT_EQ(range.error().field, "scores[1]");
  EXPECT_EQ(range.error().fields.size(), 2u);
  EXPECT_EQ(range.error().fields.at("scores[2]"),
            "Điểm tiêu chí \"Kết quả thực hiện nhiệm vụ được giao (số lượng, tiến độ, chất lượng)\" phải từ 0 đến 60.");
  EXPECT_EQ(FieldOf(ValidateScores(*scale, {21, 10, 60, 10})), "scores[0]");

  const std::pair<int, L> bands[] = {{100, L::kExcellent},   {90, L::kExcellent},  {89, L::kGood},
                                     {70, L::kGood},         {69, L::kCompleted},  {50, L::kCompleted},
                                     {49, L::kNotCompleted}, {0, L::kNotCompleted}};
  for (auto [total, level] : bands) EXPECT_EQ(LevelForScore(*scale, total), level) << total;
}

struct MemberCase {
  const char* name;
  MemberAssessment a;
  L by_score;
  L level;
  std::vector<std::string> limits;  // the reasons, in rule order
};

TEST(DeriveMemberLevel, ScoreBandsAndHardConditions) {
  const TaskOutcome all{10, 10, 10, 3};  // 100 % on time, 30 % exceeding
  MemberAssessment base;
  base.scores = {20, 10, 60, 10};  // 100
  base.tasks = all;
  auto m = [&](auto change) {
    MemberAssessment a = base;
    change(a);
    return a;
  };
  const std::vector<MemberCase> cases = {
      {"everything met", base, L::kExcellent, L::kExcellent, {}},
      {"score 89",
       m([](auto& a) {
         a.scores = {19, 10, 50, 10};
       }),
       L::kGood,
       L::kGood,
       {}},
      {"score 45",
       m([](auto& a) {
         a.scores = {10, 5, 25, 5};
       }),
       L::kNotCompleted,
       L::kNotCompleted,
       {}},
      {"disciplined",
       m([](auto& a) { a.disciplined = true; }),
       L::kExcellent,
       L::kNotCompleted,
       {"Bị kỷ luật trong kỳ"}},
      {"disciplined, self-detected",
       m([](auto& a) {
         a.disciplined = true;
         a.discipline_self_detected = true;
       }),
       L::kExcellent,
       L::kExcellent,
       {}},
      {"degraded",
       m([](auto& a) { a.degraded = true; }),
       L::kExcellent,
       L::kNotCompleted,
       {"Suy thoái hoặc vi phạm những điều đảng viên không được làm"}},
      {"a task not done",
       m([](auto& a) {
         a.tasks = {10, 9, 9, 3};
       }),
       L::kExcellent,
       L::kNotCompleted,
       {"Hoàn thành 9/10 nhiệm vụ được giao (chưa đủ 100 %)",
        "9/10 nhiệm vụ đúng hạn, bảo đảm chất lượng (chưa đủ 100 %)"}},
      {"a task late",
       m([](auto& a) {
         a.tasks = {10, 10, 9, 3};
       }),
       L::kExcellent,
       L::kCompleted,
       {"9/10 nhiệm vụ đúng hạn, bảo đảm chất lượng (chưa đủ 100 %)"}},
      {"20 % exceeding",
       m([](auto& a) {
         a.tasks = {10, 10, 10, 2};
       }),
       L::kExcellent,
       L::kGood,
       {"2/10 nhiệm vụ vượt yêu cầu (cần ít nhất 30 %)"}},
      {"score 80, a task late",
       m([](auto& a) {
         a.scores = {20, 10, 40, 10};
         a.tasks = {10, 10, 8, 0};
       }),
       L::kGood,
       L::kCompleted,
       {"8/10 nhiệm vụ đúng hạn, bảo đảm chất lượng (chưa đủ 100 %)", "0/10 nhiệm vụ vượt yêu cầu (cần ít nhất 30 %)"}},
      {"shortcomings left",
       m([](auto& a) { a.shortcomings_remedied = false; }),
       L::kExcellent,
       L::kGood,
       {"Chưa khắc phục hết hạn chế, khuyết điểm đã được chỉ ra"}},
      {"no tasks recorded", m([](auto& a) { a.tasks = {}; }), L::kExcellent, L::kExcellent, {}},
      {"leader, area at 40 %",
       m([](auto& a) {
         a.led_area = TaskOutcome{10, 4, 4, 0};
       }),
       L::kExcellent,
       L::kNotCompleted,
       {"Lĩnh vực, đơn vị phụ trách hoàn thành 4/10 chỉ tiêu (dưới 50 %)",
        "Lĩnh vực, đơn vị phụ trách: 4/10 chỉ tiêu đúng hạn, bảo đảm chất lượng",
        "Lĩnh vực, đơn vị phụ trách: 0/10 chỉ tiêu vượt yêu cầu (cần ít nhất 30 %)"}},
      {"leader, area at 50 % on time",
       m([](auto& a) {
         a.led_area = TaskOutcome{10, 10, 5, 5};
       }),
       L::kExcellent,
       L::kCompleted,
       {"Lĩnh vực, đơn vị phụ trách: 5/10 chỉ tiêu đúng hạn, bảo đảm chất lượng"}},
      {"leader, area all on time, 2 exceeded",
       m([](auto& a) {
         a.led_area = TaskOutcome{10, 10, 10, 2};
       }),
       L::kExcellent,
       L::kGood,
       {"Lĩnh vực, đơn vị phụ trách: 2/10 chỉ tiêu vượt yêu cầu (cần ít nhất 30 %)"}},
  };
  for (const auto& c : cases) {
    auto d = DeriveMemberLevel(c.a, RuleSet::Default(), kOn);
    ASSERT_TRUE(d.ok()) << c.name << ": " << d.error().message;
    EXPECT_EQ(d->by_score, c.by_score) << c.name;
    EXPECT_EQ(d->level, c.level) << c.name;
    std::vector<std::string> reasons;
    for (const auto& l : d->limits) reasons.push_back(l.reason);
    EXPECT_EQ(reasons, c.limits) << c.name;
  }
  auto d = DeriveMemberLevel(base, RuleSet::Default(), kOn);
  EXPECT_EQ(d->total_score, 100);
}

TEST(DeriveMemberLevel, BadInputNamesTheField) {
  MemberAssessment a;
  a.scores = {20, 10, 60, 10};
  const std::pair<TaskOutcome, std::string> bad[] = {
      {{10, 11, 0, 0}, "tasks.assigned"},
      {{10, 5, 6, 0}, "tasks.completed"},
      {{10, 10, 5, 6}, "tasks.on_time"},
      {{10, 10, 5, -1}, "tasks.exceeded"},
  };
  for (const auto& [t, field] : bad) {
    a.tasks = t;
    auto d = DeriveMemberLevel(a, RuleSet::Default(), kOn);
    ASSERT_FALSE(d.ok()) << field;
    EXPECT_EQ(d.error().field, field);
  }
  a.tasks = {};
  a.led_area = TaskOutcome{3, 4, 0, 0};
  EXPECT_EQ(DeriveMemberLevel(a, RuleSet::Default(), kOn).error().field, "led_area.assigned");
  a.led_area.reset();
  a.scores = {20, 10, 70, 10};
  EXPECT_EQ(DeriveMemberLevel(a, RuleSet::Default(), kOn).error().field, "scores[2]");
  a.scores = {20, 10, 60, 10};
  EXPECT_EQ(DeriveMemberLevel(a, RuleSet::Default(), Date(2024, 12, 20)).error().field, rule::kRatingMemberCriteria);
}

TEST(DeriveOrgLevel, OwnResultsSubordinatesAndMembers) {
  OrgAssessment base;
  base.scores = {20, 20, 10, 40, 10};  // 100
  base.tasks = {20, 20, 20, 6};
  base.subordinate_orgs = 10;
  auto o = [&](auto change) {
    OrgAssessment a = base;
    change(a);
    return a;
  };
  struct Case {
    const char* name;
    OrgAssessment a;
    L level;
    std::vector<std::string> limits;
  };
  const std::vector<Case> cases = {
      {"everything met", base, L::kExcellent, {}},
      {"2 of 10 subordinates disciplined",
       o([](auto& a) { a.subordinate_orgs_disciplined = 2; }),
       L::kGood,
       {"Có tổ chức trực thuộc hoặc cấp ủy viên bị kỷ luật trong kỳ"}},
      {"3 of 10 subordinates disciplined",
       o([](auto& a) { a.subordinate_orgs_disciplined = 3; }),
       L::kNotCompleted,
       {"3/10 tổ chức trực thuộc bị kỷ luật (quá 20 %)", "Có tổ chức trực thuộc hoặc cấp ủy viên bị kỷ luật trong kỳ"}},
      {"4 of 20 late: 20 %",
       o([](auto& a) {
         a.tasks = {20, 20, 16, 6};
       }),
       L::kCompleted,
       {"16/20 nhiệm vụ đúng hạn, bảo đảm chất lượng (chưa đủ 100 %)"}},
      {"5 of 20 late: 25 %",
       o([](auto& a) {
         a.tasks = {20, 20, 15, 6};
       }),
       L::kNotCompleted,
       {"5/20 nhiệm vụ chậm tiến độ (quá 20 %)", "15/20 nhiệm vụ đúng hạn, bảo đảm chất lượng (chưa đủ 100 %)"}},
      {"committee member disciplined",
       o([](auto& a) { a.leadership_member_disciplined = true; }),
       L::kGood,
       {"Có tổ chức trực thuộc hoặc cấp ủy viên bị kỷ luật trong kỳ"}},
      {"organization disciplined",
       o([](auto& a) { a.disciplined = true; }),
       L::kNotCompleted,
       {"Tổ chức hoặc cấp ủy bị kỷ luật trong kỳ"}},
      {"disunity", o([](auto& a) { a.internal_disunity = true; }), L::kNotCompleted, {"Nội bộ mất đoàn kết"}},
      {"corruption",
       o([](auto& a) { a.corruption_disciplined = true; }),
       L::kNotCompleted,
       {"Tổ chức trực thuộc bị kỷ luật về tham nhũng, lãng phí, tiêu cực mà không tự phát hiện, khắc phục"}},
      {"score 72",
       o([](auto& a) {
         a.scores = {15, 15, 7, 30, 5};
       }),
       L::kGood,
       {}},
      // The default rule set requires no share of good members (the figure is [??] in rules.md).
      {"members mostly completed",
       o([](auto& a) {
         a.member_levels[L::kCompleted] = 9;
         a.member_levels[L::kGood] = 1;
       }),
       L::kExcellent,
       {}},
  };
  for (const auto& c : cases) {
    auto d = DeriveOrgLevel(c.a, RuleSet::Default(), kOn);
    ASSERT_TRUE(d.ok()) << c.name << ": " << d.error().message;
    EXPECT_EQ(d->level, c.level) << c.name;
    std::vector<std::string> reasons;
    for (const auto& l : d->limits) reasons.push_back(l.reason);
    EXPECT_EQ(reasons, c.limits) << c.name;
  }
}

TEST(DeriveOrgLevel, ConfiguredSharesOfGoodMembersAndSubordinates) {
  auto rules = RulesWith({{std::string(rule::kRatingOrgExcellentMinGoodMembersPercent), "80"},
                          {std::string(rule::kRatingOrgExcellentMinGoodSubordinatesPercent), "50"}});
  OrgAssessment a;
  a.scores = {20, 20, 10, 40, 10};
  a.member_levels[L::kExcellent] = 2;
  a.member_levels[L::kGood] = 6;
  a.member_levels[L::kCompleted] = 2;  // 8 of 10 = 80 %: enough
  a.subordinate_levels[L::kGood] = 1;
  a.subordinate_levels[L::kCompleted] = 1;  // 1 of 2 = 50 %: enough
  EXPECT_EQ(DeriveOrgLevel(a, rules, kOn)->level, L::kExcellent);
  a.member_levels[L::kCompleted] = 3;       // 8 of 11 = 72.7 %
  a.subordinate_levels[L::kCompleted] = 2;  // 1 of 3
  auto d = DeriveOrgLevel(a, rules, kOn);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->level, L::kGood);
  ASSERT_EQ(d->limits.size(), 2u);
  EXPECT_EQ(d->limits[0].reason, "8/11 đảng viên được xếp loại từ hoàn thành tốt nhiệm vụ trở lên (cần ít nhất 80 %)");
  EXPECT_EQ(d->limits[1].reason,
            "1/3 tổ chức trực thuộc được xếp loại từ hoàn thành tốt nhiệm vụ trở lên (cần ít nhất 50 %)");

  a.subordinate_orgs = 2;
  a.subordinate_orgs_disciplined = 3;
  EXPECT_EQ(DeriveOrgLevel(a, rules, kOn).error().field, "subordinate_orgs_disciplined");
  a.subordinate_orgs_disciplined = 0;
  a.scores = {20, 20, 10, 40};
  EXPECT_EQ(DeriveOrgLevel(a, rules, kOn).error().field, "scores");
}

Member MemberAdmitted(Date admission, MemberStatus status = MemberStatus::kOfficial) {
  Member m;
  m.id = MemberId(7);
  m.admission_date = admission;
  m.status = status;
  return m;
}

TEST(OrgLevelLabel, FromTheRuleSetWhereItDefinesThem) {
  // The default rule set (366-QĐ/TW) defines no label.
  EXPECT_EQ(*OrgLevelLabel(L::kExcellent, RuleSet::Default(), kOn), "");
  const RuleSet labelled =
      RulesWith({{"rating.org.labels",
                  R"("excellent=Trong sạch, vững mạnh tiêu biểu|good=Trong sạch, vững mạnh|not_completed=Yếu kém")"}});
  EXPECT_EQ(*OrgLevelLabel(L::kExcellent, labelled, kOn), "Trong sạch, vững mạnh tiêu biểu");
  EXPECT_EQ(*OrgLevelLabel(L::kGood, labelled, kOn), "Trong sạch, vững mạnh");
  EXPECT_EQ(*OrgLevelLabel(L::kCompleted, labelled, kOn), "");  // no label for this level
  EXPECT_EQ(*OrgLevelLabel(L::kNotCompleted, labelled, kOn), "Yếu kém");
  for (const char* bad : {R"("excellent")", R"("best=Tốt")", R"("good=A|good=B")", R"("good=")", "3"}) {
    auto r = OrgLevelLabel(L::kGood, RulesWith({{"rating.org.labels", bad}}), kOn);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "rating.org.labels") << bad;
  }
}

TEST(MemberExclusion, WhoIsNotRatedAndWhy) {
  const RatingPeriod period{2025, 0, kOn};
  const auto& rules = RuleSet::Default();
  auto rated = MemberExclusion(MemberAdmitted(Date(2010, 3, 2)), period, {}, rules);
  ASSERT_TRUE(rated.ok());
  EXPECT_FALSE(rated->has_value());

  auto exempt = MemberExclusion(MemberAdmitted(Date(1970, 3, 2), MemberStatus::kExempt), period, {}, rules);
  ASSERT_TRUE(exempt.ok() && exempt->has_value());
  EXPECT_EQ((*exempt)->reason, NotRatedReason::kExempt);

  // 6 months by default: admitted 15/6/2025 has 6 full months on 15/12/2025, 16/6/2025 has 5.
  auto six = MemberExclusion(MemberAdmitted(Date(2025, 6, 15), MemberStatus::kProbationary), period, {}, rules);
  EXPECT_FALSE(six->has_value());
  auto recent = MemberExclusion(MemberAdmitted(Date(2025, 6, 16), MemberStatus::kProbationary), period, {}, rules);
  ASSERT_TRUE(recent.ok() && recent->has_value());
  EXPECT_EQ((*recent)->reason, NotRatedReason::kRecentlyAdmitted);
  EXPECT_EQ((*recent)->detail, "Kết nạp ngày 2025-06-16, chưa đủ 6 tháng đến ngày xếp loại 2025-12-15");

  auto leave = MemberExclusion(MemberAdmitted(Date(2010, 3, 2)), period, {6, ""}, rules);
  ASSERT_TRUE(leave->has_value());
  EXPECT_EQ((*leave)->reason, NotRatedReason::kOnLeave);
  EXPECT_EQ((*leave)->detail, "Nghỉ 6 tháng trong kỳ (từ 6 tháng trở lên không xếp loại)");
  EXPECT_FALSE(MemberExclusion(MemberAdmitted(Date(2010, 3, 2)), period, {5, ""}, rules)->has_value());

  auto other = MemberExclusion(MemberAdmitted(Date(2010, 3, 2)), period, {0, "Đi học tập trung ở nước ngoài"}, rules);
  ASSERT_TRUE(other->has_value());
  EXPECT_EQ((*other)->reason, NotRatedReason::kOther);
  EXPECT_EQ((*other)->detail, "Đi học tập trung ở nước ngoài");

  // Exempt comes first even for a recently admitted member on leave.
  auto first = MemberExclusion(MemberAdmitted(Date(2025, 10, 1), MemberStatus::kExempt), period, {12, "x"}, rules);
  EXPECT_EQ((*first)->reason, NotRatedReason::kExempt);
}

TEST(MemberExclusion, NotThereOnTheRatingDateIsRefused) {
  const RatingPeriod period{2025, 0, kOn};
  const auto& rules = RuleSet::Default();
  auto after = MemberExclusion(MemberAdmitted(Date(2025, 12, 16)), period, {}, rules);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().field, "member_id");
  EXPECT_EQ(after.error().message, "Chưa là đảng viên vào ngày xếp loại 2025-12-15: không xếp loại.");

  Member left = MemberAdmitted(Date(2000, 1, 1), MemberStatus::kDeceased);
  left.left_on = Date(2025, 11, 1);
  auto gone = MemberExclusion(left, period, {}, rules);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(
      gone.error().message,
      "Đảng viên đã ra khỏi danh sách ngày 2025-11-01 (không muộn hơn ngày xếp loại 2025-12-15): không xếp loại.");
  left.left_on = kOn;  // leaving on the rating date: not counted on it
  EXPECT_FALSE(MemberExclusion(left, period, {}, rules).ok());
  left.status = MemberStatus::kTransferredOut;
  left.left_on = Date(2026, 1, 5);  // left after the rating date: still rated
  EXPECT_TRUE(MemberExclusion(left, period, {}, rules).ok());

  auto temp = MemberExclusion(MemberAdmitted(Date(2000, 1, 1), MemberStatus::kTemporary), period, {}, rules);
  ASSERT_FALSE(temp.ok());
  EXPECT_EQ(temp.error().message, "Đảng viên sinh hoạt tạm thời: được xếp loại ở nơi sinh hoạt chính thức.");
  Member none;
  EXPECT_FALSE(MemberExclusion(none, period, {}, rules).ok());  // no admission date
}

TEST(OrgExclusion, NewlyFoundedAndNotThere) {
  const RatingPeriod period{2025, 0, kOn};
  const auto& rules = RuleSet::Default();
  Organization org;
  org.founded_on = Date(2020, 1, 1);
  EXPECT_FALSE(OrgExclusion(org, period, "", rules)->has_value());
  org.founded_on = Date(2025, 7, 1);  // 5 full months
  auto young = OrgExclusion(org, period, "", rules);
  ASSERT_TRUE(young.ok() && young->has_value());
  EXPECT_EQ((*young)->reason, NotRatedReason::kNewlyFounded);
  EXPECT_EQ((*young)->detail, "Thành lập ngày 2025-07-01, chưa đủ 6 tháng đến ngày xếp loại 2025-12-15");
  org.founded_on = Date(2020, 1, 1);
  EXPECT_EQ((*OrgExclusion(org, period, "Đang hợp nhất", rules))->reason, NotRatedReason::kOther);
  org.dissolved_on = Date(2025, 12, 1);
  EXPECT_EQ(OrgExclusion(org, period, "", rules).error().field, "org_id");
  org.dissolved_on.reset();
  org.founded_on = Date(2026, 1, 1);
  EXPECT_EQ(OrgExclusion(org, period, "", rules).error().field, "org_id");
}

TEST(RatingDecision, OverrideNeedsAReasonAndCannotLiftAHardCondition) {
  LevelDerivation good;
  good.by_score = L::kGood;
  good.level = L::kGood;
  EXPECT_TRUE(ValidateDecision(good, {L::kGood, ""}).ok());
  auto no_reason = ValidateDecision(good, {L::kExcellent, ""});
  EXPECT_EQ(FieldOf(no_reason), "override_reason");
  EXPECT_EQ(no_reason.error().message,
            "Xếp loại khác với mức tính theo điểm và điều kiện (\"Hoàn thành tốt nhiệm vụ\"): cần ghi lý do.");
  EXPECT_TRUE(ValidateDecision(good, {L::kExcellent, "Thành tích đột xuất được cấp trên khen thưởng"}).ok());
  EXPECT_EQ(FieldOf(ValidateDecision(good, {L::kCompleted, ""})), "override_reason");
  EXPECT_TRUE(ValidateDecision(good, {L::kCompleted, "Chi bộ đánh giá lại"}).ok());

  MemberAssessment a;
  a.scores = {20, 10, 60, 10};
  a.disciplined = true;
  auto d = DeriveMemberLevel(a, RuleSet::Default(), kOn);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ceiling, L::kNotCompleted);
  auto lifted = ValidateDecision(*d, {L::kCompleted, "Đề nghị của chi bộ"});
  EXPECT_EQ(FieldOf(lifted), "level");
  EXPECT_EQ(lifted.error().message, "Không thể xếp loại cao hơn \"Không hoàn thành nhiệm vụ\": Bị kỷ luật trong kỳ.");
  EXPECT_TRUE(ValidateDecision(*d, {L::kNotCompleted, ""}).ok());
}

TEST(Downgrade, OnlyLowerAndWithAReason) {
  EXPECT_TRUE(ValidateDowngrade({L::kExcellent, L::kGood, "Vượt tỷ lệ"}).ok());
  EXPECT_TRUE(ValidateDowngrade({L::kGood, L::kNotCompleted, "Kết luận kiểm tra"}).ok());
  EXPECT_EQ(FieldOf(ValidateDowngrade({L::kCompleted, L::kGood, "x"})), "to");
  EXPECT_EQ(FieldOf(ValidateDowngrade({L::kGood, L::kGood, "x"})), "to");
  auto no_reason = ValidateDowngrade({L::kExcellent, L::kGood, ""});
  EXPECT_EQ(FieldOf(no_reason), "reason");
  EXPECT_EQ(no_reason.error().message, "Cần ghi lý do hạ mức xếp loại.");
}

LevelCounts Counts(int64_t excellent, int64_t good, int64_t completed = 0, int64_t not_completed = 0) {
  LevelCounts c;
  c[L::kExcellent] = excellent;
  c[L::kGood] = good;
  c[L::kCompleted] = completed;
  c[L::kNotCompleted] = not_completed;
  return c;
}

TEST(ExcellentShare, TheNumbersInTheMessage) {
  struct Case {
    LevelCounts counts;
    std::string scope;
    bool ok;
    int64_t allowed;
    std::string message;
  };
  const Case cases[] = {
      {Counts(39, 180), "", false, 36, "Vượt tỷ lệ xuất sắc: 39 xuất sắc > 20 % của 180 tốt = 36 (tối đa 36)."},
      {Counts(36, 180, 12, 1), "", true, 36, "Tỷ lệ xuất sắc: 36 xuất sắc / tối đa 36 (20 % của 180 tốt = 36)."},
      {Counts(2, 7), "", false, 1, "Vượt tỷ lệ xuất sắc: 2 xuất sắc > 20 % của 7 tốt = 1.4 (tối đa 1)."},
      {Counts(1, 7), "", true, 1, "Tỷ lệ xuất sắc: 1 xuất sắc / tối đa 1 (20 % của 7 tốt = 1.4)."},
      {Counts(1, 4), "", false, 0, "Vượt tỷ lệ xuất sắc: 1 xuất sắc > 20 % của 4 tốt = 0.8 (tối đa 0)."},
      {Counts(0, 0, 5), "", true, 0, "Tỷ lệ xuất sắc: 0 xuất sắc / tối đa 0 (20 % của 0 tốt = 0)."},
      {Counts(3, 10), "Giáo viên", false, 2,
       "Vượt tỷ lệ xuất sắc (nhóm \"Giáo viên\"): 3 xuất sắc > 20 % của 10 tốt = 2 (tối đa 2)."},
  };
  for (const auto& c : cases) {
    auto check = ExcellentShareCheck(c.counts, c.scope, RuleSet::Default(), kOn);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check->ok, c.ok) << c.message;
    EXPECT_EQ(check->allowed, c.allowed) << c.message;
    EXPECT_EQ(check->message, c.message);
    EXPECT_EQ(check->ToStatus().ok(), c.ok);
    if (!c.ok) {
      EXPECT_EQ(check->ToStatus().error().field, "level");
      EXPECT_EQ(check->ToStatus().error().code, ErrorCode::kInvalid);
    }
  }
  auto c = ExcellentShareCheck(Counts(39, 180), "", RuleSet::Default(), kOn);
  EXPECT_EQ(c->count, 39);
  EXPECT_EQ(c->base, 180);
  EXPECT_EQ(c->percent, 20);
}

TEST(ExcellentShare, ConfiguredBaseAndPercent) {
  // Base "good or better": 39 of (180 + 39) = 219 -> 43.8 allowed.
  auto wide = ExcellentShareCheck(
      Counts(39, 180), "", RulesWith({{std::string(rule::kRatingExcellentCapBase), R"("good_or_better")"}}), kOn);
  ASSERT_TRUE(wide.ok());
  EXPECT_TRUE(wide->ok);
  EXPECT_EQ(wide->message, "Tỷ lệ xuất sắc: 39 xuất sắc / tối đa 43 (20 % của 219 tốt trở lên = 43.8).");
  auto narrow =
      ExcellentShareCheck(Counts(28, 180), "", RulesWith({{std::string(rule::kRatingExcellentCapPercent), "15"}}), kOn);
  EXPECT_FALSE(narrow->ok);
  EXPECT_EQ(narrow->message, "Vượt tỷ lệ xuất sắc: 28 xuất sắc > 15 % của 180 tốt = 27 (tối đa 27).");
  auto bad = ExcellentShareCheck(Counts(1, 10), "",
                                 RulesWith({{std::string(rule::kRatingExcellentCapBase), R"("all")"}}), kOn);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, rule::kRatingExcellentCapBase);
  EXPECT_EQ(
      ExcellentShareCheck(Counts(1, 10), "", RulesWith({{std::string(rule::kRatingExcellentCapPercent), "120"}}), kOn)
          .error()
          .field,
      rule::kRatingExcellentCapPercent);
  // Before 366-QĐ/TW the 124-QĐ/TW version applies (same 20 %).
  EXPECT_FALSE(ExcellentShareCheck(Counts(39, 180), "", RuleSet::Default(), Date(2024, 12, 20))->ok);
}

TEST(HeadCheck, HeadNotAboveTheOrganization) {
  auto above = HeadCheck(L::kExcellent, L::kGood, RuleSet::Default(), kOn);
  ASSERT_TRUE(above.ok());
  EXPECT_FALSE(above->ok);
  EXPECT_EQ(
      above->message,
      "Người đứng đầu không được xếp loại cao hơn tổ chức mình đứng đầu: \"Hoàn thành xuất sắc nhiệm vụ\" cao hơn "
      "\"Hoàn thành tốt nhiệm vụ\".");
  EXPECT_EQ(above->ToStatus().error().field, "level");
  EXPECT_TRUE(HeadCheck(L::kGood, L::kGood, RuleSet::Default(), kOn)->ok);
  EXPECT_TRUE(HeadCheck(L::kCompleted, L::kGood, RuleSet::Default(), kOn)->ok);
  auto off = RulesWith({{std::string(rule::kRatingHeadNotAboveOrg), "false"}});
  EXPECT_TRUE(HeadCheck(L::kExcellent, L::kGood, off, kOn)->ok);
}

// A branch of 30: 24 already decided, 6 entered in one go.
TEST(CheckBatch, DuplicatesAndTheCapAcrossTheBatch) {
  std::vector<RatingEntry> existing;
  for (int i = 1; i <= 24; ++i) existing.push_back({MemberId(i), "", i <= 3 ? L::kExcellent : L::kGood});  // 3 E, 21 G
  std::vector<RatingEntry> batch;
  for (int i = 25; i <= 30; ++i) batch.push_back({MemberId(i), "", L::kGood});  // 27 G in all -> 5.4 allowed
  const auto& rules = RuleSet::Default();
  EXPECT_TRUE(CheckBatch(existing, batch, rules, kOn).ok());
  batch[0].level = L::kExcellent;
  batch[1].level = L::kExcellent;  // 5 E, 25 G -> 5 allowed
  EXPECT_TRUE(CheckBatch(existing, batch, rules, kOn).ok());
  batch[2].level = L::kExcellent;  // 6 E, 24 G -> 4.8
  auto over = CheckBatch(existing, batch, rules, kOn);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().field, "level");
  EXPECT_EQ(over.error().message, "Vượt tỷ lệ xuất sắc: 6 xuất sắc > 20 % của 24 tốt = 4.8 (tối đa 4).");
  batch[2].level = L::kGood;

  auto again = batch;
  again[3].member = MemberId(5);  // already rated in the period
  auto dup = CheckBatch(existing, again, rules, kOn);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "entries[3].member_id");
  again = batch;
  again[5].member = MemberId(25);  // twice in the batch
  EXPECT_EQ(CheckBatch(existing, again, rules, kOn).error().field, "entries[5].member_id");
}

TEST(CapMeter, OneCheckPerDutyGroup) {
  const std::vector<RatingEntry> existing = {
      {MemberId(1), "Giáo viên", L::kExcellent}, {MemberId(2), "Giáo viên", L::kGood},
      {MemberId(3), "Giáo viên", L::kGood},      {MemberId(4), "Giáo viên", L::kGood},
      {MemberId(5), "Giáo viên", L::kGood},      {MemberId(6), "Giáo viên", L::kGood},
      {MemberId(7), "Cán bộ quản lý", L::kGood}, {MemberId(8), "Cán bộ quản lý", L::kCompleted},
  };
  const std::vector<RatingEntry> batch = {{MemberId(9), "Cán bộ quản lý", L::kExcellent}};
  auto meter = CapMeter(existing, batch, RuleSet::Default(), kOn);
  ASSERT_TRUE(meter.ok());
  ASSERT_EQ(meter->size(), 2u);
  EXPECT_EQ((*meter)[0].scope, "Cán bộ quản lý");
  EXPECT_FALSE((*meter)[0].ok);  // 1 E vs 1 G: 0.2 allowed
  EXPECT_EQ((*meter)[1].scope, "Giáo viên");
  EXPECT_TRUE((*meter)[1].ok);  // 1 E vs 5 G: 1 allowed
  EXPECT_EQ((*meter)[1].message, "Tỷ lệ xuất sắc (nhóm \"Giáo viên\"): 1 xuất sắc / tối đa 1 (20 % của 5 tốt = 1).");
  EXPECT_FALSE(CheckBatch(existing, batch, RuleSet::Default(), kOn).ok());
}

}  // namespace
}  // namespace tcxd
