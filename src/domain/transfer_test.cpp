#include "domain/transfer.h"

#include <gtest/gtest.h>

namespace tcxd {
namespace {

const Date kToday(2026, 11, 23);

TransferContext Ctx(Date today = kToday) {
  return {RuleSet::Default(), WorkCalendar::Default(), today};
}

TransferCase Request(Date decision = Date(2026, 7, 1)) {
  TransferCase c;
  c.requested_on = decision;
  c.decision_effective = decision;
  return c;
}

TransferStep Step(TransferStepKind k, Date d) {
  TransferStep s;
  s.kind = k;
  s.date = d;
  s.recorded_by = "chibo";
  if (k == TransferStepKind::kLetter) s.letter = TransferLetter{"15-GGT/ĐU", "Đảng ủy xã Nghĩa Trụ", "2026-09"};
  if (k == TransferStepKind::kRegistered) s.dossier_complete = true;
  return s;
}

// Applies a step that must succeed.
TransferCase Must(const TransferCase& c, TransferStep s) {
  auto r = ApplyTransfer(c, std::move(s), Ctx());
  EXPECT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  return r.ok() ? *r : c;
}

TEST(Transfer, OfficialTransferRunsToRegistrationWithItsDeadlines) {
  auto opened = OpenTransfer(Request(), Ctx());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  TransferCase c = *opened;
  EXPECT_EQ(c.state, TransferState::kRequested);
  // The letter is due 60 working days after the decision of Wed 1/7/2026: counted from Thu 2/7, with the
  // Saturday 22/8 worked and 31/8–2/9 off, the 60th working day is Fri 25/9/2026.
  auto due = NextTransferDue(c, Ctx(Date(2026, 9, 25)));
  ASSERT_TRUE(due.ok() && due->has_value());
  EXPECT_EQ((*due)->step, TransferStepKind::kSendingReview);
  EXPECT_EQ((*due)->deadline, Date(2026, 9, 25));
  EXPECT_FALSE((*due)->overdue);
  EXPECT_TRUE((*NextTransferDue(c, Ctx(Date(2026, 9, 28))))->overdue);

  c = Must(c, Step(TransferStepKind::kSendingReview, Date(2026, 9, 21)));
  EXPECT_EQ(c.state, TransferState::kApproved);
  // The letter on Tue 29/9: 2 working days late (Mon 28, Tue 29), recorded, not refused.
  c = Must(c, Step(TransferStepKind::kLetter, Date(2026, 9, 29)));
  EXPECT_EQ(c.state, TransferState::kLetterIssued);
  EXPECT_EQ(c.steps.back().deadline, Date(2026, 9, 25));
  EXPECT_EQ(c.steps.back().late_working_days, 2);
  EXPECT_EQ(c.steps.back().rule_key, "transfer.start_working_days");
  ASSERT_TRUE(c.letter.has_value());
  EXPECT_EQ(c.letter->number, "15-GGT/ĐU");
  // Presenting is due 30 working days after the letter: Tue 10/11/2026.
  EXPECT_EQ((*NextTransferDue(c, Ctx()))->deadline, Date(2026, 11, 10));
  EXPECT_EQ((*NextTransferDue(c, Ctx()))->step, TransferStepKind::kPresented);
  // Thu 12/11 is 2 working days late: accepted only with the reason.
  auto late = ApplyTransfer(c, Step(TransferStepKind::kPresented, Date(2026, 11, 12)), Ctx());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().field, "reason");
  EXPECT_EQ(late.error().message, "Nộp giấy giới thiệu chậm 2 ngày làm việc so với hạn 10/11/2026: ghi rõ lý do.");
  TransferStep with_reason = Step(TransferStepKind::kPresented, Date(2026, 11, 12));
  with_reason.reason = "Ốm, có giấy ra viện";
  c = Must(c, with_reason);
  EXPECT_EQ(c.steps.back().late_working_days, 2);
  // Registration needs the sending committee's confirmation in the dossier.
  TransferStep incomplete = Step(TransferStepKind::kRegistered, Date(2026, 11, 13));
  incomplete.dossier_complete = false;
  auto refused = ApplyTransfer(c, incomplete, Ctx());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "dossier_complete");
  c = Must(c, Step(TransferStepKind::kRegistered, Date(2026, 11, 13)));
  EXPECT_EQ(c.state, TransferState::kRegistered);
  EXPECT_FALSE(NextTransferDue(c, Ctx())->has_value());
  // Closed: nothing more, not even a return.
  auto again = ApplyTransfer(c, Step(TransferStepKind::kReturned, Date(2026, 11, 20)), Ctx());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "state");
}

TEST(Transfer, StepsOutOfOrderTwiceOrBadAreRefusedAndChangeNothing) {
  TransferCase c = *OpenTransfer(Request(), Ctx());
  auto early = ApplyTransfer(c, Step(TransferStepKind::kLetter, Date(2026, 8, 1)), Ctx());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "kind");
  EXPECT_EQ(early.error().message,
            "Bước này không thực hiện được khi việc chuyển sinh hoạt đang ở bước \"Đã đề nghị\".");
  c = Must(c, Step(TransferStepKind::kSendingReview, Date(2026, 7, 10)));
  auto twice = ApplyTransfer(c, Step(TransferStepKind::kSendingReview, Date(2026, 7, 11)), Ctx());
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message, "Bước này đã được ghi nhận.");
  EXPECT_EQ(c.steps.size(), 1U);
  auto before = ApplyTransfer(c, Step(TransferStepKind::kLetter, Date(2026, 7, 9)), Ctx());
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field, "date");
  auto future = ApplyTransfer(c, Step(TransferStepKind::kLetter, Date(2026, 11, 24)), Ctx());
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "date");
  TransferStep no_number = Step(TransferStepKind::kLetter, Date(2026, 7, 20));
  no_number.letter->number.clear();
  EXPECT_EQ(ApplyTransfer(c, no_number, Ctx()).error().field, "letter.number");
  TransferStep bad_fees = Step(TransferStepKind::kLetter, Date(2026, 7, 20));
  bad_fees.letter->fees_paid_to = "09/2026";
  EXPECT_EQ(ApplyTransfer(c, bad_fees, Ctx()).error().field, "letter.fees_paid_to");
  TransferStep anonymous = Step(TransferStepKind::kLetter, Date(2026, 7, 20));
  anonymous.recorded_by.clear();
  EXPECT_EQ(ApplyTransfer(c, anonymous, Ctx()).error().field, "recorded_by");
  // Cancelling needs a reason; a cancelled case is closed.
  EXPECT_EQ(ApplyTransfer(c, Step(TransferStepKind::kCancel, Date(2026, 7, 20)), Ctx()).error().field, "reason");
  TransferStep cancel = Step(TransferStepKind::kCancel, Date(2026, 7, 20));
  cancel.reason = "Quyết định điều động bị hủy";
  c = Must(c, cancel);
  EXPECT_EQ(c.state, TransferState::kCancelled);
  EXPECT_EQ(ApplyTransfer(c, Step(TransferStepKind::kLetter, Date(2026, 7, 21)), Ctx()).error().field, "state");
}

TEST(Transfer, RequestsAreCheckedBeforeAnythingIsOpened) {
  TransferCase under_review = Request();
  under_review.member_under_review = true;
  auto r = OpenTransfer(under_review, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "member");
  TransferCase same = Request();
  same.same_branch = true;
  EXPECT_EQ(OpenTransfer(same, Ctx()).error().field, "to");
  EXPECT_EQ(OpenTransfer(Request(Date(2026, 12, 1)), Ctx()).error().field, "decision_effective");
  TransferCase official_with_end = Request();
  official_with_end.temporary_until = Date(2027, 1, 1);
  EXPECT_EQ(OpenTransfer(official_with_end, Ctx()).error().field, "temporary_until");
}

TEST(Transfer, TemporaryPeriodsFollowTheRuleSet) {
  auto temporary = [](std::optional<Date> until, TemporaryReason why = TemporaryReason::kWorkOrResidence) {
    TransferCase c = Request(Date(2026, 6, 1));
    c.kind = TransferKind::kTemporary;
    c.temporary_reason = why;
    c.temporary_until = until;
    return OpenTransfer(c, Ctx());
  };
  EXPECT_EQ(temporary(std::nullopt).error().field, "temporary_until");
  // At least 3 months: 1/6 → 1/9.
  EXPECT_EQ(temporary(Date(2026, 8, 31)).error().message, "Chuyển sinh hoạt tạm thời phải từ 3 tháng trở lên.");
  EXPECT_TRUE(temporary(Date(2026, 9, 1)).ok());
  // Work or residence: under a year; study: up to 2 years.
  EXPECT_TRUE(temporary(Date(2027, 5, 31)).ok());
  EXPECT_EQ(temporary(Date(2027, 6, 1)).error().field, "temporary_until");
  EXPECT_TRUE(temporary(Date(2028, 6, 1), TemporaryReason::kStudy).ok());
  EXPECT_EQ(temporary(Date(2028, 6, 2), TemporaryReason::kStudy).error().message,
            "Chuyển sinh hoạt tạm thời để đi học không quá 24 tháng.");

  // A temporary member returns at the end of the period; the return is what the case then waits for.
  TransferCase c = *temporary(Date(2026, 11, 20));
  for (auto k : {TransferStepKind::kSendingReview, TransferStepKind::kLetter, TransferStepKind::kPresented,
                 TransferStepKind::kRegistered}) {
    c = Must(c, Step(k, Date(2026, 6, 5)));
  }
  EXPECT_EQ(c.state, TransferState::kRegistered);
  auto due = NextTransferDue(c, Ctx());
  ASSERT_TRUE(due.ok() && due->has_value());
  EXPECT_EQ((*due)->step, TransferStepKind::kReturned);
  EXPECT_EQ((*due)->deadline, Date(2026, 11, 20));
  EXPECT_TRUE((*due)->overdue);
  c = Must(c, Step(TransferStepKind::kReturned, Date(2026, 11, 21)));
  EXPECT_EQ(c.state, TransferState::kReturned);
}

TEST(Transfer, NamesRoundTrip) {
  for (auto s :
       {TransferState::kRequested, TransferState::kApproved, TransferState::kLetterIssued, TransferState::kPresented,
        TransferState::kRegistered, TransferState::kReturned, TransferState::kCancelled}) {
    EXPECT_EQ(ParseTransferState(TransferStateName(s)), s);
  }
  for (auto k : {TransferStepKind::kSendingReview, TransferStepKind::kLetter, TransferStepKind::kPresented,
                 TransferStepKind::kRegistered, TransferStepKind::kReturned, TransferStepKind::kCancel}) {
    EXPECT_EQ(ParseTransferStep(TransferStepName(k)), k);
  }
  EXPECT_FALSE(ParseTransferState("nope").has_value());
}

}  // namespace
}  // namespace tcxd
