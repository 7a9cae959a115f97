// Documents from templates (issue #6 item 6, issue #5 item 7; docs/decisions/0011-document-templates.md):
// the administrators' templates (list, read, save a version, reset, preview) and the documents of a rating
// and of an admission case, rendered as PDF or DOCX. The values come from the same reads as the screens.
#include <charconv>

#include "app/json_fields.h"
#include "app/service.h"
#include "print/doc_template.h"
#include "print/docx.h"
#include "print/pdf_forms.h"
#include "text/unicode.h"

namespace tcxd::app {
namespace {

constexpr size_t kMaxTemplateChars = 100000;
constexpr int kHistoryShown = 20;

using print::DocKind;
using print::Record;

Result<std::string> DocFormat(const std::string& format) {
  if (format.empty() || format == "pdf") return std::string("pdf");
  if (format == "docx") return std::string("docx");
  return Error::Invalid("format", Msg::kTemplateBadFormat);
}

std::string DateText(const std::optional<Date>& d) {
  return d ? VnDate(*d) : std::string();
}

// "20.00" as Vietnamese documents write it: "20,00".
std::string VnNumber(std::string s) {
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

// "Năm 2026" or "Quý 3 năm 2026".
std::string PeriodText(int year, int quarter) {
  return quarter > 0 ? Format(Msg::kDocPeriodQuarter, quarter, year) : Format(Msg::kDocPeriodYear, year);
}

std::string LevelText(const std::optional<RatingLevel>& l) {
  return l ? std::string(Text(RatingLevelLabel(*l))) : std::string();
}

Json FieldsToJson(const std::vector<print::FieldSpec>& fields) {
  Json out = Json::array();
  for (const auto& f : fields) {
    Json j = {{"name", f.name}, {"label", std::string(Text(f.label))}, {"list", f.list}};
    if (f.list) j["items"] = FieldsToJson(f.items);
    out.push_back(std::move(j));
  }
  return out;
}

void AddLevels(Record& r, const std::string& name, const RatingSummary& s) {
  auto& rows = r.lists[name];
  for (const auto& l : s.levels) {
    Record row;
    row.text["label"] = std::string(Text(RatingLevelLabel(l.level)));
    row.text["count"] = std::to_string(l.count);
    row.text["percent"] = VnNumber(l.percent);
    rows.push_back(std::move(row));
  }
}

std::string AsciiName(std::string_view key) {
  std::string s(key);
  for (char& c : s) {
    if (c == '_') c = '-';
  }
  return s;
}

}  // namespace

Json DocTemplateToJson(const DocTemplateView& v, bool full) {
  Json j = {{"key", std::string(v.kind->key)},
            {"label", std::string(Text(v.kind->label))},
            {"customized", v.customized},
            {"saved_by", v.saved_by},
            {"saved_at_ms", v.saved_at_ms}};
  if (!full) return j;
  j["text"] = v.text;
  j["default_text"] = std::string(v.kind->builtin);
  j["fields"] = FieldsToJson(v.kind->fields);
  Json history = Json::array();
  for (const auto& h : v.history) {
    history.push_back({{"id", h.id}, {"reset", h.reset}, {"saved_by", h.saved_by}, {"saved_at_ms", h.saved_at_ms}});
  }
  j["history"] = std::move(history);
  return j;
}

Result<DocTemplateView> App::LoadDocTemplate(store::Tx& tx, const DocKind& kind, bool with_history) {
  DocTemplateView v;
  v.kind = &kind;
  v.text = std::string(kind.builtin);
  if (auto latest = tx.LatestDocTemplate(kind.key)) {
    v.saved_by = latest->saved_by;
    v.saved_at_ms = latest->saved_at_ms;
    if (!latest->reset) {
      v.text = latest->text;
      v.customized = true;
    }
  }
  if (with_history) v.history = tx.DocTemplateHistory(kind.key, kHistoryShown);
  return v;
}

Result<std::vector<DocTemplateView>> App::ListDocTemplates(const Caller& caller) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  std::vector<DocTemplateView> out;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    for (const auto& k : print::DocKinds()) {
      auto v = LoadDocTemplate(tx, k, false);
      if (!v.ok()) return v.error();
      out.push_back(std::move(*v));
    }
    return Status::Ok();
  }));
  return out;
}

Result<DocTemplateView> App::GetDocTemplate(const Caller& caller, const std::string& key) {
  if (caller.account.role == Role::kMember) return Error::Forbidden();
  const DocKind* kind = print::FindDocKind(key);
  if (kind == nullptr) return Error::NotFound();
  Result<DocTemplateView> out = Error::NotFound();
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    out = LoadDocTemplate(tx, *kind, true);
    return Status::Ok();
  }));
  return out;
}

namespace {

// The "text" of a template body, parsed against the kind's fields.
Result<std::string> TemplateText(const Json& body, const DocKind& kind) {
  if (!body.is_object()) return Error::Malformed("body", Msg::kExpectedObject);
  for (const auto& [k, v] : body.items()) {
    if (k != "text") return Error::Invalid(k, Msg::kUnknownField);
  }
  auto it = body.find("text");
  if (it == body.end()) return Error::Invalid("text", Msg::kRequired);
  if (!it->is_string()) return Error::Invalid("text", Msg::kWrongType);
  const std::string raw = it->get<std::string>();
  if (!text::IsValidUtf8(raw)) return Error::Invalid("text", Msg::kNotUtf8);
  std::string text = text::Nfc(raw);
  if (text::CodePointCount(text) > kMaxTemplateChars) {
    return Error::Invalid("text", Format(Msg::kTooLong, kMaxTemplateChars));
  }
  auto parsed = print::Template::Parse(text, kind.fields);
  if (!parsed.ok()) return parsed.error();
  return text;
}

}  // namespace

Result<DocTemplateView> App::SaveDocTemplate(const Caller& caller, const std::string& key, const Json& body) {
  if (caller.account.role != Role::kAdmin) return Error::Forbidden();
  const DocKind* kind = print::FindDocKind(key);
  if (kind == nullptr) return Error::NotFound();
  auto text = TemplateText(body, *kind);
  if (!text.ok()) return text.error();
  Result<DocTemplateView> out = Error::NotFound();
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    store::DocTemplateVersion v;
    v.key = std::string(kind->key);
    v.text = *text;
    v.saved_by = caller.account.login;
    v.saved_at_ms = clock_();
    tx.InsertDocTemplate(v);
    auto a = Audit(&caller, "doc_template.save", "doc_template", v.id, "");
    a.note = v.key;
    a.after_json = Json{{"text", v.text}}.dump();
    tx.AppendAudit(a);
    out = LoadDocTemplate(tx, *kind, true);
    return Status::Ok();
  }));
  return out;
}

Result<DocTemplateView> App::ResetDocTemplate(const Caller& caller, const std::string& key) {
  if (caller.account.role != Role::kAdmin) return Error::Forbidden();
  const DocKind* kind = print::FindDocKind(key);
  if (kind == nullptr) return Error::NotFound();
  Result<DocTemplateView> out = Error::NotFound();
  TCXD_RETURN_IF_ERROR(store_.Write([&](store::Tx& tx) -> Status {
    auto latest = tx.LatestDocTemplate(kind->key);
    if (!latest || latest->reset) return Error::Conflict("key", Msg::kTemplateIsDefault);
    store::DocTemplateVersion v;
    v.key = std::string(kind->key);
    v.reset = true;
    v.saved_by = caller.account.login;
    v.saved_at_ms = clock_();
    tx.InsertDocTemplate(v);
    auto a = Audit(&caller, "doc_template.reset", "doc_template", v.id, "");
    a.note = v.key;
    a.before_json = Json{{"text", latest->text}}.dump();
    tx.AppendAudit(a);
    out = LoadDocTemplate(tx, *kind, true);
    return Status::Ok();
  }));
  return out;
}

namespace {

Result<ExportFile> Rendered(const print::Template& t, const Record& values, const std::string& name,
                            const std::string& format) {
  const print::Document doc = t.Render(values);
  ExportFile f;
  if (format == "docx") {
    auto bytes = print::DocumentDocx(doc);
    if (!bytes.ok()) return bytes.error();
    f.bytes = std::move(*bytes);
    f.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  } else {
    auto bytes = print::DocumentPdf(doc);
    if (!bytes.ok()) return bytes.error();
    f.bytes = std::move(*bytes);
    f.content_type = "application/pdf";
  }
  f.filename = SafeFileName(name) + "." + format;
  return f;
}

}  // namespace

Result<ExportFile> App::PreviewDocTemplate(const Caller& caller, const std::string& key, const Json& body,
                                           const std::string& format) {
  if (caller.account.role != Role::kAdmin) return Error::Forbidden();
  const DocKind* kind = print::FindDocKind(key);
  if (kind == nullptr) return Error::NotFound();
  auto fmt = DocFormat(format);
  if (!fmt.ok()) return fmt.error();
  std::string text;
  if (body.is_object() && body.contains("text")) {
    auto t = TemplateText(body, *kind);
    if (!t.ok()) return t.error();
    text = std::move(*t);
  } else {
    auto v = GetDocTemplate(caller, key);
    if (!v.ok()) return v.error();
    text = v->text;
  }
  auto parsed = print::Template::Parse(text, kind->fields);
  if (!parsed.ok()) return parsed.error();
  return Rendered(*parsed, print::SampleRecord(kind->fields), "mau-" + AsciiName(kind->key), *fmt);
}

Result<ExportFile> App::RenderDocument(const DocKind& kind, const Record& values, const std::string& name,
                                       const std::string& format) {
  auto fmt = DocFormat(format);
  if (!fmt.ok()) return fmt.error();
  std::string text;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto v = LoadDocTemplate(tx, kind, false);
    if (!v.ok()) return v.error();
    text = std::move(v->text);
    return Status::Ok();
  }));
  auto parsed = print::Template::Parse(text, kind.fields);
  if (!parsed.ok()) {
    // A stored version was checked when saved; only a change of the declared fields can break it. Fall
    // back to the built-in template rather than refuse the document.
    parsed = print::Template::Parse(kind.builtin, kind.fields);
    if (!parsed.ok()) return Error::Internal("built-in template " + std::string(kind.key) + " does not parse");
  }
  return Rendered(*parsed, values, name, *fmt);
}

// ---------------------------------------------------------------------------------------------------------
// Rating documents

Result<ExportFile> App::RatingMemberDocument(const Caller& caller, int64_t id, MemberId member,
                                             const std::string& format) {
  TCXD_RETURN_IF_ERROR(DocFormat(format));
  Record r;
  std::string name;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    auto c = tx.GetRatingCampaign(id);
    if (!c) return Error::NotFound();
    auto m = tx.GetMember(member);
    if (!m) return Error::NotFound();
    auto branch = tx.GetOrg(m->org_id);
    auto campaign_org = tx.GetOrg(c->org_id);
    if (!branch || !campaign_org || !CanSeeMember(caller.account, m->id, branch->path)) return Error::NotFound();
    if (!InSubtree(branch->path, campaign_org->path)) return Error::Invalid("org", Msg::kRatingOrgOutside);
    const auto row = tx.GetMemberRating(c->period.year, c->period.quarter, member);
    std::optional<Organization> parent;
    if (branch->parent_id.valid()) parent = tx.GetOrg(branch->parent_id);
    r.text["org_parent"] = parent ? parent->name : std::string();
    r.text["org"] = branch->name;
    r.text["branch"] = branch->name;
    r.text["year"] = std::to_string(c->period.year);
    r.text["period"] = PeriodText(c->period.year, c->period.quarter);
    r.text["full_name"] = m->full_name;
    r.text["birth_date"] = DateText(m->birth_date);
    r.text["date"] = VnDate(c->period.rating_date);
    auto scale = LoadScoreScale(RatedKind::kMember, rules_, c->period.rating_date);
    if (!scale.ok()) return scale.error();
    r.text["max_total"] = std::to_string(scale->total);
    std::vector<int> scores;
    if (row) {
      r.text["role"] = std::string(Text(RatingRoleLabel(row->role)));
      if (!row->assessment_json.empty()) scores = StoredAssessment(row->assessment_json).scores;
      if (row->self_total) r.text["total"] = std::to_string(*row->self_total);
      r.text["self_level"] = LevelText(row->derived_level);
      r.text["proposed_level"] = LevelText(row->proposed_level);
      r.text["proposal_note"] = row->proposal_note;
      r.text["level"] = LevelText(row->level);
      r.text["override_reason"] = row->override_reason;
      r.text["downgraded_from"] = LevelText(row->downgraded_from);
      r.text["downgrade_reason"] = row->downgrade_reason;
      if (row->not_rated) {
        r.text["not_rated"] = std::string(Text(NotRatedReasonLabel(*row->not_rated)));
        if (!row->not_rated_detail.empty()) r.text["not_rated"] += ": " + row->not_rated_detail;
      }
    }
    auto& criteria = r.lists["criteria"];
    for (size_t i = 0; i < scale->criteria.size(); ++i) {
      Record item;
      item.text["label"] = scale->criteria[i].label;
      item.text["max"] = std::to_string(scale->criteria[i].max_points);
      if (i < scores.size()) item.text["score"] = std::to_string(scores[i]);
      criteria.push_back(std::move(item));
    }
    name = "danh-gia-" + std::to_string(c->period.year) + "-" + std::to_string(member.value);
    return Status::Ok();
  }));
  return RenderDocument(*print::FindDocKind(print::kDocRatingMember), r, name, format);
}

Result<ExportFile> App::RatingReportDocument(const Caller& caller, OrgId org, const std::string& year,
                                             const std::string& quarter, const std::string& format) {
  TCXD_RETURN_IF_ERROR(DocFormat(format));
  auto report = GetRatingReport(caller, org, year, quarter);
  if (!report.ok()) return report.error();
  const RatingReport& rep = *report;
  Record r;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    if (rep.org.parent_id.valid()) {
      if (auto parent = tx.GetOrg(rep.org.parent_id)) r.text["org_parent"] = parent->name;
    }
    return Status::Ok();
  }));
  r.text["org"] = rep.org.name;
  r.text["year"] = std::to_string(rep.year);
  r.text["period"] = PeriodText(rep.year, rep.quarter);
  r.text["date"] = VnDate(Today());
  const RatingSummary& s = rep.members;
  r.text["on_rating_date"] = std::to_string(s.on_rating_date);
  r.text["rated"] = std::to_string(s.rated);
  r.text["rated_percent"] = VnNumber(s.rated_percent);
  r.text["not_rated_count"] = std::to_string(s.not_rated);
  r.text["pending"] = std::to_string(s.pending);
  AddLevels(r, "levels", s);
  for (const auto& n : s.reasons) {
    Record row;
    row.text["label"] = std::string(Text(NotRatedReasonLabel(n.reason)));
    row.text["count"] = std::to_string(n.count);
    row.text["percent"] = VnNumber(n.percent);
    r.lists["reasons"].push_back(std::move(row));
  }
  auto& units = r.lists["units"];
  for (const auto& u : rep.units) {
    Record row;
    row.text["name"] = u.unit.name;
    row.text["on_rating_date"] = std::to_string(u.members.on_rating_date);
    row.text["rated"] = std::to_string(u.members.rated);
    const char* keys[] = {"excellent", "good", "completed", "not_completed"};
    for (const auto& l : u.members.levels) row.text[keys[static_cast<int>(l.level)]] = std::to_string(l.count);
    units.push_back(std::move(row));
  }
  r.text["orgs_on_rating_date"] = std::to_string(rep.orgs.on_rating_date);
  r.text["orgs_rated"] = std::to_string(rep.orgs.rated);
  AddLevels(r, "org_levels", rep.orgs);
  return RenderDocument(*print::FindDocKind(print::kDocRatingReport), r,
                        "bao-cao-xep-loai-" + rep.org.code + "-" + std::to_string(rep.year), format);
}

// ---------------------------------------------------------------------------------------------------------
// Admission documents

namespace {

struct AdmissionDoc {
  std::string_view route;  // the :kind of the route
  std::string_view key;    // the template
  StepKind step;           // the step the document records
};

constexpr AdmissionDoc kAdmissionDocs[] = {
    {"branch_resolution", print::kDocAdmissionBranchResolution, StepKind::kBranchVote},
    {"committee_resolution", print::kDocAdmissionCommitteeResolution, StepKind::kGrassrootsVote},
    {"decision", print::kDocAdmissionDecision, StepKind::kDecision},
    {"ceremony", print::kDocAdmissionCeremony, StepKind::kCeremony},
};

void StepFields(Record& r, const AdmissionCase& c, StepKind kind, const char* date_key, const char* number_key) {
  if (const AdmissionStep* s = FindStep(c, kind)) {
    r.text[date_key] = VnDate(s->date);
    r.text[number_key] = s->document_number;
  }
}

}  // namespace

Result<ExportFile> App::AdmissionDocument(const Caller& caller, int64_t id, const std::string& kind,
                                          const std::string& format) {
  const AdmissionDoc* doc = nullptr;
  for (const auto& d : kAdmissionDocs) {
    if (d.route == kind) doc = &d;
  }
  if (doc == nullptr) return Error::NotFound();
  TCXD_RETURN_IF_ERROR(DocFormat(format));
  auto view = GetAdmissionCase(caller, id);
  if (!view.ok()) return view.error();
  const store::AdmissionCaseRow& row = view->row;
  const AdmissionCase& c = row.state;
  Record r;
  r.text["branch"] = row.branch_name;
  r.text["grassroots"] = view->office ? view->office->name : row.branch_name;
  r.text["competent"] = view->competent.name;
  r.text["full_name"] = c.candidate.full_name;
  r.text["gender"] = std::string(Text(GenderLabel(row.gender)));
  r.text["birth_date"] = DateText(c.candidate.birth_date);
  r.text["ethnicity"] = row.ethnicity;
  r.text["religion"] = row.religion;
  r.text["application_date"] = DateText(row.application_date);
  for (const auto& i : c.candidate.introducers) {
    Record item;
    item.text["name"] = i.name;
    r.lists["introducers"].push_back(std::move(item));
  }
  StepFields(r, c, StepKind::kBranchVote, "branch_vote_date", "branch_vote_number");
  StepFields(r, c, StepKind::kGrassrootsVote, "committee_vote_date", "committee_vote_number");
  StepFields(r, c, StepKind::kDecision, "decision_date", "decision_number");
  if (const AdmissionStep* s = FindStep(c, StepKind::kCeremony)) r.text["ceremony_date"] = VnDate(s->date);
  if (c.decision_date) {
    auto official = OfficialDate(*c.decision_date, rules_);
    if (official.ok()) r.text["official_date"] = VnDate(*official);
  }
  // The issuing organization and the document's own date, number and votes.
  std::string issuer_path = row.branch_path;
  r.text["org"] = row.branch_name;
  if (doc->step == StepKind::kGrassrootsVote) {
    r.text["org"] = r.text["grassroots"];
    if (view->office) issuer_path = view->office->path;
  } else if (doc->step == StepKind::kDecision) {
    r.text["org"] = view->competent.name;
    issuer_path = view->competent.path;
  }
  if (const AdmissionStep* s = FindStep(c, doc->step)) {
    r.text["date"] = VnDate(s->date);
    r.text["number"] = s->document_number;
    if (s->votes) {
      r.text["votes_for"] = std::to_string(s->votes->yes);
      r.text["votes_against"] = std::to_string(s->votes->no);
      r.text["entitled"] = std::to_string(s->votes->entitled);
      if (s->votes->entitled > 0) {
        r.text["votes_percent"] = VnNumber(Percent(s->votes->yes, s->votes->entitled));
      }
    }
  }
  // The committee above the issuer, for the heading.
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) -> Status {
    const std::vector<OrgId> ids = PathIds(issuer_path);
    if (ids.size() >= 2) {
      if (auto parent = tx.GetOrg(ids[ids.size() - 2])) r.text["org_parent"] = parent->name;
    }
    return Status::Ok();
  }));
  return RenderDocument(*print::FindDocKind(doc->key), r, AsciiName(doc->key) + "-" + std::to_string(row.id), format);
}

}  // namespace tcxd::app
