// Document template versions (migration 14; docs/decisions/0011-document-templates.md).
#include <string>

#include "store/store.h"

namespace tcxd::store {
namespace {

constexpr const char* kCols = "id, doc_key, body, is_reset, saved_by, saved_at_ms";

DocTemplateVersion VersionFromRow(const Row& r) {
  DocTemplateVersion v;
  v.id = r.Int(0);
  v.key = r.Text(1);
  v.text = r.Text(2);
  v.reset = r.Int(3) != 0;
  v.saved_by = r.Text(4);
  v.saved_at_ms = r.Int(5);
  return v;
}

}  // namespace

std::optional<DocTemplateVersion> Tx::LatestDocTemplate(std::string_view key) {
  std::optional<DocTemplateVersion> out;
  c_.Query(std::string("SELECT ") + kCols + " FROM doc_templates WHERE doc_key = ? ORDER BY id DESC LIMIT 1",
           {std::string(key)}, [&](const Row& r) {
             out = VersionFromRow(r);
             return false;
           });
  return out;
}

std::vector<DocTemplateVersion> Tx::DocTemplateHistory(std::string_view key, int limit) {
  std::vector<DocTemplateVersion> out;
  c_.Query(std::string("SELECT ") + kCols + " FROM doc_templates WHERE doc_key = ? ORDER BY id DESC LIMIT ?",
           {std::string(key), int64_t{limit}}, [&](const Row& r) {
             out.push_back(VersionFromRow(r));
             return true;
           });
  return out;
}

void Tx::InsertDocTemplate(DocTemplateVersion& v) {
  c_.Query(
      "INSERT INTO doc_templates(doc_key, body, is_reset, saved_by, saved_at_ms) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {v.key, v.text, int64_t{v.reset ? 1 : 0}, v.saved_by, v.saved_at_ms}, [&](const Row& r) {
        v.id = r.Int(0);
        return false;
      });
}

}  // namespace tcxd::store
