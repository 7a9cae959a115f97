// Unicode for Vietnamese names: NFC storage, diacritic-free search keys, Vietnamese sort keys.
// All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tcxd::text {

bool IsValidUtf8(std::string_view s);
// Number of code points. REQUIRES: IsValidUtf8(s).
size_t CodePointCount(std::string_view s);

// NFC form of valid UTF-8 text.
std::string Nfc(std::string_view s);

// NFC, trimmed, runs of white space folded to one space.
std::string CleanText(std::string_view s);

// Search form: lower case, no diacritics, đ/Đ -> d, NFC input or not.
// "Nguyễn Văn Đức" -> "nguyen van duc". Non-Latin letters are kept (lower-cased).
std::string Fold(std::string_view s);

// The words of a folded or clean string, split on white space.
std::vector<std::string> Words(std::string_view s);

struct NameParts {
  std::string family;  // first word
  std::string middle;  // words between (may be empty)
  std::string given;   // last word
};
NameParts SplitName(std::string_view full_name);

// True when the name is at least two words of letters (apostrophes and hyphens allowed inside words).
bool IsPlausibleName(std::string_view clean_name);

// Byte string whose memcmp order is the Vietnamese order of names: given name, then middle name,
// then family name, each in Vietnamese letter order (a < ă < â < b ... d < đ ..., tones after letters).
std::string NameSortKey(std::string_view full_name);

// Vietnamese collation comparison of two arbitrary strings (negative, 0, positive).
int CompareVietnamese(std::string_view a, std::string_view b);

}  // namespace tcxd::text
