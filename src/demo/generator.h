// Generates a realistic, internally consistent province (2025 shape) or a whole country of them.
// Same options, same data (a fixed pseudo-random sequence, not std:: distributions).
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "domain/catalog.h"
#include "domain/member.h"
#include "domain/org.h"

namespace tcxd::demo {

struct Options {
  int64_t members = 20000;
  uint64_t seed = 1;
  int provinces = 1;  // > 1: a central root with this many provinces (the national register)
  Date today = Date(2026, 11, 23);
};

struct Data {
  std::vector<Organization> orgs;  // parents before children; ids assigned from 1
  std::vector<Member> members;     // ids assigned from 1
  // The commune-level units of the generated provinces, for the "commune" catalog (made-up codes 90000
  // and up, under the real province codes; a real installation loads the official list instead).
  std::vector<CatalogEntry> communes;
};

Data Generate(const Options& options);

}  // namespace tcxd::demo
