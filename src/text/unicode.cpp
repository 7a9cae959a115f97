#include "text/unicode.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace tcxd::text {
namespace {

// Maps code points below kTableSize to their folded form (a single code point), built once from NFD.
constexpr UChar32 kTableSize = 0x2000;

const std::array<UChar32, kTableSize>& FoldTable() {
  static const std::array<UChar32, kTableSize> table = [] {
    std::array<UChar32, kTableSize> t{};
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (UChar32 c = 0; c < kTableSize; ++c) {
      UChar32 base = c;
      icu::UnicodeString decomposed;
      if (U_SUCCESS(status) && nfd->getDecomposition(c, decomposed) && decomposed.length() > 0) {
        base = decomposed.char32At(0);
      }
      if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) base = 0;  // drop marks
      if (c == 0x0110 || c == 0x0111) base = 'd';                                        // Đ đ
      t[c] = base == 0 ? 0 : u_tolower(base);
    }
    return t;
  }();
  return table;
}

void AppendUtf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

icu::Collator& ThreadCollator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Collator> prototype;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !prototype) throw std::runtime_error("ICU: no Vietnamese collator");
    prototype->setStrength(icu::Collator::TERTIARY);
  });
  thread_local std::unique_ptr<icu::Collator> mine(prototype->clone());
  return *mine;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

size_t CodePointCount(std::string_view s) {
  size_t count = 0;
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string Nfc(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_SUCCESS(status) && nfc->isNormalized(u, status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, status);
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string CleanText(std::string_view s) {
  std::string n = Nfc(s);
  std::string out;
  out.reserve(n.size());
  bool pending_space = false;
  for (char c : n) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string Fold(std::string_view s) {
  const auto& table = FoldTable();
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      char c = static_cast<char>(p[i++]);
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    UChar32 f = c < kTableSize ? table[static_cast<size_t>(c)] : u_tolower(c);
    if (f == 0) continue;  // a combining mark (NFD input)
    if (f < 0x80) {
      out.push_back(static_cast<char>(f));
    } else {
      AppendUtf8(out, f);
    }
  }
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

NameParts SplitName(std::string_view full_name) {
  auto words = Words(full_name);
  NameParts parts;
  if (words.empty()) return parts;
  if (words.size() == 1) {
    parts.given = words[0];
    return parts;
  }
  parts.family = words.front();
  parts.given = words.back();
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (!parts.middle.empty()) parts.middle.push_back(' ');
    parts.middle += words[i];
  }
  return parts;
}

bool IsPlausibleName(std::string_view clean_name) {
  auto words = Words(clean_name);
  if (words.size() < 2) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(clean_name.data());
  const auto n = static_cast<int32_t>(clean_name.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (c == ' ' || c == '\'' || c == '-' || u_isalpha(c) || u_getCombiningClass(c) != 0) continue;
    return false;
  }
  return true;
}

namespace {

// ICU sort key of one part, without its terminating zero byte (keys contain no other zero byte).
void AppendPartKey(std::string& key, const std::string& part) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(part.data(), static_cast<int32_t>(part.size())));
  icu::Collator& coll = ThreadCollator();
  uint8_t buf[128];
  int32_t len = coll.getSortKey(u, buf, sizeof buf);
  if (len <= static_cast<int32_t>(sizeof buf)) {
    key.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len > 0 ? len - 1 : 0));
    return;
  }
  std::string big(static_cast<size_t>(len), '\0');
  coll.getSortKey(u, reinterpret_cast<uint8_t*>(big.data()), len);
  key.append(big.data(), static_cast<size_t>(len - 1));
}

}  // namespace

std::string NameSortKey(std::string_view full_name) {
  // The given name is compared completely (tones included) before the middle name, and the middle
  // before the family name: per-part keys joined by 0x00, which sorts below every key byte.
  NameParts parts = SplitName(full_name);
  std::string key;
  key.reserve(64);
  AppendPartKey(key, parts.given);
  key.push_back('\0');
  AppendPartKey(key, parts.middle);
  key.push_back('\0');
  AppendPartKey(key, parts.family);
  return key;
}

int CompareVietnamese(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  auto r = ThreadCollator().compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  return static_cast<int>(r);
}

}  // namespace tcxd::text
