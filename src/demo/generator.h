// Generates a realistic, internally consistent province (2025 shape) or a whole country of them.
// Same options, same data (a fixed pseudo-random sequence, not std:: distributions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
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
};

Data Generate(const Options& options);

// Admission cases in various stages for the demo board (issue #5): each is a candidate file as an API
// request body and the steps recorded on it, in order, as API request bodies, dated relative to `today`
// (a candidate; proposed by the branch; proposed and overdue for the decision; admitted, ceremony due;
// on probation, recognition overdue; official). The caller applies them through the app layer.
struct DemoAdmission {
  std::string file_json;
  std::vector<std::string> steps_json;
};
std::vector<DemoAdmission> AdmissionCases(int64_t branch_id, Date today);

}  // namespace tcxd::demo
