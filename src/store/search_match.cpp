#include "store/search_match.h"

namespace tcxd::store {

bool NameMatches(std::string_view name, std::string_view query) {
  size_t q = 0;
  while (q < query.size()) {
    while (q < query.size() && query[q] == ' ') ++q;
    size_t qe = q;
    while (qe < query.size() && query[qe] != ' ') ++qe;
    if (qe == q) break;
    std::string_view word = query.substr(q, qe - q);
    bool found = false;
    size_t n = 0;
    while (!found && n < name.size()) {
      while (n < name.size() && name[n] == ' ') ++n;
      size_t ne = n;
      while (ne < name.size() && name[ne] != ' ') ++ne;
      if (ne - n >= word.size() && name.substr(n, word.size()) == word) found = true;
      n = ne;
    }
    if (!found) return false;
    q = qe;
  }
  return true;
}

}  // namespace tcxd::store
