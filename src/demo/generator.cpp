#include "demo/generator.h"

#include <array>
#include <map>
#include <string>
#include <thread>

#include <fmt/format.h>

namespace tcxd::demo {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
  uint64_t Next() {  // splitmix64
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int64_t Uniform(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return static_cast<double>(Next() % 1000000) < p * 1000000.0; }
  template <typename T, size_t N>
  const T& Pick(const std::array<std::pair<T, int>, N>& weighted) {
    int total = 0;
    for (const auto& w : weighted) total += w.second;
    int x = static_cast<int>(Next() % static_cast<uint64_t>(total));
    for (const auto& w : weighted) {
      if ((x -= w.second) < 0) return w.first;
    }
    return weighted.back().first;
  }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Next() % N];
  }

 private:
  uint64_t s_;
};

// Family names with their approximate shares (per mille) in Vietnam.
const std::array<std::pair<const char*, int>, 20> kFamily = {{
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},   {"Phạm", 71}, {"Hoàng", 31}, {"Huỳnh", 20}, {"Phan", 45},
    {"Vũ", 25},      {"Võ", 14},    {"Đặng", 21}, {"Bùi", 20},  {"Đỗ", 14},    {"Hồ", 13},    {"Ngô", 13},
    {"Dương", 10},   {"Lý", 5},     {"Đinh", 8},  {"Trịnh", 6}, {"Đào", 6},    {"Lương", 5},
}};
const std::array<const char*, 14> kMiddleMale = {"Văn",   "Văn",  "Văn",  "Đức",  "Minh",  "Quang", "Hữu",
                                                 "Thanh", "Ngọc", "Xuân", "Công", "Hoàng", "Tiến",  "Mạnh"};
const std::array<const char*, 13> kMiddleFemale = {"Thị",  "Thị",    "Thị",  "Thị", "Ngọc", "Thu", "Thanh",
                                                   "Thùy", "Phương", "Hồng", "Kim", "Minh", "Diệu"};
const std::array<const char*, 32> kGivenMale = {"An",   "Anh",  "Bình",  "Cường", "Dũng",  "Đức",  "Hải",   "Hùng",
                                                "Hưng", "Huy",  "Khánh", "Long",  "Minh",  "Nam",  "Phong", "Quang",
                                                "Sơn",  "Tâm",  "Thắng", "Thành", "Tuấn",  "Tùng", "Việt",  "Vinh",
                                                "Lâm",  "Hiếu", "Trung", "Toàn",  "Nghĩa", "Đạt",  "Khoa",  "Quân"};
const std::array<const char*, 30> kGivenFemale = {"An",    "Anh",   "Bích",  "Chi",    "Dung",  "Giang", "Hà",   "Hạnh",
                                                  "Hằng",  "Hoa",   "Hương", "Huyền",  "Lan",   "Linh",  "Loan", "Mai",
                                                  "Ngọc",  "Nhung", "Oanh",  "Phương", "Quyên", "Thảo",  "Thu",  "Thủy",
                                                  "Trang", "Vân",   "Yến",   "Ánh",    "Ước",   "Đào"};
const std::array<std::pair<const char*, int>, 10> kEthnicity = {{
    {"Kinh", 850},
    {"Tày", 25},
    {"Thái", 22},
    {"Mường", 20},
    {"Khơ-me", 18},
    {"Hoa", 12},
    {"Nùng", 12},
    {"Mông", 15},
    {"Dao", 10},
    {"Ê-đê", 6},
}};
const std::array<std::pair<const char*, int>, 6> kReligion = {{
    {"Không", 900},
    {"Phật giáo", 50},
    {"Công giáo", 35},
    {"Tin lành", 5},
    {"Cao Đài", 6},
    {"Phật giáo Hòa Hảo", 4},
}};
const std::array<const char*, 34> kProvinces = {"Hà Nội",     "Huế",         "Lai Châu",
                                                "Điện Biên",  "Sơn La",      "Lạng Sơn",
                                                "Quảng Ninh", "Thanh Hóa",   "Nghệ An",
                                                "Hà Tĩnh",    "Cao Bằng",    "Tuyên Quang",
                                                "Lào Cai",    "Thái Nguyên", "Phú Thọ",
                                                "Bắc Ninh",   "Hưng Yên",    "Hải Phòng",
                                                "Ninh Bình",  "Quảng Trị",   "Đà Nẵng",
                                                "Quảng Ngãi", "Gia Lai",     "Khánh Hòa",
                                                "Lâm Đồng",   "Đắk Lắk",     "Thành phố Hồ Chí Minh",
                                                "Đồng Nai",   "Tây Ninh",    "Cần Thơ",
                                                "Vĩnh Long",  "Đồng Tháp",   "Cà Mau",
                                                "An Giang"};
const std::array<const char*, 24> kPlaceNames = {
    "Hòa Bình", "Tân Phong", "Đông Hải",    "Quang Trung", "Lê Lợi",   "Trần Phú",  "Hùng Vương", "Thống Nhất",
    "Tân An",   "Phú Lợi",   "Bình Minh",   "Hưng Đạo",    "An Phú",   "Nam Sơn",   "Đồng Tâm",   "Hợp Thành",
    "Kim Liên", "Yên Hòa",   "Xuân Phương", "Đức Thắng",   "Phúc Lộc", "Minh Khai", "Thanh Xuân", "Tiên Lữ"};
const std::array<const char*, 12> kStreets = {"Lê Lợi",          "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng",
                                              "Lý Thường Kiệt",  "Điện Biên Phủ", "Quang Trung", "Hùng Vương",
                                              "Phan Đình Phùng", "Võ Thị Sáu",    "Nguyễn Du",   "Bà Triệu"};
const std::array<const char*, 10> kAgencies = {
    "Sở Tài chính",          "Sở Y tế",  "Sở Giáo dục và Đào tạo", "Sở Xây dựng", "Sở Nội vụ", "Bệnh viện Đa khoa tỉnh",
    "Trường Chính trị tỉnh", "Báo tỉnh", "Sở Công Thương",         "Công an tỉnh"};

constexpr int64_t kCommuneCodesPerProvince = 250;  // 90000 + 34 × 250 stays within 5 digits

// The code of a province in the catalog from 1/7/2025 ("" when the name is not in it).
std::string ProvinceCode(const std::string& name) {
  static const CatalogMatcher provinces(BuiltinCatalog("province"));
  const CatalogEntry* e = provinces.Find(name);
  return e ? e->code : std::string();
}

struct Builder {
  const Options& opt;
  Rng rng;
  Data data;
  int64_t next_org = 1;
  int64_t id_seq = 0;

  Organization& AddOrg(OrgId parent, OrgKind kind, std::string code, std::string name, Date founded) {
    Organization o;
    o.id = OrgId(next_org++);
    o.parent_id = parent;
    o.kind = kind;
    o.code = std::move(code);
    o.name = std::move(name);
    o.founded_on = founded;
    data.orgs.push_back(std::move(o));
    return data.orgs.back();
  }

  // A date in [from, to]; `from` when the range is empty (e.g. admitted 12 months ago today).
  Date RandomDate(Date from, Date to) {
    return to < from ? from : from.AddDays(rng.Uniform(0, to.ToDays() - from.ToDays()));
  }

  void AddMember(OrgId branch, int province_no, const std::string& province_name, const std::string& commune) {
    Member m;
    m.id = MemberId(static_cast<int64_t>(data.members.size()) + 1);
    m.org_id = branch;
    m.gender = rng.Chance(0.38) ? Gender::kFemale : Gender::kMale;
    const bool female = m.gender == Gender::kFemale;
    std::string middle = female ? rng.Pick(kMiddleFemale) : rng.Pick(kMiddleMale);
    if (rng.Chance(0.15)) middle += std::string(" ") + (female ? rng.Pick(kMiddleFemale) : rng.Pick(kMiddleMale));
    m.full_name =
        std::string(rng.Pick(kFamily)) + " " + middle + " " + (female ? rng.Pick(kGivenFemale) : rng.Pick(kGivenMale));
    // Ages 18..95, most between 30 and 65.
    int age = static_cast<int>(rng.Chance(0.7) ? rng.Uniform(28, 65) : rng.Uniform(19, 95));
    Date birth = opt.today.AddMonths(-age * 12).AddDays(-rng.Uniform(0, 364));
    m.birth_date = birth;
    m.ethnicity = rng.Pick(kEthnicity);
    m.religion = rng.Pick(kReligion);
    m.hometown = fmt::format("Xã {}, tỉnh {}", rng.Pick(kPlaceNames), rng.Pick(kProvinces));
    m.residence =
        fmt::format("Số {}, đường {}, {}, {}", rng.Uniform(1, 300), rng.Pick(kStreets), commune, province_name);
    ++id_seq;
    m.national_id = fmt::format("{:03d}{:09d}", province_no, id_seq);  // unique: one sequence per province
    // Admission: between 18 and min(age, 55), always before today.
    Date earliest = birth.AddMonths(18 * 12 + 1);
    Date latest = std::min(opt.today.AddDays(-20), birth.AddMonths(55 * 12));
    if (latest < earliest) latest = earliest;
    bool recent = age < 35 && rng.Chance(0.12);  // admitted within the last year: probationary
    Date admission = recent ? RandomDate(std::max(earliest, opt.today.AddMonths(-11)), latest)
                            : RandomDate(earliest, std::max(earliest, std::min(latest, opt.today.AddMonths(-13))));
    m.admission_date = admission;
    m.ceremony_date = std::min(admission.AddDays(rng.Uniform(5, 40)), opt.today);
    Date official = admission.AddMonths(12);
    if (official > opt.today) {
      m.status = MemberStatus::kProbationary;
    } else {
      m.status = MemberStatus::kOfficial;
      m.official_date = official;
      m.card_number = "*";  // numbered when the provinces are put together (AssignCardNumbers)
    }
    m.cv_number = fmt::format("{:06d}T{}", id_seq % 1000000, static_cast<char>('A' + province_no % 26));
    // A few exempt (older) members, departed members and temporary registrations.
    if (m.status == MemberStatus::kOfficial) {
      double r = static_cast<double>(rng.Next() % 10000) / 10000.0;
      Date left = RandomDate(std::max(official, opt.today.AddMonths(-60)), opt.today.AddDays(-1));
      if (age >= 70 && r < 0.25) {
        m.status = MemberStatus::kExempt;
      } else if (r < 0.006) {
        m.status = MemberStatus::kDeceased;
        m.left_on = left;
      } else if (r < 0.009) {
        m.status = MemberStatus::kRemoved;
        m.left_on = left;
      } else if (r < 0.011) {
        m.status = MemberStatus::kTransferredOut;
        m.left_on = left;
      } else if (r < 0.012) {
        m.status = MemberStatus::kWithdrew;
        m.left_on = left;
      } else if (r < 0.0125) {
        m.status = MemberStatus::kExpelled;
        m.left_on = left;
      } else if (r < 0.018) {
        m.status = MemberStatus::kTemporary;
      }
    }
    data.members.push_back(std::move(m));
  }

  // One province of about `members` members: blocs and commune committees, grassroots organizations
  // (đảng bộ cơ sở with branches, some chi bộ cơ sở) and ~100 members per branch on average.
  void Province(OrgId parent, int no, int64_t members) {
    const std::string pname = kProvinces[static_cast<size_t>(no) % kProvinces.size()];
    const std::string pc = fmt::format("T{:02d}", no + 1);
    Organization& prov = AddOrg(parent, OrgKind::kProvincial, pc, "Đảng bộ tỉnh " + pname, Date(1930, 3, 1));
    const OrgId prov_id = prov.id;
    const int64_t branches = std::max<int64_t>(2, members / 100);
    const int64_t grassroots = std::max<int64_t>(4, branches / 17);
    const int64_t communes = std::max<int64_t>(1, grassroots / 6);
    std::vector<std::pair<OrgId, std::string>> committees;  // (id, commune name for addresses)
    committees.emplace_back(
        AddOrg(prov_id, OrgKind::kBloc, pc + ".K01", "Đảng bộ các cơ quan Đảng tỉnh " + pname, Date(2025, 7, 1)).id,
        "phường Trung tâm");
    committees.emplace_back(
        AddOrg(prov_id, OrgKind::kBloc, pc + ".K02", "Đảng bộ Ủy ban nhân dân tỉnh " + pname, Date(2025, 7, 1)).id,
        "phường Trung tâm");
    // The district committees of before 2025 (one for every 8 communes), dissolved on 01/07/2025.
    const Date reform(2025, 7, 1);
    std::vector<OrgId> districts;
    for (int64_t c = 0; c < communes; c += 8) {
      std::string place = std::string(kPlaceNames[static_cast<size_t>(c / 8 + 3) % kPlaceNames.size()]);
      auto& d = AddOrg(prov_id, OrgKind::kDistrict, fmt::format("{}.H{:02d}", pc, c / 8 + 1),
                       fmt::format("Đảng bộ huyện {} {}", place, c / 8 + 1), Date(1960, 1, 1));
      d.dissolved_on = reform;
      districts.push_back(d.id);
    }
    for (int64_t c = 0; c < communes; ++c) {
      bool ward = c % 3 == 0;
      std::string place = std::string(kPlaceNames[static_cast<size_t>(c) % kPlaceNames.size()]);
      if (c >= static_cast<int64_t>(kPlaceNames.size())) place += fmt::format(" {}", c / kPlaceNames.size() + 1);
      std::string commune = (ward ? "phường " : "xã ") + place;
      if (c < kCommuneCodesPerProvince) {
        CatalogEntry e;
        e.catalog = "commune";
        e.code = fmt::format("{:05d}", 90000 + no * kCommuneCodesPerProvince + c);
        e.name = std::string(ward ? "Phường " : "Xã ") + place;
        e.parent = ProvinceCode(pname);
        e.sort = static_cast<int>(c) + 1;
        data.communes.push_back(std::move(e));
      }
      committees.emplace_back(AddOrg(prov_id, OrgKind::kCommune, fmt::format("{}.X{:03d}", pc, c + 1),
                                     std::string(ward ? "Đảng bộ phường " : "Đảng bộ xã ") + place, Date(2025, 7, 1))
                                  .id,
                              commune);
    }
    // Grassroots organizations spread over the committees; branches spread over the grassroots.
    std::vector<std::tuple<OrgId, std::string, bool>> grassroots_orgs;  // (id, commune, is chi bộ cơ sở)
    for (int64_t g = 0; g < grassroots; ++g) {
      const auto& [committee, commune] = committees[static_cast<size_t>(g) % committees.size()];
      const bool agency = static_cast<size_t>(g) % committees.size() < 2;
      const bool small = g % 9 == 8;  // some grassroots organizations are a single chi bộ cơ sở
      std::string name = agency ? fmt::format("Đảng bộ {}", kAgencies[static_cast<size_t>(g) % kAgencies.size()])
                                : fmt::format("Đảng bộ cơ sở {} {}", commune, g + 1);
      if (small)
        name = fmt::format("Chi bộ Trường THCS {} {}", kPlaceNames[static_cast<size_t>(g) % kPlaceNames.size()], g + 1);
      auto& o = AddOrg(committee, small ? OrgKind::kGrassrootsBranch : OrgKind::kGrassroots,
                       fmt::format("{}.C{:04d}", pc, g + 1), name, Date(1975 + g % 45, 1 + g % 12, 1 + g % 28));
      grassroots_orgs.emplace_back(o.id, commune, small);
      // Before the reform: the agencies directly under the province, the others under their district.
      const size_t k = static_cast<size_t>(g) % committees.size();
      data.past_parents.push_back({o.id, k < 2 ? prov_id : districts[(k - 2) / 8], reform});
    }
    std::vector<std::pair<OrgId, std::string>> branch_ids;
    int64_t b = 0;
    for (const auto& [gid, commune, small] : grassroots_orgs) {
      if (small) {
        branch_ids.emplace_back(gid, commune);
        continue;
      }
      const int64_t per = std::max<int64_t>(
          1,
          (branches - b) / std::max<int64_t>(1, static_cast<int64_t>(grassroots_orgs.size() - branch_ids.size() / 17)));
      const int64_t count = std::min<int64_t>(std::max<int64_t>(2, per), 40);
      for (int64_t k = 0; k < count; ++k, ++b) {
        const char* kind = k % 4 == 0   ? "Chi bộ Khu dân cư số"
                           : k % 4 == 1 ? "Chi bộ Tổ dân phố"
                           : k % 4 == 2 ? "Chi bộ Phòng"
                                        : "Chi bộ Thôn";
        auto& o = AddOrg(gid, OrgKind::kBranch, fmt::format("{}.B{:05d}", pc, b + 1), fmt::format("{} {}", kind, k + 1),
                         Date(1980 + k % 40, 1 + k % 12, 1 + k % 28));
        branch_ids.emplace_back(o.id, commune);
      }
    }
    for (int64_t i = 0; i < members; ++i) {
      // Uneven branch sizes: a quarter of the members go to the first third of the branches.
      size_t pick = rng.Chance(0.25) ? static_cast<size_t>(rng.Next() % std::max<size_t>(1, branch_ids.size() / 3))
                                     : static_cast<size_t>(rng.Next() % branch_ids.size());
      const auto& [branch, commune] = branch_ids[pick];
      AddMember(branch, no + 1, pname, commune);
    }
  }
};

// Card numbers in member order, unique across the country.
void AssignCardNumbers(std::vector<Member>& members) {
  int64_t seq = 0;
  for (auto& m : members) {
    if (m.card_number.empty()) continue;
    m.card_number = fmt::format("{:08d}", 10000000 + (seq++ * 7919) % 89999999);  // 7919 is prime to 89999999
  }
}

}  // namespace

Data Generate(const Options& options) {
  if (options.provinces <= 1) {
    Builder b{options, Rng(options.seed), {}};
    b.data.members.reserve(static_cast<size_t>(options.members));
    b.Province(OrgId(), 0, options.members);
    if (options.second_province_members > 0) b.Province(OrgId(), 1, options.second_province_members);
    AssignCardNumbers(b.data.members);
    return std::move(b.data);
  }
  // The national register: each province from its own random sequence, on every core, then put
  // together under the central root in province order (same options, same data).
  const int provinces = options.provinces;
  std::vector<Data> parts(static_cast<size_t>(provinces));
  {
    const unsigned workers = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 8));
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
      threads.emplace_back([&, w] {
        for (int p = static_cast<int>(w); p < provinces; p += static_cast<int>(workers)) {
          const int64_t share = options.members / provinces + (p < options.members % provinces ? 1 : 0);
          Builder b{options, Rng(options.seed * 1000003 + static_cast<uint64_t>(p)), {}};
          b.data.members.reserve(static_cast<size_t>(share));
          b.Province(OrgId(), p, share);
          parts[static_cast<size_t>(p)] = std::move(b.data);
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  Data out;
  out.members.reserve(static_cast<size_t>(options.members));
  Organization central;
  central.id = OrgId(1);
  central.kind = OrgKind::kCentral;
  central.code = "TW";
  central.name = "Đảng Cộng sản Việt Nam";
  central.founded_on = Date(1930, 2, 3);
  out.orgs.push_back(central);
  for (auto& part : parts) {
    const int64_t offset = static_cast<int64_t>(out.orgs.size());  // local ids 1..k become offset+1..offset+k
    for (auto& o : part.orgs) {
      o.id = OrgId(o.id.value + offset);
      o.parent_id = o.parent_id.valid() ? OrgId(o.parent_id.value + offset) : central.id;
      out.orgs.push_back(std::move(o));
    }
    for (const auto& pp : part.past_parents) {
      out.past_parents.push_back({OrgId(pp.org.value + offset), OrgId(pp.parent.value + offset), pp.until});
    }
    for (auto& e : part.communes) {
      e.sort = static_cast<int>(out.communes.size()) + 1;
      out.communes.push_back(std::move(e));
    }
    for (auto& m : part.members) {
      m.id = MemberId(static_cast<int64_t>(out.members.size()) + 1);
      m.org_id = OrgId(m.org_id.value + offset);
      out.members.push_back(std::move(m));
    }
    part = Data{};
  }
  AssignCardNumbers(out.members);
  return out;
}

std::vector<DemoRating> GenerateRatings(const Data& data, const RatingPeriod& period, const RuleSet& rules,
                                        uint64_t seed) {
  // Scores and tasks typical of each level (criteria 20/10/60/10 of the rule set in 2025).
  const std::array<std::vector<int>, kRatingLevelCount> scores = {
      {{20, 10, 52, 10}, {18, 9, 45, 8}, {14, 7, 34, 5}, {10, 5, 26, 4}}};
  const std::array<TaskOutcome, kRatingLevelCount> tasks = {
      {{10, 10, 10, 4}, {10, 10, 10, 1}, {10, 10, 8, 0}, {10, 9, 6, 0}}};
  Rng rng(seed * 7919 + 17);
  std::map<int64_t, std::vector<size_t>> by_branch;  // counted members, per branch, in member order
  for (size_t i = 0; i < data.members.size(); ++i) {
    if (IsCounted(data.members[i].status)) by_branch[data.members[i].org_id.value].push_back(i);
  }
  std::vector<DemoRating> out;
  for (const auto& [branch, members] : by_branch) {
    std::vector<DemoRating> rated;
    for (size_t i : members) {
      DemoRating r;
      r.member = i;
      auto ex = MemberExclusion(data.members[i], period, {}, rules);
      if (!ex.ok()) continue;  // not a member here on the rating date
      if (ex->has_value()) {
        r.not_rated = **ex;
        out.push_back(std::move(r));
        continue;
      }
      const int64_t x = rng.Uniform(0, 999);
      r.level = x < 15 ? RatingLevel::kNotCompleted : x < 150 ? RatingLevel::kCompleted : RatingLevel::kGood;
      rated.push_back(std::move(r));
    }
    // Excellent: a sixth of the good ones at most, so that excellent <= 20 % of those left good.
    int64_t good = 0;
    for (const auto& r : rated) good += r.level == RatingLevel::kGood ? 1 : 0;
    int64_t excellent = good / 6;
    for (size_t k = 0; k < rated.size(); ++k) {
      auto& r = rated[k];
      const RatingRole posts[] = {RatingRole::kSecretary, RatingRole::kDeputySecretary, RatingRole::kCommitteeMember};
      if (k < 3) r.role = posts[k];
      if (excellent > 0 && r.level == RatingLevel::kGood && rng.Chance(0.3)) {
        r.level = RatingLevel::kExcellent;
        --excellent;
      }
      r.scores = scores[static_cast<size_t>(*r.level)];
      r.tasks = tasks[static_cast<size_t>(*r.level)];
      // Now and then the higher committee lowered an excellent or good rating by one level.
      if (*r.level != RatingLevel::kNotCompleted && *r.level != RatingLevel::kCompleted && rng.Chance(0.01)) {
        r.downgraded_from = r.level;
        r.level = static_cast<RatingLevel>(static_cast<int>(*r.level) + 1);
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<DemoAdmission> AdmissionCases(int64_t branch_id, Date today) {
  struct Person {
    const char* name;
    const char* gender;
    int birth_year;
  };
  const Person people[] = {{"Lò Thị Hoa", "female", 2001},       {"Nguyễn Văn Khánh", "male", 1998},
                           {"Trần Thị Mai Anh", "female", 2000}, {"Phạm Đức Long", "male", 1996},
                           {"Hoàng Thị Thu", "female", 1999},    {"Vũ Minh Quân", "male", 1997}};
  const auto file = [&](const Person& p, Date certificate) {
    return fmt::format(
        R"({{"branch_id": {}, "full_name": "{}", "gender": "{}", "birth_date": "{}-04-12", "ethnicity": "{}", )"
        R"("religion": "Không", "youth_union": true, "source": "youth_union", "general_education": "3", )"
        R"("awareness_certificate_date": "{}", "introducers": [{{"kind": "member", "name": "Đặng Văn Sơn", )"
        R"("official_since": "2008-05-19", "together_since": "2019-01-02"}}, {{"kind": "youth_union", )"
        R"("name": "Ban Chấp hành Đoàn cơ sở"}}]}})",
        branch_id, p.name, p.gender, p.birth_year, p.gender[0] == 'f' ? "Tày" : "Kinh", certificate.ToString());
  };
  const auto step = [](const char* kind, Date d, const char* doc, bool votes) {
    return fmt::format(R"({{"kind": "{}", "date": "{}", "document_number": "{}"{}}})", kind, d.ToString(), doc,
                       votes ? R"(, "votes": {"yes": 9, "no": 1, "entitled": 11})" : "");
  };
  std::vector<DemoAdmission> out;
  // 1. A candidate whose file is being prepared.
  out.push_back({file(people[0], today.AddDays(-40)), {}});
  // 2. Proposed by the branch three weeks ago.
  const Date v2 = today.AddDays(-21);
  out.push_back({file(people[1], today.AddDays(-90)), {step("branch_vote", v2, "12-NQ/CB", true)}});
  // 3. Proposed by the branch and the grassroots committee 4 months ago: the decision is overdue.
  const Date v3 = today.AddDays(-125);
  out.push_back(
      {file(people[2], today.AddDays(-200)),
       {step("branch_vote", v3, "07-NQ/CB", true), step("grassroots_vote", v3.AddDays(14), "21-NQ/ĐU", true)}});
  // 4. Admitted ten days ago: the ceremony is due.
  const Date v4 = today.AddDays(-60);
  out.push_back({file(people[3], today.AddDays(-150)),
                 {step("branch_vote", v4, "09-NQ/CB", true), step("grassroots_vote", v4.AddDays(12), "25-NQ/ĐU", true),
                  step("decision", today.AddDays(-10), "145-QĐ/ĐU", false)}});
  // 5. On probation since 13 months: the recognition is overdue.
  const Date d5 = today.AddMonths(-14);
  out.push_back({file(people[4], d5.AddDays(-120)),
                 {step("branch_vote", d5.AddDays(-40), "03-NQ/CB", true),
                  step("grassroots_vote", d5.AddDays(-30), "11-NQ/ĐU", true), step("decision", d5, "88-QĐ/ĐU", false),
                  step("ceremony", d5.AddDays(14), "01-BB/CB", false)}});
  // 6. Official: the whole path.
  const Date d6 = today.AddMonths(-20);
  const Date r6 = d6.AddMonths(12).AddDays(7);
  out.push_back(
      {file(people[5], d6.AddDays(-150)),
       {step("branch_vote", d6.AddDays(-40), "02-NQ/CB", true),
        step("grassroots_vote", d6.AddDays(-30), "05-NQ/ĐU", true), step("decision", d6, "41-QĐ/ĐU", false),
        step("ceremony", d6.AddDays(10), "02-BB/CB", false), step("recognition_branch_vote", r6, "15-NQ/CB", true),
        step("recognition_grassroots_vote", r6.AddDays(7), "30-NQ/ĐU", true),
        step("recognition_decision", r6.AddDays(14), "77-QĐ/ĐU", false)}});
  return out;
}

}  // namespace tcxd::demo
