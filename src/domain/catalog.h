// Catalogs (danh mục): coded lists such as ethnic groups, religions, education levels and provinces
// (rules-2 "Biểu 4-TCTW": ethnicity as the 54-code list plus "other", religion as a code list).
// The built-in entries come from the files in catalogs/; administrators add entries, and retire entries
// rather than delete them once they are in use. Pure domain: parsing, matching, validation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "i18n/messages.h"

namespace tcxd {

struct CatalogEntry {
  std::string catalog;               // "ethnicity", "religion", ...
  std::string code;                  // unique within the catalog
  std::string name;                  // NFC, the form stored in records
  std::vector<std::string> aliases;  // other spellings accepted on input ("Khmer" for "Khơ-me")
  std::string successor;             // code of the entry that replaced this one (province_pre2025 -> province)
  int sort = 0;                      // display order
  bool builtin = false;              // from catalogs/*.csv
  bool retired = false;              // kept for history; not offered nor accepted for new values
  std::string parent;                // code of the entry it belongs to in the parent catalog (commune -> province)
};

struct CatalogKind {
  std::string_view name;  // "ethnicity"
  Msg label;              // Vietnamese title, "Dân tộc"
  // The member field whose values come from this catalog ("" = none yet); used for "in use" checks.
  std::string_view member_field;
  // The catalog whose code `parent` names ("province" for communes; "" = entries have no parent).
  std::string_view parent_kind = {};
};

// The catalogs the system knows, in display order.
const std::vector<CatalogKind>& CatalogKinds();
const CatalogKind* FindCatalogKind(std::string_view name);

// The built-in entries of a catalog, from catalogs/<name>.csv compiled into the binary (empty when the
// catalog has no file). Throws std::runtime_error when a compiled-in file is malformed (a build error).
std::vector<CatalogEntry> BuiltinCatalog(std::string_view name);

// Parses a catalog file: '#' comment lines, then "code,name,aliases[,successor]" with aliases separated
// by '|'. Returns kInvalid naming the line ("line 7") when a line is malformed or a code repeats.
Result<std::vector<CatalogEntry>> ParseCatalogCsv(std::string_view catalog, std::string_view text);

// The key two spellings are compared by: no diacritics, đ = d, lower case, letters and digits only
// ("Ê-đê", "Ê Đê" and "ede" share "ede").
std::string CatalogMatchKey(std::string_view s);

// Looks values up in one catalog by code, name or alias, without diacritics.
class CatalogMatcher {
 public:
  explicit CatalogMatcher(std::vector<CatalogEntry> entries);
  // The active entry that `value` names, or nullptr. Retired entries are found only with `include_retired`.
  const CatalogEntry* Find(std::string_view value, bool include_retired = false) const;
  const std::vector<CatalogEntry>& entries() const { return entries_; }

 private:
  std::vector<CatalogEntry> entries_;
  struct Key {
    std::string key;  // CatalogMatchKey of a name, alias or code
    int rank;         // 0 name, 1 alias, 2 code: the order in which equal keys are tried
    size_t index;     // into entries_
    bool operator<(const Key& o) const { return std::tie(key, rank, index) < std::tie(o.key, o.rank, o.index); }
  };
  std::vector<Key> keys_;  // sorted
};

// Checks an entry an administrator adds: code of 1–20 letters, digits, '-', '_' or '.', name of 1–200
// characters, a name and aliases that match no code, name or alias of another entry with the same parent
// (two provinces may each have a "xã Tân Thành"). Fields are named "code", "name", "aliases".
Status ValidateNewCatalogEntry(const CatalogEntry& e, const std::vector<CatalogEntry>& existing);

}  // namespace tcxd
