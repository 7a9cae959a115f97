// The documents of a transfer (issue #7 item 1): the introduction letter of a case (giấy giới thiệu sinh
// hoạt đảng) as PDF, and the transfer book (sổ giới thiệu sinh hoạt đảng, Mẫu 10-SHĐ) of an issuing
// committee for a year, as rows, PDF or .xlsx. Reads only: the numbers were given when the letter was
// issued (src/app/transfer.cpp, Tx::NextLetterNumber).
#include <algorithm>
#include <charconv>
#include <map>

#include "app/json_codec.h"
#include "app/json_fields.h"
#include "app/org_names.h"
#include "app/service.h"
#include "io/export.h"
#include "print/pdf_forms.h"

namespace tcxd::app {
namespace {

// "YYYY-MM" as printed, "MM/YYYY".
std::string MonthOf(const std::string& year_month) {
  if (year_month.size() != 7 || year_month[4] != '-') return year_month;
  return year_month.substr(5, 2) + "/" + year_month.substr(0, 4);
}

std::string Destination(const store::TransferCaseRow& r, const std::string& to_grassroots) {
  if (r.to_branch_id.valid()) return BranchWithGrassroots(r.to_name, to_grassroots);
  return r.external_name;
}

bool OutOfProvince(const store::TransferCaseRow& r, OrgNames& names) {
  if (!r.to_branch_id.valid()) return true;
  return names.Province(r.from_path) != names.Province(r.to_path);
}

Msg ScopeLabel(const TransferBookRow& b, bool incoming = false) {
  if (b.row.state.kind == TransferKind::kTemporary) return Msg::kTransferScopeTemporary;
  if (incoming) return b.out_of_province ? Msg::kTransferScopeInFromOutside : Msg::kTransferScopeInWithinProvince;
  return b.out_of_province ? Msg::kTransferScopeOutOfProvince : Msg::kTransferScopeWithinProvince;
}

std::string_view ScopeName(const TransferBookRow& b) {
  if (b.row.state.kind == TransferKind::kTemporary) return "temporary";
  return b.out_of_province ? "out_of_province" : "within_province";
}

std::string FeesOf(const store::TransferCaseRow& r) {
  return r.state.letter ? MonthOf(r.state.letter->fees_paid_to) : std::string();
}

}  // namespace

Result<ExportFile> App::TransferLetterPdf(const Caller& caller, int64_t id) {
  auto view = GetTransfer(caller, id);
  if (!view.ok()) return view.error();
  const store::TransferCaseRow& r = view->row;
  if (!r.state.letter || r.letter_seq <= 0) return Error::NotFound(Msg::kTransferNoLetter);
  print::TransferLetterSheet s;
  s.number = r.state.letter->number;
  s.issuer = r.state.letter->issued_by;
  s.issued_on = StepDate(r.state, TransferStepKind::kLetter);
  s.fees_paid_to = MonthOf(r.state.letter->fees_paid_to);
  s.temporary_until = r.state.temporary_until;
  s.decision = Format(Msg::kPrintLetterDecisionText, r.decision_number, VnDate(r.decision_date), r.decision_body);
  // The deadline to present the letter: the presentation step's, once recorded, else the pending one.
  for (const auto& st : r.state.steps) {
    if (st.kind == TransferStepKind::kPresented) s.present_by = st.deadline;
  }
  if (!s.present_by && view->next && view->next->step == TransferStepKind::kPresented)
    s.present_by = view->next->deadline;
  if (s.issued_on) {
    auto days = rules_.FindInt(rule::kTransferPresentWorkingDays, *s.issued_on);
    if (days.ok()) s.present_working_days = static_cast<int>(*days);
  }
  std::string path = r.from_path;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    OrgNames names(tx);
    if (const auto& issuer = names.Get(r.letter_issuer_id)) {
      s.issuer = issuer->name;
      path = issuer->path;
      if (issuer->parent_id.valid()) {
        if (const auto& parent = names.Get(issuer->parent_id)) s.issuer_parent = parent->name;
      }
    }
    const bool out = OutOfProvince(r, names);
    s.kind = r.state.kind == TransferKind::kTemporary ? print::LetterKind::kTemporary
             : out                                    ? print::LetterKind::kOfficialOut
                                                      : print::LetterKind::kOfficial;
    s.from_org = BranchWithGrassroots(r.from_name, names.Grassroots(r.from_path));
    const std::string to_grassroots = r.to_branch_id.valid() ? names.Grassroots(r.to_path) : std::string();
    s.destination = Destination(r, to_grassroots);
    s.addressee = r.to_branch_id.valid() ? (to_grassroots.empty() ? r.to_name : to_grassroots) : r.external_name;
    auto m = tx.GetMember(r.member_id);
    if (!m) return Error::NotFound();
    s.full_name = m->full_name;
    s.gender = std::string(Text(GenderLabel(m->gender)));
    s.birth_date = m->birth_date;
    s.hometown = m->hometown;
    s.ceremony_date = m->ceremony_date;
    s.official_date = m->official_date;
    s.card_number = m->card_number;
    s.cv_number = m->cv_number;
    // The member-book line (số SĐV), when the dossier in force on the letter's day records it.
    for (const auto& row : tx.DossiersInForce({r.member_id}, s.issued_on.value_or(Today()))) {
      auto d = StoredDossier(row.data_json);
      if (d.ok()) s.book_number = d->book_line_number;
    }
    return Status::Ok();
  }));
  auto pdf = print::TransferLetterPdf(s);
  if (!pdf.ok()) return pdf.error();
  // The letter carries the member's record: its printing goes to the access log like a dossier read.
  auto e = Audit(&caller, "transfer.letter_read", "transfer", id, path);
  e.note = s.number;
  BufferReadAudit(std::move(e));
  return ExportFile{std::move(*pdf), fmt::format("giay-gioi-thieu-{}.pdf", id), "application/pdf", 1};
}

Result<TransferBook> App::GetTransferBook(const Caller& caller, OrgId org, const std::string& year) {
  int y = 0;
  auto [p, ec] = std::from_chars(year.data(), year.data() + year.size(), y);
  if (year.size() != 4 || ec != std::errc() || p != year.data() + year.size() || y < 1930)
    return Error::Invalid("year", Msg::kTransferBookYear);
  if (caller.account.role == Role::kMember) return Error::NotFound();
  TransferBook book;
  book.year = y;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto o = tx.GetOrg(org);
    if (!o || !CanSeeOrg(caller.account, o->path)) return Error::NotFound();
    if (HoldsMembers(o->kind))
      return Error::Invalid("org", Format(Msg::kTransferBookNotCommittee, o->name, Text(OrgKindLabel(o->kind))));
    book.issuer = *o;
    OrgNames names(tx);
    for (auto& row : tx.TransferBook(o->id, y)) {
      TransferBookRow b;
      b.seq = row.letter_seq;
      if (auto m = tx.GetMember(row.member_id)) b.member = *m;
      b.from_grassroots = names.Grassroots(row.from_path);
      if (row.to_branch_id.valid()) b.to_grassroots = names.Grassroots(row.to_path);
      b.out_of_province = OutOfProvince(row, names);
      b.row = std::move(row);
      book.rows.push_back(std::move(b));
    }
    for (auto& row : tx.TransfersRegisteredInto(*o, Date(y, 1, 1), Date(y, 12, 31))) {
      if (InSubtree(row.from_path, o->path)) continue;  // a move within the committee's own subtree
      TransferBookRow b;
      b.seq = static_cast<int64_t>(book.incoming.size()) + 1;
      if (auto m = tx.GetMember(row.member_id)) b.member = *m;
      b.from_grassroots = names.Grassroots(row.from_path);
      b.to_grassroots = names.Grassroots(row.to_path);
      b.out_of_province = OutOfProvince(row, names);
      if (const auto& issuer = names.Get(row.letter_issuer_id)) b.issuer = issuer->name;
      b.row = std::move(row);
      book.incoming.push_back(std::move(b));
    }
    auto e = Audit(&caller, "transfer.book_read", "org", o->id.value, o->path);
    e.note = fmt::format("{}: {} letters, {} received", y, book.rows.size(), book.incoming.size());
    BufferReadAudit(std::move(e));
    return Status::Ok();
  }));
  return book;
}

Result<ExportFile> App::TransferBookFile(const Caller& caller, OrgId org, const std::string& year,
                                         const std::string& format) {
  if (format != "pdf" && format != "xlsx") return Error::Invalid("format", Msg::kTransferBookFormat);
  auto book = GetTransferBook(caller, org, year);
  if (!book.ok()) return book.error();
  const std::string title = Format(Msg::kPrintBookTitle, book->year, book->issuer.name);
  ExportFile f;
  f.rows = static_cast<int>(book->rows.size());
  f.filename =
      fmt::format("so-gioi-thieu-sinh-hoat-dang-{}-{}.{}", SafeFileName(book->issuer.code), book->year, format);
  if (format == "pdf") {
    const auto line = [](const TransferBookRow& b, bool incoming) {
      const auto& r = b.row;
      return print::TransferBookLine{
          r.state.letter ? r.state.letter->number : std::string(),
          StepDate(r.state, incoming ? TransferStepKind::kRegistered : TransferStepKind::kLetter),
          r.member_name,
          b.member.birth_date,
          b.member.ceremony_date,
          b.member.official_date,
          b.member.card_number,
          BranchWithGrassroots(r.from_name, b.from_grassroots),
          Destination(r, b.to_grassroots),
          std::string(Text(ScopeLabel(b, incoming))),
          FeesOf(r)};
    };
    std::vector<print::TransferBookLine> lines;
    lines.reserve(book->rows.size());
    for (const auto& b : book->rows) lines.push_back(line(b, false));
    std::vector<print::TransferBookLine> incoming;
    incoming.reserve(book->incoming.size());
    for (const auto& b : book->incoming) incoming.push_back(line(b, true));
    auto pdf = print::TransferBookPdf(title, lines, Format(Msg::kPrintBookIncomingTitle, book->year, book->issuer.name),
                                      incoming);
    if (!pdf.ok()) return pdf.error();
    f.bytes = std::move(*pdf);
    f.content_type = "application/pdf";
    return f;
  }
  const auto columns = [](bool incoming) {
    std::vector<io::ExportColumn> cols;
    for (Msg m :
         {Msg::kPrintListNo, Msg::kPrintBookNumber, Msg::kPrintBookDate, Msg::kPrintListName, Msg::kPrintListBirthDate,
          Msg::kPrintListCeremonyDate, Msg::kPrintListOfficialDate, Msg::kPrintListCardNumber, Msg::kPrintBookFrom,
          Msg::kPrintBookTo, Msg::kPrintBookScope, Msg::kPrintBookFees}) {
      const bool date = m == Msg::kPrintBookDate || m == Msg::kPrintListBirthDate || m == Msg::kPrintListCeremonyDate ||
                        m == Msg::kPrintListOfficialDate;
      const bool wide = m == Msg::kPrintListName || m == Msg::kPrintBookFrom || m == Msg::kPrintBookTo;
      const Msg header = incoming && m == Msg::kPrintBookDate ? Msg::kPrintBookReceivedDate : m;
      cols.push_back(io::ExportColumn{std::string(Text(header)), wide ? 36.0 : 14.0, date});
    }
    return cols;
  };
  auto w = io::XlsxWriter::Create(std::string(Text(Msg::kTransferBookSheet)), columns(false), title);
  if (!w.ok()) return w.error();
  const auto iso = [](const std::optional<Date>& d) { return d ? d->ToString() : std::string(); };
  const auto add = [&](const TransferBookRow& b, bool incoming) {
    const auto& r = b.row;
    (*w)->AddRow({std::to_string(b.seq), r.state.letter ? r.state.letter->number : std::string(),
                  iso(StepDate(r.state, incoming ? TransferStepKind::kRegistered : TransferStepKind::kLetter)),
                  r.member_name, iso(b.member.birth_date), iso(b.member.ceremony_date), iso(b.member.official_date),
                  b.member.card_number, BranchWithGrassroots(r.from_name, b.from_grassroots),
                  Destination(r, b.to_grassroots), std::string(Text(ScopeLabel(b, incoming))), FeesOf(r)});
  };
  for (const auto& b : book->rows) add(b, false);
  TCXD_RETURN_IF_ERROR((*w)->AddSheet(std::string(Text(Msg::kTransferBookIncomingSheet)), columns(true),
                                      Format(Msg::kPrintBookIncomingTitle, book->year, book->issuer.name)));
  for (const auto& b : book->incoming) add(b, true);
  auto bytes = (*w)->Finish();
  if (!bytes.ok()) return bytes.error();
  f.bytes = std::move(*bytes);
  f.content_type = io::kXlsxContentType;
  return f;
}

Json TransferBookToJson(const TransferBook& book) {
  Json rows = Json::array();
  for (const auto& b : book.rows) {
    const auto& r = b.row;
    rows.push_back(
        {{"seq", b.seq},
         {"number", r.state.letter ? Json(r.state.letter->number) : Json(nullptr)},
         {"date", DateJson(StepDate(r.state, TransferStepKind::kLetter))},
         {"case_id", r.id},
         {"member",
          {{"id", r.member_id.value}, {"full_name", r.member_name}, {"birth_date", DateJson(b.member.birth_date)}}},
         {"ceremony_date", DateJson(b.member.ceremony_date)},
         {"official_date", DateJson(b.member.official_date)},
         {"card_number", b.member.card_number},
         {"from", {{"code", r.from_code}, {"name", r.from_name}, {"grassroots", b.from_grassroots}}},
         {"to",
          {{"code", r.to_branch_id.valid() ? Json(r.to_code) : Json(nullptr)},
           {"name", r.to_branch_id.valid() ? r.to_name : r.external_name},
           {"grassroots", b.to_grassroots}}},
         {"kind", r.state.kind == TransferKind::kOfficial ? "official" : "temporary"},
         {"scope", std::string(ScopeName(b))},
         {"scope_label", std::string(Text(ScopeLabel(b)))},
         {"fees_paid_to", r.state.letter ? Json(r.state.letter->fees_paid_to) : Json(nullptr)},
         {"state", std::string(TransferStateName(r.state.state))},
         {"state_label", std::string(Text(TransferStateLabel(r.state.state)))}});
  }
  Json incoming = Json::array();
  for (const auto& b : book.incoming) {
    const auto& r = b.row;
    incoming.push_back(
        {{"seq", b.seq},
         {"received_on", DateJson(StepDate(r.state, TransferStepKind::kRegistered))},
         {"number", r.state.letter ? Json(r.state.letter->number) : Json(nullptr)},
         {"issuer", b.issuer},
         {"case_id", r.id},
         {"member",
          {{"id", r.member_id.value}, {"full_name", r.member_name}, {"birth_date", DateJson(b.member.birth_date)}}},
         {"card_number", b.member.card_number},
         {"from", {{"code", r.from_code}, {"name", r.from_name}, {"grassroots", b.from_grassroots}}},
         {"to", {{"code", r.to_code}, {"name", r.to_name}, {"grassroots", b.to_grassroots}}},
         {"kind", r.state.kind == TransferKind::kOfficial ? "official" : "temporary"},
         {"scope_label", std::string(Text(ScopeLabel(b, true)))}});
  }
  return {{"org", {{"id", book.issuer.id.value}, {"code", book.issuer.code}, {"name", book.issuer.name}}},
          {"year", book.year},
          {"rows", std::move(rows)},
          {"incoming", std::move(incoming)}};
}

}  // namespace tcxd::app
