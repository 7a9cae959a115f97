#include "i18n/messages.h"

namespace tcxd {
namespace {

struct Entry {
  std::string_view key;
  std::string_view vi;
};

constexpr Entry kCatalog[] = {
#define TCXD_MSG(id, key, vi) {key, vi},
#include "i18n/messages_vi.def"
#undef TCXD_MSG
};
static_assert(std::size(kCatalog) == static_cast<size_t>(Msg::kCount));

}  // namespace

std::string_view Text(Msg msg) {
  return kCatalog[static_cast<size_t>(msg)].vi;
}
std::string_view Key(Msg msg) {
  return kCatalog[static_cast<size_t>(msg)].key;
}

}  // namespace tcxd
