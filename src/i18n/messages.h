// The message catalog: every text a user reads comes from here (Vietnamese by default).
// Ids and texts are listed once, in messages_vi.def.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace tcxd {

enum class Msg {
#define TCXD_MSG(id, key, vi) id,
#include "i18n/messages_vi.def"
#undef TCXD_MSG
  kCount
};

// The Vietnamese text of a message; it may contain fmt placeholders ({}), see Format.
std::string_view Text(Msg msg);
// The stable key of a message ("member.card_taken"), for logs and the web app's catalog.
std::string_view Key(Msg msg);

template <typename... Args>
std::string Format(Msg msg, Args&&... args) {
  return fmt::format(fmt::runtime(Text(msg)), std::forward<Args>(args)...);
}

}  // namespace tcxd
