// The documents made from templates (docs/decisions/0011-document-templates.md): each kind's key, title,
// declared fields (a template may use these and no others) and built-in template (templates/<key>.tpl,
// compiled into the binary). Pure data: no HTTP, no SQL.
#pragma once

#include <string_view>
#include <vector>

#include "i18n/messages.h"
#include "print/doc_template.h"

namespace tcxd::print {

struct DocKind {
  std::string_view key;  // "rating_member", ...; also the file name of the built-in template
  Msg label;
  std::vector<FieldSpec> fields;
  std::string_view builtin;  // the built-in template's text
};

// Every kind, in the order the template list shows them. Thread-safe (built once).
const std::vector<DocKind>& DocKinds();
// The kind of `key`, or nullptr.
const DocKind* FindDocKind(std::string_view key);

// The admission documents, with the step each one records.
inline constexpr std::string_view kDocAdmissionBranchResolution = "admission_branch_resolution";
inline constexpr std::string_view kDocAdmissionCommitteeResolution = "admission_committee_resolution";
inline constexpr std::string_view kDocAdmissionDecision = "admission_decision";
inline constexpr std::string_view kDocAdmissionCeremony = "admission_ceremony";
inline constexpr std::string_view kDocRatingMember = "rating_member";
inline constexpr std::string_view kDocRatingReport = "rating_report";

}  // namespace tcxd::print
