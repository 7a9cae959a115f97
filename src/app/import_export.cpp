// Members from and to spreadsheets: the service side of issue #4's import and export.
#include <algorithm>
#include <map>
#include <set>

#include "app/json_codec.h"
#include "app/org_names.h"
#include "app/service.h"
#include "domain/member_book.h"
#include "domain/photo.h"
#include "io/export.h"
#include "io/tabular.h"
#include "print/pdf_forms.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr int kExportPage = 1000;
constexpr int kProgressEvery = 1000;

// The caller standing for the command line: a system administrator.
Caller CommandLineCaller() {
  Caller c;
  c.account.role = Role::kAdmin;
  c.account.login = "(dòng lệnh)";
  return c;
}

std::string DayMonthYear(const std::optional<Date>& d) {
  if (!d) return {};
  return fmt::format("{:02}/{:02}/{:04}", d->day(), d->month(), d->year());
}

std::string IsoOrEmpty(const std::optional<Date>& d) {
  return d ? d->ToString() : std::string();
}

std::vector<io::ExportColumn> BookColumns() {
  const Msg headers[14] = {Msg::kBookCol1,  Msg::kBookCol2,  Msg::kBookCol3,  Msg::kBookCol4, Msg::kBookCol5,
                           Msg::kBookCol6,  Msg::kBookCol7,  Msg::kBookCol8,  Msg::kBookCol9, Msg::kBookCol10,
                           Msg::kBookCol11, Msg::kBookCol12, Msg::kBookCol13, Msg::kBookCol14};
  const double widths[14] = {6, 26, 14, 26, 22, 22, 14, 14, 12, 16, 16, 14, 16, 16};
  std::vector<io::ExportColumn> cols;
  cols.reserve(14);
  for (int i = 0; i < 14; ++i) cols.push_back(io::ExportColumn{std::string(Text(headers[i])), widths[i], false});
  return cols;
}

// The facts of the member book (domain/member_book.h) for a page of members of `org`'s subtree: the
// dossier in force today, and the transfers that brought them in from another organization or took them
// out of the tree. Two queries per page (dossiers, transfers with their steps).
class BookFactsReader final {
 public:
  BookFactsReader(store::Tx& tx, const Organization& org, Date today) : tx_(tx), org_(org), today_(today), names_(tx) {}

  Status Load(const std::vector<Member>& page) {
    dossiers_.clear();
    in_.clear();
    out_.clear();
    std::vector<MemberId> ids;
    ids.reserve(page.size());
    for (const auto& m : page) ids.push_back(m.id);
    for (const auto& row : tx_.DossiersInForce(ids, today_)) {
      auto d = StoredDossier(row.data_json);
      if (!d.ok()) return Error::Internal("stored dossier " + std::to_string(row.id) + " unreadable");
      dossiers_.emplace(row.member_id, std::move(*d));
    }
    // Newest first: the first case found of each kind is the member's last.
    for (const auto& c : tx_.TransferCasesOfMembers(ids)) {
      if (c.state.state != TransferState::kRegistered || c.state.kind != TransferKind::kOfficial) continue;
      const int64_t member = c.member_id.value;
      const bool from_here = InSubtree(c.from_path, org_.path);
      const bool to_here = c.to_branch_id.valid() && InSubtree(c.to_path, org_.path);
      if (!from_here && to_here && !in_.count(member)) {
        in_.emplace(member, BookTransfer{StepDay(c.state, TransferStepKind::kRegistered),
                                         BranchWithGrassroots(c.from_name, names_.Grassroots(c.from_path))});
      }
      if (from_here && !c.to_branch_id.valid() && !out_.count(member)) {
        out_.emplace(member, BookTransfer{StepDay(c.state, TransferStepKind::kLetter), c.external_name});
      }
    }
    return Status::Ok();
  }

  BookFacts For(const Member& m) const {
    BookFacts f;
    f.member = &m;
    if (auto it = dossiers_.find(m.id.value); it != dossiers_.end()) f.dossier = &it->second;
    if (auto it = in_.find(m.id.value); it != in_.end()) f.moved_in = it->second;
    // An external transfer marks the member transferred out on the letter's date (app/transfer.cpp).
    if (auto it = out_.find(m.id.value); it != out_.end() && m.status == MemberStatus::kTransferredOut) {
      f.moved_out = it->second;
    }
    return f;
  }

 private:
  // The step's date (a registered case has both); the last step's, for a case stored without it.
  static Date StepDay(const TransferCase& c, TransferStepKind kind) {
    return StepDate(c, kind).value_or(c.steps.empty() ? c.decision_effective : c.steps.back().date);
  }

  store::Tx& tx_;
  const Organization& org_;
  Date today_;
  OrgNames names_;
  std::map<int64_t, Dossier> dossiers_;
  std::map<int64_t, BookTransfer> in_;
  std::map<int64_t, BookTransfer> out_;
};

}  // namespace

std::string SafeFileName(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out.push_back(ok ? c : '-');
  }
  return out;
}

std::vector<io::ExportColumn> MemberListColumns() {
  std::vector<io::ExportColumn> cols;
  for (const auto& c : MemberImportColumns()) {
    double width = 14;
    if (c.field == "no") width = 6;
    if (c.field == "full_name" || c.field == "branch_name") width = 28;
    if (c.field == "hometown" || c.field == "residence") width = 34;
    if (c.field == "national_id") width = 16;
    cols.push_back(io::ExportColumn{std::string(Text(c.header)), width, c.date});
  }
  return cols;
}

std::vector<std::string> MemberListRow(int no, const Member& m, const BranchLabel& b) {
  std::vector<std::string> row;
  for (const auto& c : MemberImportColumns()) {
    const std::string_view f = c.field;
    std::string v;
    if (f == "no") v = std::to_string(no);
    if (f == "full_name") v = m.full_name;
    if (f == "gender") v = std::string(Text(GenderLabel(m.gender)));
    if (f == "birth_date") v = IsoOrEmpty(m.birth_date);
    if (f == "ethnicity") v = m.ethnicity;
    if (f == "religion") v = m.religion;
    if (f == "hometown") v = m.hometown;
    if (f == "residence") v = m.residence;
    if (f == "national_id") v = m.national_id;
    if (f == "admission_date") v = IsoOrEmpty(m.admission_date);
    if (f == "ceremony_date") v = IsoOrEmpty(m.ceremony_date);
    if (f == "official_date") v = IsoOrEmpty(m.official_date);
    if (f == "card_number") v = m.card_number;
    if (f == "cv_number") v = m.cv_number;
    if (f == "status") v = std::string(Text(MemberStatusLabel(m.status)));
    if (f == "left_on") v = IsoOrEmpty(m.left_on);
    if (f == "branch") v = b.code;
    if (f == "branch_name") v = b.name;
    row.push_back(std::move(v));
  }
  return row;
}

std::string ImportIssuesCsv(const std::vector<ImportIssue>& issues) {
  std::string out = "\xEF\xBB\xBF";
  out += io::CsvLine({std::string(Text(Msg::kImportReportRow)), std::string(Text(Msg::kImportReportColumn)),
                      std::string(Text(Msg::kImportReportValue)), std::string(Text(Msg::kImportReportMessage))});
  for (const auto& i : issues) out += io::CsvLine({std::to_string(i.row), i.column, i.value, i.message});
  return out;
}

Result<ImportReport> App::ImportMembers(const Caller* caller_in, OrgId org_id, std::string_view file,
                                        const ImportOptions& options) {
  const Caller caller = caller_in != nullptr ? *caller_in : CommandLineCaller();
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  auto table = io::ReadTable(file);
  if (!table.ok()) return table.error();

  ImportReport report;
  std::optional<CatalogMatcher> ethnicity;
  std::optional<CatalogMatcher> religion;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = tx.GetOrg(org_id);
    if (!org || !CanSeeOrg(caller.account, org->path)) return Error::Invalid("org", Msg::kOrgOutsideScope);
    if (!CanWriteMembers(caller.account, org->path)) return Error::Forbidden();
    report.org = *org;
    ethnicity.emplace(tx.ListCatalog("ethnicity"));
    religion.emplace(tx.ListCatalog("religion"));
    return Status::Ok();
  }));
  ImportContext ctx;
  ctx.rules = &rules_;
  ctx.today = Today();
  ctx.ethnicity = &*ethnicity;
  ctx.religion = &*religion;
  auto plan = PlanMemberImport(*table, ctx);
  if (!plan.ok()) return plan.error();
  report.plan = std::move(*plan);
  ImportPlan& p = report.plan;
  if (!HoldsMembers(report.org.kind) && !p.has_branch_column) {
    return Error::Invalid("file", Format(Msg::kImportNeedsBranchColumn, report.org.name));
  }

  // Checks that need the database: the branch of each row, numbers already held by stored members.
  // Run in the transaction that writes, so nothing can change between the check and the write.
  std::map<std::string, Organization> branches;  // by code (the target itself under "")
  auto check = [&](store::Tx& tx) {
    std::vector<ImportIssue> found;
    std::map<std::string, std::optional<Organization>> by_code;
    const auto& columns = MemberImportColumns();
    auto title = [&](std::string_view field) {
      for (const auto& c : columns) {
        if (c.field == field) return std::string(Text(c.header));
      }
      return std::string();
    };
    // The numbers already held, a few hundred per query.
    std::vector<std::string> ids;
    std::vector<std::string> cards;
    for (const auto& cand : p.valid) {
      if (!cand.member.national_id.empty()) ids.push_back(cand.member.national_id);
      if (!cand.member.card_number.empty()) cards.push_back(cand.member.card_number);
    }
    const std::set<std::string> ids_taken = tx.IdentifiersTaken("national_id", ids);
    const std::set<std::string> cards_taken = tx.IdentifiersTaken("card_number", cards);
    for (const auto& cand : p.valid) {
      const Organization* target = &report.org;
      if (!cand.branch.empty()) {
        auto it = by_code.find(cand.branch);
        if (it == by_code.end()) {
          auto o = tx.GetOrgByCode(cand.branch);
          if (o && !InSubtree(o->path, report.org.path)) o.reset();
          it = by_code.emplace(cand.branch, o).first;
        }
        if (!it->second) {
          found.push_back(
              {cand.row, title("branch"), "branch", cand.branch, Format(Msg::kImportUnknownBranch, cand.branch)});
          continue;
        }
        target = &*it->second;
      }
      if (!HoldsMembers(target->kind)) {
        found.push_back({cand.row, title("branch"), "branch", cand.branch,
                         Format(Msg::kImportNotBranch, target->code + " " + target->name)});
        continue;
      }
      if (target->dissolved_on && *target->dissolved_on <= ctx.today) {
        found.push_back({cand.row, title("branch"), "branch", cand.branch, std::string(Text(Msg::kOrgDissolved))});
        continue;
      }
      branches.emplace(cand.branch, *target);
      const Member& m = cand.member;
      if (!m.national_id.empty() && ids_taken.count(m.national_id) > 0) {
        found.push_back({cand.row, title("national_id"), "national_id", m.national_id,
                         std::string(Text(Msg::kImportDuplicateStored))});
      }
      if (!m.card_number.empty() && cards_taken.count(m.card_number) > 0) {
        found.push_back({cand.row, title("card_number"), "card_number", m.card_number,
                         std::string(Text(Msg::kImportDuplicateStored))});
      }
    }
    AddImportIssues(p, std::move(found));
  };

  if (options.dry_run) {
    TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
      check(tx);
      return Status::Ok();
    }));
    return report;
  }
  bool refused = false;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    // The batch's lock first: the numbers checked next stay free until the commit.
    tx.BeginInsertBatch();
    check(tx);
    if (p.bad_rows > 0 && !options.skip_invalid) {
      refused = true;
      return Error::Conflict("file", Format(Msg::kImportHasErrors, p.bad_rows, p.valid.size()));
    }
    if (p.valid.empty()) return Error::Invalid("file", Msg::kImportNothingValid);
    const int total = static_cast<int>(p.valid.size());
    int done = 0;
    // Inserted in name order, each after the previous one (Tx::InsertMember's rank cursor).
    std::vector<std::pair<std::string, ImportCandidate*>> order;
    order.reserve(p.valid.size());
    for (auto& cand : p.valid) order.emplace_back(text::NameSortKey(cand.member.full_name), &cand);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second < b.second;
    });
    int64_t rank_cursor = 0;
    for (auto& [key, cand_ptr] : order) {
      ImportCandidate& cand = *cand_ptr;
      const Organization& org = branches.at(cand.branch);
      Member& m = cand.member;
      m.org_id = org.id;
      auto id = tx.InsertMember(m, org, &rank_cursor);
      if (!id.ok()) return id.error();  // a race with another writer: nothing of the batch is kept
      auto e = Audit(&caller, "member.import", "member", m.id.value, org.path);
      e.after_json = MemberToJson(m).dump();
      e.note = fmt::format("row {}", cand.row);
      tx.AppendAudit(e);
      if (++done % kProgressEvery == 0 && options.progress) options.progress(done, total);
    }
    tx.EndInsertBatch();
    auto e = Audit(&caller, "member.import_batch", "org", report.org.id.value, report.org.path);
    e.note = fmt::format("{} imported, {} bad rows skipped", total, p.bad_rows);
    tx.AppendAudit(e);
    if (options.progress) options.progress(total, total);
    return Status::Ok();
  });
  if (refused) {
    report.refusal = s.error();
    return report;
  }
  if (!s.ok()) return s.error();
  report.applied = true;
  report.imported = static_cast<int>(p.valid.size());
  return report;
}

Result<CommuneImportReport> App::ImportCommunes(const Caller* caller_in, std::string_view file,
                                                const CommuneImportOptions& options) {
  const Caller caller = caller_in != nullptr ? *caller_in : CommandLineCaller();
  if (caller.account.role != Role::kAdmin) return Error::Forbidden();
  auto table = io::ReadTable(file);
  if (!table.ok()) return table.error();
  CommuneImportReport report;
  int last_sort = 0;  // of the stored entries: added ones are placed after them
  // Planned in the transaction that writes, so the comparison is with what is written over.
  auto plan = [&](store::Tx& tx) -> Status {
    const auto stored = tx.ListCatalog("commune");
    if (!stored.empty()) last_sort = stored.back().sort;
    auto p = PlanCommuneImport(*table, CatalogMatcher(tx.ListCatalog("province")), stored);
    if (!p.ok()) return p.error();
    report.plan = std::move(*p);
    return Status::Ok();
  };
  if (options.dry_run) {
    TCXD_RETURN_IF_ERROR(store_.Read(plan));
    return report;
  }
  bool refused = false;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    TCXD_RETURN_IF_ERROR(plan(tx));
    CommuneImportPlan& p = report.plan;
    if (p.bad_rows > 0) {
      refused = true;
      return Error::Conflict("file", Format(Msg::kCommuneHasErrors, p.bad_rows));
    }
    if (p.added.empty() && p.changed.empty() && (p.missing.empty() || !options.retire_missing)) {
      return Status::Ok();  // nothing to change
    }
    for (auto& e : p.added) {
      e.sort = ++last_sort;
      tx.InsertCatalogEntry(e);
    }
    for (const auto& e : p.changed) tx.UpdateCatalogEntry(e);
    int retired = 0;
    if (options.retire_missing) {
      for (auto e : p.missing) {
        e.retired = true;
        tx.UpdateCatalogEntry(e);
        ++retired;
      }
    }
    auto a = Audit(&caller, "catalog.import", "catalog", 0, "");
    a.note = fmt::format("commune: {} added, {} changed, {} unchanged, {} retired", p.added.size(), p.changed.size(),
                         p.unchanged, retired);
    tx.AppendAudit(a);
    return Status::Ok();
  });
  if (refused) {
    report.refusal = s.error();
    return report;
  }
  if (!s.ok()) return s.error();
  report.applied = true;
  return report;
}

Result<ExportFile> App::MemberFormPdf(const Caller* caller_in, MemberId id, const std::string& as_of, MemberForm form) {
  const Caller caller = caller_in != nullptr ? *caller_in : CommandLineCaller();
  auto view = GetDossier(caller, id, as_of);
  if (!view.ok()) return view.error();
  const Member& m = view->member;
  const Dossier d = view->version ? view->version->data : Dossier{};
  print::MemberSheet s;
  // The photo, and the heading: the member's organizations from the province down.
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    if (auto p = tx.GetMemberPhoto(m.id)) {
      s.photo = print::SheetPhoto{std::move(p->bytes), p->content_type == PhotoContentType(PhotoType::kPng), p->width,
                                  p->height};
    }
    auto branch = tx.GetOrg(m.org_id);
    if (!branch) return Status::Ok();
    for (OrgId oid : PathIds(branch->path)) {
      auto o = tx.GetOrg(oid);
      if (!o) continue;
      switch (o->kind) {
        case OrgKind::kProvincial:
          s.province_committee = o->name;
          break;
        case OrgKind::kBloc:
        case OrgKind::kCommune:
        case OrgKind::kDistrict:
          s.commune_committee = o->name;
          break;
        case OrgKind::kGrassroots:
        case OrgKind::kGrassrootsBranch:
          s.grassroots = o->name;
          break;
        case OrgKind::kSubCommittee:
          s.sub_committee = o->name;
          break;
        case OrgKind::kBranch:
          s.branch = o->name;
          break;
        case OrgKind::kCentral:
          break;
      }
    }
    return Status::Ok();
  }));
  s.cv_number = m.cv_number;
  s.card_number = m.card_number;
  s.full_name = m.full_name;
  s.gender = std::string(Text(GenderLabel(m.gender)));
  s.other_names = d.other_names;
  s.birth_date = m.birth_date;
  s.birth_place = d.birth_place;
  s.hometown = m.hometown;
  s.permanent_residence = m.residence;
  s.ethnicity = m.ethnicity;
  s.religion = m.religion;
  s.occupation = d.occupation;
  s.ceremony_date = m.ceremony_date;
  s.ceremony_branch = view->branch.name;
  for (size_t i = 0; i < d.introducers.size() && i < 2; ++i) {
    const auto& x = d.introducers[i];
    s.introducers[i] = print::Introducer{x.full_name, JoinLines({x.position, x.organization})};
  }
  s.admission_decision_date = m.admission_date;
  s.official_date = m.official_date;
  s.general_education = d.general_education;
  for (const auto& q : d.qualifications) {
    const std::string line = q.level + (q.field.empty() ? "" : " " + q.field);
    s.professional_qualification += (s.professional_qualification.empty() ? "" : "; ") + line;
    s.training.push_back(print::TrainingCourse{q.institution, q.field, std::nullopt,
                                               q.year ? Date::Make(*q.year, 1, 1) : std::nullopt, "", q.level});
  }
  s.academic_title = d.academic_title;
  s.political_theory = d.political_theory;
  s.foreign_languages = d.languages;
  s.it_skills = d.it_level;
  s.health = d.health;
  s.enlistment_date = d.enlisted_on;
  s.discharge_date = d.discharged_on;
  s.national_id = m.national_id;
  if (m.status == MemberStatus::kExempt) s.exempt_since = m.left_on;
  for (const auto& w : d.work_history) {
    s.work_history.push_back(print::WorkPeriod{w.from, w.to, JoinLines({w.position, w.place})});
  }
  s.awards = d.awards;
  for (const auto& b : d.badges) {
    s.party_badges += (s.party_badges.empty() ? "" : "; ") + std::to_string(b.years) + " năm" +
                      (b.awarded_on ? " (" + DayMonthYear(b.awarded_on) + ")" : "");
  }
  s.discipline = d.discipline;
  for (const auto& r : d.family) {
    s.family.push_back(print::Relative{r.relation, r.full_name, r.birth_year ? std::to_string(*r.birth_year) : "",
                                       JoinLines({r.occupation, r.residence})});
  }
  const bool cv = form == MemberForm::kCv;
  auto pdf = cv ? print::MemberCvPdf(s) : print::MemberSheetPdf(s);
  if (!pdf.ok()) return pdf.error();
  return ExportFile{std::move(*pdf), fmt::format("{}-{}.pdf", cv ? "ly-lich-dang-vien" : "phieu-dang-vien", m.id.value),
                    "application/pdf", 1};
}

Result<ExportFile> App::ImportTemplate() {
  auto w = io::XlsxWriter::Create(std::string(Text(Msg::kExportSheetMembers)), MemberListColumns());
  if (!w.ok()) return w.error();
  auto bytes = (*w)->Finish();
  if (!bytes.ok()) return bytes.error();
  return ExportFile{std::move(*bytes), "mau-nhap-dang-vien.xlsx", io::kXlsxContentType, 0};
}

Result<ExportFile> App::ExportMembers(const Caller* caller_in, const ExportRequest& request) {
  const Caller caller = caller_in != nullptr ? *caller_in : CommandLineCaller();
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  const std::string format = request.format.empty() ? "xlsx" : request.format;
  const std::string layout = request.layout.empty() ? "list" : request.layout;
  FieldErrors errors;
  if (format != "xlsx" && format != "csv" && format != "pdf") errors.Add("format", Msg::kExportBadFormat);
  if (layout != "list" && layout != "book") errors.Add("layout", Msg::kExportBadLayout);
  if (format == "pdf" && layout == "book") errors.Add("layout", Msg::kExportBadLayout);
  if (!errors.empty()) return errors.ToError();
  MemberListParams filter = request.filter;
  filter.limit.clear();
  filter.cursor.clear();
  int64_t org_id = 0;
  auto parsed = ParseMemberList(caller, filter, org_id);
  if (!parsed.ok()) return parsed.error();
  store::MemberQuery q = std::move(*parsed);
  q.limit = kExportPage;

  const bool book = layout == "book";
  const auto columns = book ? BookColumns() : MemberListColumns();
  std::unique_ptr<io::XlsxWriter> xlsx;
  std::string csv;
  std::vector<print::MemberListLine> printed;
  std::string print_title;
  ExportFile out;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto org = org_id > 0 ? tx.GetOrg(OrgId(org_id)) : std::nullopt;
    visible = org && CanSeeOrg(caller.account, org->path);
    if (!visible) return Status::Ok();
    q.subtree = *org;
    const std::string title = book ? Format(Msg::kBookTitle, org->name) : std::string();
    if (format == "xlsx") {
      auto w = io::XlsxWriter::Create(std::string(Text(book ? Msg::kExportSheetBook : Msg::kExportSheetMembers)),
                                      columns, title);
      if (!w.ok()) return w.error();
      xlsx = std::move(*w);
    } else if (format == "pdf") {
      print_title = Format(Msg::kListPdfTitle, org->name);
    } else {
      csv = "\xEF\xBB\xBF";  // Excel opens UTF-8 CSV correctly only with the byte order mark
      std::vector<std::string> headers;
      headers.reserve(columns.size());
      for (const auto& c : columns) headers.push_back(c.header);
      csv += io::CsvLine(headers);
    }
    std::map<int64_t, BranchLabel> labels;
    BookFactsReader book_facts(tx, *org, Today());
    int no = 0;
    for (;;) {
      auto page = tx.ListMembers(q);
      if (book) TCXD_RETURN_IF_ERROR(book_facts.Load(page.items));
      for (const auto& m : page.items) {
        auto it = labels.find(m.org_id.value);
        if (it == labels.end()) {
          auto b = tx.GetOrg(m.org_id);
          it = labels.emplace(m.org_id.value, b ? BranchLabel{b->code, b->name} : BranchLabel{}).first;
        }
        ++no;
        if (format == "pdf") {
          printed.push_back(print::MemberListLine{m.full_name, std::string(Text(GenderLabel(m.gender))), m.birth_date,
                                                  m.ceremony_date, m.official_date, m.card_number, it->second.name});
          continue;
        }
        auto row = book ? MemberBookLine(no, book_facts.For(m)) : MemberListRow(no, m, it->second);
        if (xlsx) {
          xlsx->AddRow(row);
        } else {
          csv += io::CsvLine(row);
        }
      }
      if (!page.next) break;
      q.after_rank = *page.next;
    }
    out.rows = no;
    out.filename = fmt::format("{}-{}-{}.{}", book ? "so-danh-sach-dang-vien" : "dang-vien", SafeFileName(org->code),
                               Today().ToString(), format);
    // An export reads many dossiers at once: it goes to the access log like a read.
    auto e = Audit(&caller, "member.export", "org", org->id.value, org->path);
    e.note = fmt::format("{} rows, layout {}, format {}", no, layout, format);
    BufferReadAudit(std::move(e));
    return Status::Ok();
  }));
  if (!visible) return Error::Invalid("org", Msg::kOrgOutsideScope);
  if (xlsx) {
    auto bytes = xlsx->Finish();
    if (!bytes.ok()) return bytes.error();
    out.bytes = std::move(*bytes);
    out.content_type = io::kXlsxContentType;
  } else if (format == "pdf") {
    auto pdf = print::MemberListPdf(print_title, printed);
    if (!pdf.ok()) return pdf.error();
    out.bytes = std::move(*pdf);
    out.content_type = "application/pdf";
  } else {
    out.bytes = std::move(csv);
    out.content_type = "text/csv; charset=utf-8";
  }
  return out;
}

}  // namespace tcxd::app
