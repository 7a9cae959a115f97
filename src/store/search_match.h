// Word-prefix matching of folded names, shared by the SQLite function and the tests.
#pragma once

#include <string_view>

namespace tcxd::store {

// True when every word of `query` (folded) is a prefix of a distinct-or-same word of `name` (folded).
// "nguyen van an" matches "nguyen van anh"; "an" matches "tran van an" and "nguyen thi an".
bool NameMatches(std::string_view name, std::string_view query);

}  // namespace tcxd::store
