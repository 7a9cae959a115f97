// Transfers of party registration (chuyển sinh hoạt đảng, rules.md §3; issue #7): one case per transfer,
// seen by the sending and the receiving side, as an explicit state machine. Pure domain: no SQL, no HTTP,
// no clock (today is passed); where the receiving unit sits in the tree is decided by the service.
//
//   requested --sending_review--> approved --letter--> letter_issued --presented--> presented
//     --registered--> registered                      (an official transfer ends here)
//   registered --returned--> returned                 (a temporary transfer, at the end of its period)
//   any state before registered --cancel--> cancelled
//
// Deadlines (rule set, counted on the working-day calendar from the day after the event):
//   the letter within `transfer.start_working_days` (60) of the triggering decision's effective date;
//   presenting the letter within `transfer.present_working_days` (30) of the letter's date.
// A late step is accepted and its delay recorded (rules §3: "if late, the reason is reported"); a late
// presentation needs that reason. A temporary transfer lasts `transfer.temporary.min_months` (3) to less
// than `transfer.temporary.max_months` (12), or up to `transfer.temporary.study_max_months` (24) for
// full-time study.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "domain/rules.h"
#include "domain/workcal.h"

namespace tcxd {

enum class TransferKind { kOfficial, kTemporary };

// Why a temporary transfer: its longest period depends on it.
enum class TemporaryReason { kWorkOrResidence, kStudy };

enum class TransferState {
  kRequested,     // the member's request with its triggering decision
  kApproved,      // the sending branch reviewed it and proposed the letter
  kLetterIssued,  // the introduction letter was issued (numbered, in the transfer book)
  kPresented,     // the member presented the letter and the sealed dossier to the receiving side
  kRegistered,    // the receiving branch registered the member (terminal for an official transfer)
  kReturned,      // a temporary member returned to the sending branch (terminal)
  kCancelled,     // withdrawn or refused before registration (terminal)
};

enum class TransferStepKind { kSendingReview, kLetter, kPresented, kRegistered, kReturned, kCancel };

std::string_view TransferStateName(TransferState s);
std::optional<TransferState> ParseTransferState(std::string_view name);
Msg TransferStateLabel(TransferState s);
std::string_view TransferStepName(TransferStepKind k);
std::optional<TransferStepKind> ParseTransferStep(std::string_view name);

// The introduction letter (giấy giới thiệu sinh hoạt đảng).
struct TransferLetter {
  std::string number;        // as written in the transfer book
  std::string issued_by;     // the committee that issued it
  std::string fees_paid_to;  // "đã đóng đảng phí đến hết tháng MM/YYYY": "YYYY-MM"
};

struct TransferStep {
  TransferStepKind kind = TransferStepKind::kSendingReview;
  Date date;
  std::string recorded_by;               // the account; required
  std::string reason;                    // required on cancel, and on a late presentation
  std::optional<TransferLetter> letter;  // required on kLetter
  bool dossier_complete = false;         // kRegistered: the sending committee's confirmation is in the dossier

  // Filled in by Apply:
  std::optional<Date> deadline;  // the deadline this step had to meet, when the rules set one
  int late_working_days = 0;     // > 0: done that many working days after the deadline
  std::string rule_key;          // the deadline's rule
};

struct TransferCase {
  TransferKind kind = TransferKind::kOfficial;
  TemporaryReason temporary_reason = TemporaryReason::kWorkOrResidence;
  Date requested_on;
  Date decision_effective;              // the decision (or residence change) that triggers the transfer
  std::optional<Date> temporary_until;  // temporary transfers: the end of the period
  bool member_under_review = false;     // under inspection, discipline or complaint handling
  bool same_branch = false;             // the receiving branch is the sending branch
  TransferState state = TransferState::kRequested;
  std::vector<TransferStep> steps;
  std::optional<TransferLetter> letter;
};

struct TransferContext {
  const RuleSet& rules;
  const WorkCalendar& calendar;
  Date today;
};

// Checks a new request: the member not under review (kConflict "member"), another branch ("to"), the
// decision not in the future ("decision_effective"), a temporary period of the allowed length
// ("temporary_until"; none on an official transfer). Returns the case in state kRequested.
Result<TransferCase> OpenTransfer(TransferCase request, const TransferContext& ctx);

// Applies one step and returns the new case; `c` is never changed. Errors (nothing changed):
//   kConflict  the case is closed ("state"); the step is not valid in the current state, or was already
//              recorded ("kind"); a return on an official transfer ("kind");
//   kInvalid   "date" (before the previous step or in the future), "recorded_by", "reason" (cancel; late
//              presentation), "letter.number", "letter.issued_by", "letter.fees_paid_to" (YYYY-MM, not after
//              the letter's month), "dossier_complete" (registration without the sending committee's
//              confirmation), or the rule key when a rule is missing.
Result<TransferCase> ApplyTransfer(const TransferCase& c, TransferStep step, const TransferContext& ctx);

// The date of the case's step of `kind` (the letter's, the registration's…), or nullopt when not recorded.
std::optional<Date> StepDate(const TransferCase& c, TransferStepKind kind);

// What the case waits for, and by when: the letter (decision + 60 working days), the presentation (letter
// + 30), the return of a temporary member (its end date). nullopt for a closed case. Years without
// calendar data are counted on weekends only and flagged `estimated`.
struct TransferDue {
  TransferStepKind step = TransferStepKind::kLetter;
  std::optional<Date> deadline;
  bool estimated = false;
  bool provisional = false;  // the deadline counted days of a provisional calendar year
  bool overdue = false;      // today > deadline
};
Result<std::optional<TransferDue>> NextTransferDue(const TransferCase& c, const TransferContext& ctx);

}  // namespace tcxd
