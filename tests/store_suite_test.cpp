// The store test suite. It runs once per backend (CTest: store.sqlite, store.postgres); the backend is
// chosen by TCXD_TEST_BACKEND, and PostgreSQL needs TCXD_TEST_PG_URL (scripts/test.sh starts a
// throw-away server and sets it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>

#include "app/service.h"
#include "demo/generator.h"
#include "domain/stats.h"
#include "store/search_match.h"
#include "store/store.h"
#include "text/unicode.h"

namespace tcxd::store {
namespace {

std::string Backend() {
  const char* b = std::getenv("TCXD_TEST_BACKEND");
  return b ? b : "sqlite";
}

// The URL of database `name` on the server of `base_url`, created when missing.
std::string OwnDatabase(const std::string& base_url, const std::string& name) {
  auto slash = base_url.rfind('/');
  std::string url = base_url.substr(0, slash + 1) + name;
  auto c = OpenPostgres(base_url);
  bool exists = false;
  c->Query("SELECT 1 FROM pg_database WHERE datname = ?", {name}, [&](const Row&) {
    exists = true;
    return false;
  });
  if (!exists) c->ExecScript("CREATE DATABASE " + name);
  return url;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Backend() == "postgres") {
      const char* url = std::getenv("TCXD_TEST_PG_URL");
      ASSERT_NE(url, nullptr) << "TCXD_TEST_PG_URL is not set: run the tests through `make test`";
      url_ = OwnDatabase(url, "tcxd_store");  // tests running in parallel each have their own database
      auto c = OpenPostgres(url_);
      c->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("tcxd-store-" + std::to_string(::getpid()) + "-" +
                                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      url_ = (dir_ / "t.db").string();
    }
    store_ = Store::Open(url_);
  }
  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  Organization AddOrg(OrgKind kind, const std::string& code, const std::string& name, const Organization* parent) {
    Organization o;
    o.kind = kind;
    o.code = code;
    o.name = name;
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) -> Status {
                      auto r = tx.InsertOrg(o, parent);
                      if (!r.ok()) return r.error();
                      return Status::Ok();
                    })
                    .ok());
    return o;
  }

  Member NewMember(const Organization& org, const std::string& name, Gender g = Gender::kMale,
                   MemberStatus s = MemberStatus::kOfficial) {
    Member m;
    m.org_id = org.id;
    m.full_name = name;
    m.gender = g;
    m.birth_date = Date(1980, 5, 17);
    m.admission_date = Date(2005, 3, 2);
    m.official_date = Date(2006, 3, 2);
    m.status = s;
    return m;
  }

  Result<MemberId> Insert(Member& m, const Organization& org) {
    Result<MemberId> id = Error::Internal("not run");
    Status st = store_->Write([&](Tx& tx) -> Status {
      id = tx.InsertMember(m, org);
      if (!id.ok()) return id.error();
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    return id;
  }

  MemberPage List(MemberQuery q) {
    MemberPage page;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      page = tx.ListMembers(q);
                      return Status::Ok();
                    })
                    .ok());
    return page;
  }

  // The ids of every page of `q`, following the cursor from `q.after_rank` to the end.
  std::vector<int64_t> ListAllIds(MemberQuery q) {
    std::vector<int64_t> ids;
    for (;;) {
      auto page = List(q);
      for (const auto& m : page.items) ids.push_back(m.id.value);
      if (!page.next) return ids;
      EXPECT_GT(*page.next, q.after_rank);  // the cursor moves on
      if (*page.next <= q.after_rank) return ids;
      q.after_rank = *page.next;
    }
  }

  // The count ledger of `id` (the root keeps one) equals the member-by-member reading on each day.
  void ExpectLogMatchesScan(OrgId id, const std::vector<Date>& days) {
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      for (Date d : days) {
                        auto logged = tx.CountsFromLog(id, d);
                        EXPECT_TRUE(logged.has_value());
                        if (!logged) break;
                        const StatusCounts scan = tx.CountsAsOfByScan(id, d);
                        EXPECT_EQ(logged->by_status, scan.by_status) << d.ToString();
                        EXPECT_EQ(logged->female_counted, scan.female_counted) << d.ToString();
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  StatusCounts Counts(OrgId id) {
    StatusCounts c;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      c = tx.Counts(id);
                      return Status::Ok();
                    })
                    .ok());
    return c;
  }

  // A province with two grassroots organizations, each with branches.
  void SmallTree() {
    prov_ = AddOrg(OrgKind::kProvincial, "P", "Đảng bộ tỉnh Mẫu", nullptr);
    commune_ = AddOrg(OrgKind::kCommune, "X1", "Đảng bộ xã Tân An", &prov_);
    g1_ = AddOrg(OrgKind::kGrassroots, "G1", "Đảng bộ cơ sở Một", &commune_);
    g2_ = AddOrg(OrgKind::kGrassroots, "G2", "Đảng bộ cơ sở Hai", &commune_);
    b1_ = AddOrg(OrgKind::kBranch, "B1", "Chi bộ Một", &g1_);
    b2_ = AddOrg(OrgKind::kBranch, "B2", "Chi bộ Hai", &g1_);
    b3_ = AddOrg(OrgKind::kBranch, "B3", "Chi bộ Ba", &g2_);
  }

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
  Organization prov_, commune_, g1_, g2_, b1_, b2_, b3_;
};

std::vector<std::string> Names(const MemberPage& p) {
  std::vector<std::string> out;
  for (const auto& m : p.items) out.push_back(m.full_name);
  return out;
}

TEST_F(StoreTest, MigrationsApplyOnceAndReopen) {
  store_.reset();
  store_ = Store::Open(url_);  // second open: nothing to apply, nothing fails
  SmallTree();
  EXPECT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    EXPECT_EQ(tx.connection().QueryInt("SELECT COUNT(*) FROM schema_migrations", {}),
                              15);  // 0001 to 0015
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(StoreTest, OrgPathsDepthsAndChildrenInVietnameseOrder) {
  SmallTree();
  EXPECT_EQ(prov_.depth, 0);
  EXPECT_EQ(b1_.depth, 3);
  EXPECT_EQ(b1_.path, prov_.path + std::to_string(commune_.id.value) + "/" + std::to_string(g1_.id.value) + "/" +
                          std::to_string(b1_.id.value) + "/");
  auto e = AddOrg(OrgKind::kBranch, "B4", "Chi bộ Đông", &g1_);
  auto d = AddOrg(OrgKind::kBranch, "B5", "Chi bộ Dương", &g1_);
  std::vector<std::string> names;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    for (const auto& c : tx.Children(g1_.id)) names.push_back(c.name);
                    return Status::Ok();
                  })
                  .ok());
  // "Ba"... no; children of G1: Một, Hai, Đông, Dương. Vietnamese order: Dương < Đông < Hai < Một.
  EXPECT_EQ(names, (std::vector<std::string>{"Chi bộ Dương", "Chi bộ Đông", "Chi bộ Hai", "Chi bộ Một"}));
}

TEST_F(StoreTest, DuplicateOrgCodeIsAConflictOnCode) {
  SmallTree();
  Organization dup;
  dup.kind = OrgKind::kBranch;
  dup.code = "B1";
  dup.name = "Trùng mã";
  Status s = store_->Write([&](Tx& tx) -> Status {
    auto r = tx.InsertOrg(dup, &g1_);
    if (!r.ok()) return r.error();
    return Status::Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.error().field, "code");
}

TEST_F(StoreTest, TheRegisterOnADayGivesThatDaysBranchAndStatus) {
  SmallTree();
  Member a = NewMember(b1_, "Trần Thị Bình", Gender::kFemale);  // admitted 02/03/2005, official 02/03/2006
  ASSERT_TRUE(Insert(a, b1_).ok());
  Member after = a;
  after.org_id = b3_.id;
  const Date moved(2026, 3, 15);
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.UpdateMember(a, b1_, after, b3_, moved); }).ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto before_admission = tx.RegisterOn(a.id, Date(2005, 3, 1));
                    EXPECT_TRUE(before_admission.has_value());
                    if (!before_admission) return Status::Ok();
                    EXPECT_FALSE(before_admission->status.has_value());
                    EXPECT_EQ(before_admission->org, b1_.id);
                    auto probation = tx.RegisterOn(a.id, Date(2005, 3, 2));
                    EXPECT_EQ(probation->status, MemberStatus::kProbationary);
                    EXPECT_EQ(probation->org, b1_.id);
                    auto eve = tx.RegisterOn(a.id, moved.AddDays(-1));
                    EXPECT_EQ(eve->status, MemberStatus::kOfficial);
                    EXPECT_EQ(eve->org, b1_.id);
                    auto day = tx.RegisterOn(a.id, moved);
                    EXPECT_EQ(day->org, b3_.id);
                    EXPECT_EQ(tx.RegisterOn(a.id, Date::Today())->org, b3_.id);
                    EXPECT_FALSE(tx.RegisterOn(MemberId(a.id.value + 1000), moved).has_value());
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(StoreTest, ABatchOfInsertsWritesTheSameCountsAndLedgerOnceAtItsEnd) {
  SmallTree();
  Member before = NewMember(b1_, "Nguyễn Văn An");
  ASSERT_TRUE(Insert(before, b1_).ok());
  std::vector<Member> batch = {NewMember(b1_, "Trần Thị Bình", Gender::kFemale),
                               NewMember(b3_, "Lê Văn Cường", Gender::kMale, MemberStatus::kProbationary),
                               NewMember(b3_, "Phạm Thị Dung", Gender::kFemale)};
  batch[1].official_date.reset();
  batch[1].admission_date = Date(2026, 2, 1);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    tx.BeginInsertBatch();
                    for (Member& m : batch) {
                      const Organization& org = m.org_id == b1_.id ? b1_ : b3_;
                      auto id = tx.InsertMember(m, org);
                      if (!id.ok()) return id.error();
                    }
                    // The batch's audit entries go in a few hundred rows per statement, none lost.
                    for (int k = 0; k < 300; ++k) {
                      AuditEntry e;
                      e.action = "member.import";
                      e.entity = "member";
                      e.entity_id = k;
                      e.note = "row " + std::to_string(k);
                      tx.AppendAudit(e);
                    }
                    tx.EndInsertBatch();
                    return Status::Ok();
                  })
                  .ok());
  const auto pc = Counts(prov_.id);
  EXPECT_EQ(pc.Counted(), 4);
  EXPECT_EQ(pc.by_status[static_cast<size_t>(MemberStatus::kProbationary)], 1);
  EXPECT_EQ(pc.female_counted, 2);
  EXPECT_EQ(Counts(g1_.id).Counted(), 2);
  EXPECT_EQ(Counts(g2_.id).Counted(), 2);
  // The province's ledger (kept for every province) holds the batch too: the same as reading member by
  // member on each day around the admissions.
  ASSERT_TRUE(
      store_
          ->Read([&](Tx& tx) {
            for (Date d : {Date(2005, 3, 1), Date(2005, 3, 2), Date(2026, 1, 31), Date(2026, 2, 1), Date::Today()}) {
              const StatusCounts ledger = tx.CountsAsOf(prov_.id, d);
              const StatusCounts scan = tx.CountsAsOfByScan(prov_.id, d);
              EXPECT_EQ(ledger.by_status, scan.by_status) << d.ToString();
              EXPECT_EQ(ledger.female_counted, scan.female_counted) << d.ToString();
            }
            EXPECT_EQ(tx.CountsAsOf(prov_.id, Date(2026, 2, 1)).Counted(), 4);
            EXPECT_EQ(tx.CountsAsOf(prov_.id, Date(2026, 1, 31)).Counted(), 3);
            EXPECT_EQ(tx.connection().QueryInt(
                          "SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE action = 'member.import'", {}, 0),
                      300);
            EXPECT_EQ(tx.connection().QueryInt(
                          "SELECT COUNT(*) FROM audit_log WHERE action = 'member.import' AND note = 'row 299'", {}, 0),
                      1);
            return Status::Ok();
          })
          .ok());
}

TEST_F(StoreTest, FailedWriteChangesNothing) {
  SmallTree();
  Status s = store_->Write([&](Tx& tx) -> Status {
    Member m = NewMember(b1_, "Nguyễn Văn An");
    auto r = tx.InsertMember(m, b1_);
    EXPECT_TRUE(r.ok());
    return Error::Invalid("x", Msg::kRequired);  // the use case fails after the insert
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(Counts(prov_.id).Counted(), 0);
  MemberQuery q;
  q.subtree = prov_;
  EXPECT_TRUE(List(q).items.empty());
}

TEST_F(StoreTest, AggregatesFollowInsertsUpdatesAndMoves) {
  SmallTree();
  Member a = NewMember(b1_, "Nguyễn Văn An");
  Member b = NewMember(b1_, "Trần Thị Bình", Gender::kFemale, MemberStatus::kProbationary);
  b.official_date.reset();
  Member c = NewMember(b3_, "Lê Văn Cường");
  ASSERT_TRUE(Insert(a, b1_).ok());
  ASSERT_TRUE(Insert(b, b1_).ok());
  ASSERT_TRUE(Insert(c, b3_).ok());
  auto pc = Counts(prov_.id);
  EXPECT_EQ(pc.Counted(), 3);
  EXPECT_EQ(pc.by_status[static_cast<size_t>(MemberStatus::kOfficial)], 2);
  EXPECT_EQ(pc.by_status[static_cast<size_t>(MemberStatus::kProbationary)], 1);
  EXPECT_EQ(pc.female_counted, 1);
  EXPECT_EQ(Counts(g1_.id).Counted(), 2);
  EXPECT_EQ(Counts(g2_.id).Counted(), 1);

  // Move member b to branch 3 and make her official.
  Member after = b;
  after.org_id = b3_.id;
  after.status = MemberStatus::kOfficial;
  after.official_date = Date(2006, 3, 2);
  const Date moved(2026, 3, 15);
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.UpdateMember(b, b1_, after, b3_, moved); }).ok());
  // Her registration in branch 1 ends on the day of the move: counted there the day before, in 3 from then.
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    EXPECT_EQ(tx.CountsAsOf(b1_.id, moved.AddDays(-1)).Counted(), 2);
                    EXPECT_EQ(tx.CountsAsOf(b1_.id, moved).Counted(), 1);
                    EXPECT_EQ(tx.CountsAsOf(b3_.id, moved.AddDays(-1)).Counted(), 1);
                    EXPECT_EQ(tx.CountsAsOf(b3_.id, moved).Counted(), 2);
                    EXPECT_EQ(tx.CountsAsOf(b3_.id, moved).female_counted, 1);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(Counts(g1_.id).Counted(), 1);
  EXPECT_EQ(Counts(g2_.id).Counted(), 2);
  EXPECT_EQ(Counts(prov_.id).by_status[static_cast<size_t>(MemberStatus::kOfficial)], 3);
  EXPECT_EQ(Counts(g2_.id).female_counted, 1);

  // Move grassroots organization G2 (with B3) under a new commune: counts move with it.
  auto commune2 = AddOrg(OrgKind::kCommune, "X2", "Đảng bộ phường Hòa Bình", &prov_);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.MoveOrg(g2_, commune2);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(Counts(commune_.id).Counted(), 1);
  EXPECT_EQ(Counts(commune2.id).Counted(), 2);
  EXPECT_EQ(Counts(prov_.id).Counted(), 3);
  MemberQuery q;
  q.subtree = commune2;
  EXPECT_EQ(Names(List(q)), (std::vector<std::string>{"Trần Thị Bình", "Lê Văn Cường"}));
  std::optional<Organization> b3;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    b3 = tx.GetOrg(b3_.id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(b3->depth, 3);
  EXPECT_TRUE(InSubtree(b3->path, commune2.path));
  // The province keeps a count ledger, through the transfer and the moves.
  const std::vector<Date> days{Date(2005, 3, 1),  Date(2005, 3, 2),  Date(2006, 3, 2),
                               Date(2026, 3, 14), Date(2026, 3, 15), Date::Today()};
  ExpectLogMatchesScan(prov_.id, days);
}

TEST_F(StoreTest, DuplicateCardAndNationalIdAreConflictsOnTheirFields) {
  SmallTree();
  Member a = NewMember(b1_, "Nguyễn Văn An");
  a.card_number = "12345678";
  a.national_id = "001080000001";
  ASSERT_TRUE(Insert(a, b1_).ok());
  Member b = NewMember(b2_, "Phạm Văn Bảo");
  b.card_number = "12345678";
  auto r = Insert(b, b2_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "card_number");
  b.card_number = "12345679";
  b.national_id = "001080000001";
  r = Insert(b, b2_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "national_id");
  EXPECT_EQ(Counts(prov_.id).Counted(), 1);
}

TEST_F(StoreTest, ListsInVietnameseOrderWithCursorPagingAndFilters) {
  SmallTree();
  const std::vector<std::pair<std::string, const Organization*>> people = {
      {"Đỗ Ngọc Ước", &b1_},     {"Lê Thị Ánh", &b2_},  {"Trần Văn Đức", &b3_},   {"Nguyễn Thị Ơn", &b1_},
      {"Vũ Thị Bình", &b2_},     {"Phạm Văn Ân", &b3_}, {"Nguyễn Văn Anh", &b1_}, {"Trần Văn An", &b2_},
      {"Nguyễn Văn Dũng", &b3_}, {"Lê Văn Hà", &b1_},   {"Lê Xuân Hà", &b2_},
  };
  for (const auto& [name, org] : people) {
    bool female = name.find(" Thị ") != std::string::npos;
    Member m = NewMember(*org, name, female ? Gender::kFemale : Gender::kMale);
    ASSERT_TRUE(Insert(m, *org).ok()) << name;
  }
  const std::vector<std::string> expected = {"Trần Văn An", "Nguyễn Văn Anh",  "Lê Thị Ánh",   "Phạm Văn Ân",
                                             "Vũ Thị Bình", "Nguyễn Văn Dũng", "Trần Văn Đức", "Lê Văn Hà",
                                             "Lê Xuân Hà",  "Nguyễn Thị Ơn",   "Đỗ Ngọc Ước"};
  MemberQuery q;
  q.subtree = prov_;
  q.limit = 4;
  std::vector<std::string> all;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = List(q);
    for (auto& n : Names(page)) all.push_back(n);
    if (!page.next) break;
    q.after_rank = *page.next;
  }
  EXPECT_EQ(all, expected);

  MemberQuery women;
  women.subtree = prov_;
  women.gender = Gender::kFemale;
  EXPECT_EQ(Names(List(women)), (std::vector<std::string>{"Lê Thị Ánh", "Vũ Thị Bình", "Nguyễn Thị Ơn"}));

  MemberQuery branch;
  branch.subtree = b3_;
  EXPECT_EQ(Names(List(branch)), (std::vector<std::string>{"Phạm Văn Ân", "Nguyễn Văn Dũng", "Trần Văn Đức"}));
  MemberQuery grassroots;
  grassroots.subtree = g1_;
  EXPECT_EQ(List(grassroots).items.size(), 8u);  // B1 and B2: four each
}

class SearchPlanTest : public StoreTest, public ::testing::WithParamInterface<int64_t> {};

TEST_P(SearchPlanTest, SearchIgnoresDiacriticsCaseAndDStroke) {
  SmallTree();
  for (auto [name, org] : std::vector<std::pair<std::string, Organization*>>{{"Nguyễn Văn An", &b1_},
                                                                             {"Nguyễn Văn Anh", &b2_},
                                                                             {"Nguyễn Thị An", &b3_},
                                                                             {"Trần Văn An", &b1_},
                                                                             {"Đặng Văn Đức", &b2_},
                                                                             {"Dương Văn Dũng", &b3_},
                                                                             {"Ngô Thị Ánh", &b1_}}) {
    Member m = NewMember(*org, name);
    ASSERT_TRUE(Insert(m, *org).ok());
  }
  auto search = [&](const std::string& text, const Organization& subtree) {
    MemberQuery q;
    q.subtree = subtree;
    q.q = text;
    q.small_subtree_limit = GetParam();
    return Names(List(q));
  };
  const std::vector<std::string> nva = {"Nguyễn Văn An", "Nguyễn Văn Anh"};
  EXPECT_EQ(search("nguyen van an", prov_), nva);
  EXPECT_EQ(search("NGUYEN VAN AN", prov_), nva);
  EXPECT_EQ(search("Nguyễn Văn An", prov_), nva);
  EXPECT_EQ(search("Nguye\xCC\x82\xCC\x83n van an", prov_), nva);  // NFD input
  EXPECT_EQ(search("dang", prov_), (std::vector<std::string>{"Đặng Văn Đức"}));
  EXPECT_EQ(search("duc", prov_), (std::vector<std::string>{"Đặng Văn Đức"}));
  EXPECT_EQ(search("an", prov_), (std::vector<std::string>{"Nguyễn Thị An", "Nguyễn Văn An", "Trần Văn An",
                                                           "Nguyễn Văn Anh", "Ngô Thị Ánh"}));
  EXPECT_EQ(search("an", g1_),
            (std::vector<std::string>{"Nguyễn Văn An", "Trần Văn An", "Nguyễn Văn Anh", "Ngô Thị Ánh"}));
  EXPECT_EQ(search("an", b1_), (std::vector<std::string>{"Nguyễn Văn An", "Trần Văn An", "Ngô Thị Ánh"}));
  EXPECT_TRUE(search("xyz", prov_).empty());
  EXPECT_TRUE(search("\"* OR", prov_).empty());  // query syntax is not passed through
}

// Pages of a search, followed by the cursor, give the whole result once, in order, whichever plan
// answers each page (on PostgreSQL a full page comes from the ordered walk, the rest from the index).
TEST_P(SearchPlanTest, SearchPagesFollowTheCursor) {
  SmallTree();
  std::vector<std::string> expected;
  for (int i = 0; i < 9; ++i) {
    for (auto name : {"Nguyễn Văn An", "Lê Thị Ân", "Trần Văn Bình", "Phạm Ánh"}) {
      Member m = NewMember(i % 2 ? b1_ : b2_, name);
      ASSERT_TRUE(Insert(m, i % 2 ? b1_ : b2_).ok());
    }
  }
  MemberQuery q;
  q.subtree = prov_;
  q.q = "an";
  q.small_subtree_limit = GetParam();
  const auto all = Names(List(q));
  ASSERT_EQ(all.size(), 27u);
  std::vector<std::string> paged;
  q.limit = 4;
  for (int guard = 0; guard < 20; ++guard) {
    auto page = List(q);
    for (const auto& m : page.items) paged.push_back(m.full_name);
    if (!page.next) break;
    q.after_rank = *page.next;
  }
  EXPECT_EQ(paged, all);
  // Vietnamese order of the given name: An < Ánh (a, tone ignored first) < Ân (â after a).
  EXPECT_EQ(all[0], "Nguyễn Văn An");
  EXPECT_EQ(all[8], "Nguyễn Văn An");
  EXPECT_EQ(all[9], "Phạm Ánh");
  EXPECT_EQ(all[17], "Phạm Ánh");
  EXPECT_EQ(all[18], "Lê Thị Ân");
  EXPECT_EQ(all[26], "Lê Thị Ân");
}

// 0 forces the full-text index plan on SQLite; a large limit the subtree scan.
INSTANTIATE_TEST_SUITE_P(Plans, SearchPlanTest, ::testing::Values(int64_t{0}, int64_t{1000000}));

// Hand-checked fixture: ages on 23/11/2026 at the band edges, admissions at the year's edges, a
// departed member who is not counted. Run in a branch, its grassroots and the province (the three
// subtree plans).
TEST_F(StoreTest, SubtreeFactsCountAgeBandsAndAdmissionsExactly) {
  SmallTree();
  struct Row {
    const char* name;
    Date birth;
    MemberStatus status;
    std::optional<Date> admitted;
    Organization* org;
  };
  const std::vector<Row> rows = {
      {"Nguyễn Thị A", Date(1996, 11, 23), MemberStatus::kOfficial, Date(2020, 5, 1), &b1_},     // 30 today
      {"Trần Văn B", Date(1996, 11, 24), MemberStatus::kOfficial, Date(2019, 1, 2), &b1_},       // 29
      {"Lê Văn C", Date(1995, 11, 23), MemberStatus::kProbationary, Date(2026, 1, 1), &b1_},     // 31
      {"Phạm Văn D", Date(1965, 11, 24), MemberStatus::kExempt, Date(1990, 1, 1), &b2_},         // 60
      {"Hoàng Văn E", Date(1965, 11, 23), MemberStatus::kDeceased, Date(2026, 6, 1), &b2_},      // left
      {"Vũ Thị F", Date(1950, 1, 1), MemberStatus::kOfficial, Date(1975, 1, 1), &b3_},           // 76
      {"Đỗ Văn G", Date(2000, 1, 1), MemberStatus::kProbationary, Date(2026, 12, 31), &b1_},     // 26
      {"Bùi Văn H", Date(1986, 6, 15), MemberStatus::kOfficial, Date(2025, 12, 31), &b1_},       // 40
      {"Ngô Văn I", Date(1976, 11, 24), MemberStatus::kTransferredOut, Date(2000, 1, 1), &b1_},  // left
  };
  for (const auto& r : rows) {
    Member m =
        NewMember(*r.org, r.name, MemberStatus::kOfficial == r.status ? Gender::kMale : Gender::kFemale, r.status);
    m.birth_date = r.birth;
    m.admission_date = r.admitted;
    ASSERT_TRUE(Insert(m, *r.org).ok()) << r.name;
  }
  const Date on(2026, 11, 23);
  std::vector<std::pair<std::optional<Date>, std::optional<Date>>> ranges;
  for (auto [min, max] : std::vector<std::pair<std::optional<int>, std::optional<int>>>{
           {std::nullopt, 30}, {31, 40}, {41, 50}, {51, 60}, {61, std::nullopt}}) {
    DateRange r = BirthDatesForAges(min, max, on);
    ranges.emplace_back(r.from, r.to);
  }
  auto facts = [&](const Organization& org) {
    SubtreeFacts f;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      f = tx.CountSubtree(org, Date(2026, 1, 1), Date(2026, 12, 31), ranges);
                      return Status::Ok();
                    })
                    .ok());
    return f;
  };
  // Province: counted A B C D F G H; bands <=30: A B G; 31-40: C H; 51-60: D; >=61: F.
  // Admitted in 2026: C (1/1), E (departed, still an admission of the year), G (31/12).
  auto p = facts(prov_);
  EXPECT_EQ(p.in_band, (std::vector<int64_t>{3, 2, 0, 1, 1}));
  EXPECT_EQ(p.admitted_in_year, 3);
  // Grassroots G1 (branches B1, B2): F is in B3 (under G2).
  auto g = facts(g1_);
  EXPECT_EQ(g.in_band, (std::vector<int64_t>{3, 2, 0, 1, 0}));
  // Branch B1: A B C G H.
  auto b = facts(b1_);
  EXPECT_EQ(b.in_band, (std::vector<int64_t>{3, 2, 0, 0, 0}));
  EXPECT_EQ(b.admitted_in_year, 2);
}

TEST_F(StoreTest, EqualNamesKeepInsertionOrderAndRanksAreRenumberedWhenFull) {
  SmallTree();
  // Each equal name is placed after the previous ones, halving the gap: after ~62 the ranks are
  // renumbered. Order and search must survive that.
  std::vector<int64_t> ids;
  for (int i = 0; i < 150; ++i) {
    Member m = NewMember(i % 2 ? b1_ : b2_, "Nguyễn Văn An");
    auto r = Insert(m, i % 2 ? b1_ : b2_);
    ASSERT_TRUE(r.ok()) << i << ": " << r.error().message;
    ids.push_back(r->value);
    if (i % 50 == 0) {
      Member z = NewMember(b3_, "Trần Văn Zũng");
      ASSERT_TRUE(Insert(z, b3_).ok());
    }
  }
  MemberQuery q;
  q.subtree = prov_;
  q.limit = 500;
  auto page = List(q);
  ASSERT_EQ(page.items.size(), 153u);
  for (size_t i = 0; i < 150; ++i) EXPECT_EQ(page.items[i].id.value, ids[i]);
  q.q = "nguyen an";
  q.small_subtree_limit = 0;
  EXPECT_EQ(List(q).items.size(), 150u);
}

// Inserted one by one with the rank cursor, or as a batch (Tx::BeginInsertBatch: ranks from the rows read
// ahead), the same order.
class SortedBatchTest : public StoreTest {
 protected:
  void InsertAndCheckOrder(bool batched);
};

TEST_F(SortedBatchTest, ASortedBatchInsertedWithTheRankCursorInterleavesWithStoredMembers) {
  InsertAndCheckOrder(false);
}

TEST_F(SortedBatchTest, AnInsertBatchPlacesEachMemberAsTheCursorDoes) {
  InsertAndCheckOrder(true);
}

void SortedBatchTest::InsertAndCheckOrder(bool batched) {
  SmallTree();
  // Stored: every third name of a sorted list; the batch: the others (with duplicates of stored names,
  // which go after them), and a long run of equal names that forces renumbering inside the batch.
  std::vector<std::string> all;
  for (const char* family : {"Lê", "Nguyễn", "Trần"}) {
    for (const char* given : {"An", "Ánh", "Bình", "Cường", "Dũng", "Đức", "Em", "Giang", "Hà", "Hòa", "Yến"}) {
      all.push_back(std::string(family) + " Văn " + given);
    }
  }
  std::vector<std::string> stored;
  std::vector<std::string> batch;
  for (size_t i = 0; i < all.size(); ++i) (i % 3 == 0 ? stored : batch).push_back(all[i]);
  batch.push_back(stored[2]);
  for (int i = 0; i < 70; ++i) batch.push_back("Phạm Thị Mai");
  for (const auto& n : stored) {
    Member m = NewMember(b1_, n);
    ASSERT_TRUE(Insert(m, b1_).ok());
  }
  std::vector<std::pair<std::string, std::string>> sorted;  // (key, name)
  for (const auto& n : batch) sorted.emplace_back(text::NameSortKey(n), n);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    int64_t cursor = 0;
                    int64_t last = 0;
                    if (batched) tx.BeginInsertBatch();
                    for (const auto& [key, name] : sorted) {
                      Member m = NewMember(b2_, name);
                      auto id = tx.InsertMember(m, b2_, &cursor);
                      if (!id.ok()) return id.error();
                      EXPECT_NE(cursor, last);
                      last = cursor;
                    }
                    if (batched) tx.EndInsertBatch();
                    return Status::Ok();
                  })
                  .ok());
  // The list is in name order, as if every member had been inserted alone.
  MemberQuery q;
  q.subtree = prov_;
  q.limit = 500;
  auto names = Names(List(q));
  ASSERT_EQ(names.size(), stored.size() + batch.size());
  std::vector<std::string> expected = stored;
  expected.insert(expected.end(), batch.begin(), batch.end());
  std::stable_sort(expected.begin(), expected.end(), [](const std::string& a, const std::string& b) {
    return text::NameSortKey(a) < text::NameSortKey(b);
  });
  EXPECT_EQ(names, expected);
  q.q = "pham mai";
  q.small_subtree_limit = 0;
  EXPECT_EQ(List(q).items.size(), 70u);
}

TEST_F(StoreTest, DossierVersionsAreReadAsOfADate) {
  SmallTree();
  Member m = NewMember(b1_, "Lê Thị Hoa");
  ASSERT_TRUE(Insert(m, b1_).ok());
  Member other = NewMember(b1_, "Lê Thị Huệ");
  ASSERT_TRUE(Insert(other, b1_).ok());
  auto add = [&](MemberId id, Date from, const std::string& data) {
    DossierRow r;
    r.member_id = id.value;
    r.valid_from = from;
    r.recorded_at_ms = 1;
    r.recorded_by = "test";
    r.data_json = data;
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) {
                      tx.InsertDossierVersion(r);
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_GT(r.id, 0);
  };
  add(m.id, Date(2020, 1, 1), "v1");
  add(m.id, Date(2025, 7, 1), "v3");
  add(m.id, Date(2023, 5, 2), "v2");
  add(m.id, Date(2025, 7, 1), "v3-corrected");  // same date, recorded later: wins
  add(other.id, Date(2019, 1, 1), "other");
  auto read = [&](std::optional<Date> on) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      for (const auto& r : tx.DossierVersions(m.id, on)) out.push_back(r.data_json);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  EXPECT_EQ(read(std::nullopt), (std::vector<std::string>{"v3-corrected", "v3", "v2", "v1"}));
  EXPECT_EQ(read(Date(2019, 12, 31)), (std::vector<std::string>{}));
  EXPECT_EQ(read(Date(2020, 1, 1)), (std::vector<std::string>{"v1"}));
  EXPECT_EQ(read(Date(2025, 6, 30)), (std::vector<std::string>{"v2"}));
  EXPECT_EQ(read(Date(2025, 12, 31)), (std::vector<std::string>{"v3-corrected"}));
}

TEST_F(StoreTest, RenamingReindexesTheName) {
  SmallTree();
  Member m = NewMember(b1_, "Nguyễn Văn An");
  ASSERT_TRUE(Insert(m, b1_).ok());
  Member after = m;
  after.full_name = "Hoàng Văn Yên";
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.UpdateMember(m, b1_, after, b1_); }).ok());
  for (int64_t limit : {int64_t{0}, int64_t{1000}}) {
    MemberQuery q;
    q.subtree = prov_;
    q.small_subtree_limit = limit;
    q.q = "nguyen";
    EXPECT_TRUE(List(q).items.empty());
    q.q = "hoang yen";
    EXPECT_EQ(Names(List(q)), (std::vector<std::string>{"Hoàng Văn Yên"}));
  }
}

TEST_F(StoreTest, OrgVersionsGiveTheTreeAsOfADateAndMembersMoveEnBloc) {
  SmallTree();
  for (const char* name : {"Nguyễn Văn An", "Trần Thị Bình"}) {
    Member m = NewMember(b2_, name);
    ASSERT_TRUE(Insert(m, b2_).ok());
  }
  Member p = NewMember(b2_, "Lê Văn Cường", Gender::kMale, MemberStatus::kProbationary);
  ASSERT_TRUE(Insert(p, b2_).ok());
  Member f = NewMember(b3_, "Phạm Thị Dung", Gender::kFemale);
  ASSERT_TRUE(Insert(f, b3_).ok());
  auto codes = [](const std::vector<Organization>& orgs) {
    std::vector<std::string> out;
    for (const auto& o : orgs) out.push_back(o.code);
    return out;
  };
  const Date before(2025, 6, 30), on(2025, 7, 1);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    // Every stored organization has a version from the start (no founding date: always).
                    EXPECT_TRUE(tx.OrgVersionStart(b2_.id).has_value());
                    OrgEventRow e;
                    e.kind = "move";
                    e.effective = on;
                    e.decision_number = "1-QĐ/TU";
                    e.decision_date = Date(2025, 6, 20);
                    e.decision_body = "Ban Thường vụ";
                    e.subject = g1_.id;
                    e.plan_json = "{}";
                    e.recorded_by = "test";
                    tx.InsertOrgEvent(e);
                    EXPECT_GT(e.id, 0);
                    // G1 moves under the province on 01/7/2025, then B2's members go to B3 and B2 ends.
                    tx.BeginOrgVersion(g1_.id, on, e.id);
                    tx.MoveOrg(*tx.GetOrg(g1_.id), *tx.GetOrg(prov_.id));
                    EXPECT_EQ(tx.MoveAllMembers(*tx.GetOrg(b2_.id), *tx.GetOrg(b3_.id), on), 3);
                    Organization b2 = *tx.GetOrg(b2_.id);
                    b2.dissolved_on = on;
                    return tx.UpdateOrg(b2);
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    EXPECT_EQ(tx.OrgVersionStart(g1_.id), on);
                    EXPECT_EQ(codes(tx.ChildrenAsOf(commune_.id, before)), (std::vector<std::string>{"G2", "G1"}));
                    EXPECT_EQ(codes(tx.ChildrenAsOf(commune_.id, on)), (std::vector<std::string>{"G2"}));
                    EXPECT_EQ(codes(tx.ChildrenAsOf(prov_.id, on)), (std::vector<std::string>{"G1", "X1"}));
                    EXPECT_EQ(codes(tx.ChildrenAsOf(g1_.id, before)), (std::vector<std::string>{"B2", "B1"}));
                    EXPECT_EQ(codes(tx.ChildrenAsOf(g1_.id, on)), (std::vector<std::string>{"B1"}));
                    EXPECT_EQ(tx.GetOrgAsOf(g1_.id, before)->parent_id, commune_.id);
                    EXPECT_EQ(tx.GetOrgAsOf(g1_.id, on)->parent_id, prov_.id);
                    EXPECT_FALSE(tx.GetOrgAsOf(b2_.id, on).has_value());
                    EXPECT_FALSE(tx.GetOrgAsOf(b2_.id, before)->dissolved_on.has_value());
                    auto events = tx.OrgEvents(prov_, 10);
                    EXPECT_EQ(events.size(), 1u);
                    EXPECT_EQ(events.empty() ? "" : events[0].decision_number, "1-QĐ/TU");
                    return Status::Ok();
                  })
                  .ok());
  // The aggregates follow both moves: B3 and G2 have the four members, G1 and the commune only G2's.
  EXPECT_EQ(Counts(b3_.id).Counted(), 4);
  EXPECT_EQ(Counts(b3_.id).by_status[static_cast<size_t>(MemberStatus::kProbationary)], 1);
  EXPECT_EQ(Counts(b2_.id).Counted(), 0);
  EXPECT_EQ(Counts(g1_.id).Counted(), 0);
  EXPECT_EQ(Counts(commune_.id).Counted(), 4);
  EXPECT_EQ(Counts(prov_.id).Counted(), 4);
  EXPECT_EQ(Counts(prov_.id).female_counted, 1);
  // Read member by member as of a date: the day before, the old branches; from the effective day, the new.
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    EXPECT_EQ(tx.CountsAsOf(b2_.id, before).Counted(), 3);
                    EXPECT_EQ(tx.CountsAsOf(b2_.id, before).by_status[0], 1);  // the probationary member
                    EXPECT_EQ(tx.CountsAsOf(b2_.id, on).Counted(), 0);
                    EXPECT_EQ(tx.CountsAsOf(b3_.id, before).Counted(), 1);
                    EXPECT_EQ(tx.CountsAsOf(b3_.id, on).Counted(), 4);
                    EXPECT_EQ(tx.CountsAsOf(g1_.id, before).Counted(), 3);
                    EXPECT_EQ(tx.CountsAsOf(g1_.id, on).Counted(), 0);
                    EXPECT_EQ(tx.CountsAsOf(commune_.id, before).Counted(), 4);
                    EXPECT_EQ(tx.CountsAsOf(commune_.id, on).Counted(), 4);
                    EXPECT_EQ(tx.CountsAsOf(prov_.id, before).female_counted, 1);
                    EXPECT_EQ(tx.CountsAsOf(prov_.id, Date(2005, 3, 1)).Counted(), 0);  // before any admission
                    EXPECT_EQ(tx.CountsAsOf(prov_.id, Date::Today()).by_status, tx.Counts(prov_.id).by_status);
                    // The registrations closed by the move, with the day it took effect.
                    EXPECT_EQ(tx.connection().QueryInt(
                                  "SELECT COUNT(*) FROM member_registrations WHERE org_id = ? AND valid_to = ?",
                                  {b2_.id.value, on.ToString()}),
                              3);
                    return Status::Ok();
                  })
                  .ok());
  MemberQuery q;
  q.subtree = *[&] {
    std::optional<Organization> o;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      o = tx.GetOrg(g2_.id);
                      return Status::Ok();
                    })
                    .ok());
    return o;
  }();
  EXPECT_EQ(List(q).items.size(), 4u);  // the moved members are found through their new ancestors
}

TEST_F(StoreTest, AuditLogIsAppendOnly) {
  AuditEntry e;
  e.action = "test";
  e.entity = "member";
  e.entity_id = 7;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.AppendAudit(e);
                    return Status::Ok();
                  })
                  .ok());
  Status upd = store_->Write([&](Tx& tx) {
    tx.connection().Exec("UPDATE audit_log SET action = 'changed'");
    return Status::Ok();
  });
  EXPECT_FALSE(upd.ok());
  Status del = store_->Write([&](Tx& tx) {
    tx.connection().Exec("DELETE FROM audit_log");
    return Status::Ok();
  });
  EXPECT_FALSE(del.ok());
  std::vector<AuditEntry> list;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    list = tx.ListAudit(AuditQuery{"member", 7, "", 0, 10});
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].action, "test");
}

// Access entries are appended unindexed and indexed later in bulk; a listing must return the same entries,
// newest first and paged by id, whether they are indexed, not yet indexed, or some of each.
TEST_F(StoreTest, AccessEntriesAreListedBeforeAndAfterIndexing) {
  auto append = [&](std::string action, std::string entity, int64_t id, std::string path, bool access) {
    AuditEntry e;
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = id;
    e.org_path = std::move(path);
    e.access = access;
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) {
                      tx.AppendAudit(e);
                      return Status::Ok();
                    })
                    .ok());
  };
  auto list = [&](AuditQuery q) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      for (const auto& e : tx.ListAudit(q)) out.push_back(e.action + ":" + std::to_string(e.entity_id));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  auto index = [&] {
    int64_t n = -1;
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) {
                      n = tx.IndexAccessLog();
                      return Status::Ok();
                    })
                    .ok());
    return n;
  };
  append("member.update", "member", 7, "/1/2/", false);
  append("member.read", "member", 7, "/1/2/", true);
  append("member.read", "member", 8, "/1/3/", true);
  append("member.read_denied", "member", 7, "/1/2/", true);
  const std::vector<std::string> all7 = {"member.read_denied:7", "member.read:7", "member.update:7"};
  EXPECT_EQ(list(AuditQuery{"member", 7, "", 0, 10}), all7);  // nothing indexed yet
  EXPECT_EQ(index(), 3);                                      // the three access entries
  EXPECT_EQ(index(), 0);                                      // nothing new
  EXPECT_EQ(list(AuditQuery{"member", 7, "", 0, 10}), all7);  // all indexed
  append("member.read", "member", 7, "/1/2/", true);          // one more, not indexed
  append("member.update", "member", 7, "/1/2/", false);
  EXPECT_EQ(list(AuditQuery{"member", 7, "", 0, 10}),
            (std::vector<std::string>{"member.update:7", "member.read:7", "member.read_denied:7", "member.read:7",
                                      "member.update:7"}));
  // Pages of two, following the id cursor across both kinds and both sides of the index mark.
  std::vector<std::string> paged;
  int64_t before = 0;
  for (;;) {
    std::vector<AuditEntry> page;
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      page = tx.ListAudit(AuditQuery{"member", 7, "", before, 2});
                      return Status::Ok();
                    })
                    .ok());
    ASSERT_LE(page.size(), 2u);
    if (page.empty()) break;
    for (const auto& e : page) paged.push_back(e.action + ":" + std::to_string(e.entity_id));
    before = page.back().id;
  }
  EXPECT_EQ(paged, list(AuditQuery{"member", 7, "", 0, 10}));
  // The limit applies to the merged list; other members and the subtree filter.
  EXPECT_EQ(list(AuditQuery{"member", 7, "", 0, 1}), (std::vector<std::string>{"member.update:7"}));
  EXPECT_EQ(list(AuditQuery{"member", 8, "", 0, 10}), (std::vector<std::string>{"member.read:8"}));
  EXPECT_EQ(list(AuditQuery{"", 0, "/1/3/", 0, 10}), (std::vector<std::string>{"member.read:8"}));
  EXPECT_EQ(list(AuditQuery{"member", 0, "/1/2/", 0, 3}),
            (std::vector<std::string>{"member.update:7", "member.read:7", "member.read_denied:7"}));
}

TEST_F(StoreTest, SessionsAndLoginFailures) {
  SmallTree();
  Account a;
  a.login = "chibo";
  a.role = Role::kBranch;
  a.org_id = b1_.id;
  a.password_hash = "x";
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) -> Status {
                    auto r = tx.InsertUser(a);
                    if (!r.ok()) return r.error();
                    tx.InsertSession(SessionRecord{"h1", a.id, "csrf", 100, 100, 200, "127.0.0.1"});
                    tx.RecordLoginFailure("chibo", "1.2.3.4", 50);
                    tx.RecordLoginFailure("chibo", "1.2.3.4", 150);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto s = tx.GetSession("h1");
                    EXPECT_TRUE(s.has_value());
                    EXPECT_EQ(s->csrf_token, "csrf");
                    auto u = tx.GetUserByLogin("chibo");
                    EXPECT_EQ(u->org_path, b1_.path);
                    EXPECT_EQ(tx.CountLoginFailures("chibo", 100), 1);
                    EXPECT_EQ(tx.CountLoginFailures("chibo", 0), 2);
                    return Status::Ok();
                  })
                  .ok());
  Account dup = a;
  Status s = store_->Write([&](Tx& tx) -> Status {
    auto r = tx.InsertUser(dup);
    if (!r.ok()) return r.error();
    return Status::Ok();
  });
  EXPECT_EQ(s.error().field, "login");
}

// The generated province, bulk-loaded: aggregates equal direct counts, the list order equals sorting by
// the Vietnamese key, and search equals a brute-force match over every member.
TEST_F(StoreTest, CatalogEntriesKeepTheirParentAndAreUpdatedInPlace) {
  CatalogEntry e;
  e.catalog = "commune";
  e.code = "00004";
  e.name = "Phường Ba Đình";
  e.parent = "01";
  e.sort = 1;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertCatalogEntry(e);
                    return Status::Ok();
                  })
                  .ok());
  e.name = "Phường Ba Đình mới";
  e.parent = "04";
  e.retired = true;
  e.aliases = {"Ba Đình"};
  bool updated = false;
  bool unknown = true;
  std::vector<CatalogEntry> after;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    updated = tx.UpdateCatalogEntry(e);
                    CatalogEntry other = e;
                    other.code = "99999";
                    unknown = tx.UpdateCatalogEntry(other);
                    after = tx.ListCatalog("commune");
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(updated);
  EXPECT_FALSE(unknown);
  ASSERT_EQ(after.size(), 1U);
  EXPECT_EQ(after[0].name, "Phường Ba Đình mới");
  EXPECT_EQ(after[0].parent, "04");
  EXPECT_TRUE(after[0].retired);
  EXPECT_EQ(after[0].aliases, std::vector<std::string>{"Ba Đình"});
}

TEST_F(StoreTest, TheLoadedReformIsRecordedAsDecisionsWithTheCountsOfTheDayBefore) {
  demo::Options opt;
  opt.members = 3000;
  opt.seed = 7;
  auto data = demo::Generate(opt);
  store_->BulkLoad(
      data.orgs, data.members, [](const char*, size_t, size_t) {}, data.past_parents);
  std::map<int64_t, std::set<int64_t>> units_of;  // earlier parent -> its units
  for (const auto& p : data.past_parents) units_of[p.parent.value].insert(p.org.value);
  ASSERT_GE(units_of.size(), 2u);
  app::App app(*store_, RuleSet::Default());
  auto recorded = app.RecordLoadedRestructures(data.past_parents, data.members, [](const Organization& o) {
    return OrgDecision{"7-QĐ/TU " + o.code, Date(2025, 6, 27), "Ban Thường vụ Tỉnh ủy"};
  });
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_EQ(*recorded, units_of.size());
  app::Caller admin;
  admin.account.login = "admin";
  admin.account.role = Role::kAdmin;
  auto events = app.ListOrgEvents(admin, data.orgs.front().id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), units_of.size());
  int districts = 0;
  for (const auto& e : *events) {
    const app::Json j = app::OrgEventToJson(e);
    EXPECT_EQ(j["kind"], "split");
    EXPECT_EQ(j["effective"], "2025-07-01");
    ASSERT_TRUE(units_of.count(e.subject.value));
    // Every unit moves to its parent of today, with its members by status of 30/06/2025 as read member by
    // member by the store; the hand-overs add up to the same.
    std::array<int64_t, kMemberStatusCount> moved{}, handed{};
    std::set<int64_t> moved_units;
    for (const auto& step : j["steps"]) {
      if (step["kind"] == "dissolve") {
        EXPECT_EQ(step["org"]["id"], e.subject.value);
        continue;
      }
      const int64_t unit = step["org"]["id"];
      moved_units.insert(unit);
      StatusCounts then;
      OrgId parent_now;
      ASSERT_TRUE(store_
                      ->Read([&](Tx& tx) {
                        then = tx.CountsAsOfByScan(OrgId(unit), Date(2025, 6, 30));
                        parent_now = tx.GetOrg(OrgId(unit))->parent_id;
                        return Status::Ok();
                      })
                      .ok());
      EXPECT_EQ(step["to"]["id"], parent_now.value);
      for (size_t i = 0; i < kMemberStatusCount; ++i) {
        const int64_t n = step["moves"].value(std::string(MemberStatusName(static_cast<MemberStatus>(i))), int64_t{0});
        EXPECT_EQ(n, then.by_status[i]) << unit << " " << i;
        moved[i] += n;
      }
    }
    EXPECT_EQ(moved_units, units_of[e.subject.value]);
    for (const auto& h : j["hand_overs"]) {
      for (size_t i = 0; i < kMemberStatusCount; ++i) {
        handed[i] += h["received"].value(std::string(MemberStatusName(static_cast<MemberStatus>(i))), int64_t{0});
      }
    }
    EXPECT_EQ(handed, moved);
    // A district hands over all it had that day.
    Organization subject;
    StatusCounts subject_then;
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      subject = *tx.GetOrg(e.subject);
                      subject_then = tx.CountsAsOfByScan(e.subject, Date(2025, 6, 30));
                      return Status::Ok();
                    })
                    .ok());
    if (subject.kind == OrgKind::kDistrict) {
      EXPECT_EQ(moved, subject_then.by_status) << subject.code;
      EXPECT_EQ(j["steps"].back()["kind"], "dissolve");
      ++districts;
    }
  }
  EXPECT_GT(districts, 0);
}

TEST_F(StoreTest, BulkLoadedProvinceIsConsistent) {
  demo::Options opt;
  opt.members = 3000;
  opt.seed = 7;
  auto data = demo::Generate(opt);
  const auto generated = data.members;
  // From 400 registrations, an organization of any kind keeps a count ledger (kLedgerMembers in use).
  store_->BulkLoad(
      data.orgs, data.members, [](const char*, size_t, size_t) {}, data.past_parents, 400);
  const auto& members = data.members;  // ids assigned by the load, 1..n in name order
  // The structure before 01/07/2025: district committees, dissolved that day, above the grassroots
  // organizations; the province's count ledger agrees with the member-by-member reading across it.
  const OrgId root_id = data.orgs.front().id;
  ASSERT_FALSE(data.past_parents.empty());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    std::set<std::string> kinds_then, kinds_now;
                    for (const auto& o : tx.ChildrenAsOf(root_id, Date(2025, 6, 30)))
                      kinds_then.insert(std::string(OrgKindName(o.kind)));
                    for (const auto& o : tx.ChildrenAsOf(root_id, Date(2025, 7, 1)))
                      kinds_now.insert(std::string(OrgKindName(o.kind)));
                    EXPECT_TRUE(kinds_then.count("district"));
                    EXPECT_FALSE(kinds_then.count("commune"));
                    EXPECT_TRUE(kinds_now.count("commune"));
                    EXPECT_FALSE(kinds_now.count("district"));
                    const PastParent& p = data.past_parents.front();
                    EXPECT_EQ(tx.GetOrgAsOf(p.org, Date(2025, 6, 30))->parent_id, p.parent);
                    EXPECT_GT(tx.CountsAsOfByScan(root_id, Date(2025, 6, 30)).Counted(), 0);
                    return Status::Ok();
                  })
                  .ok());
  ExpectLogMatchesScan(root_id, {Date(1990, 1, 1), Date(2010, 6, 1), Date(2025, 6, 30), Date(2025, 7, 1),
                                 Date(2026, 1, 1), Date::Today()});
  // The big districts (dissolved) and communes keep one too, right on either side of 01/07/2025; the
  // small ones none.
  std::set<std::string> logged_kinds;
  for (const auto& o : data.orgs) {
    if (o.kind == OrgKind::kCentral || o.kind == OrgKind::kProvincial) continue;
    bool logged = false;
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      logged = tx.CountsFromLog(o.id, Date::Today()).has_value();
                      auto total = [](const StatusCounts& c) {
                        return std::accumulate(c.by_status.begin(), c.by_status.end(), int64_t{0});
                      };
                      const int64_t then = total(tx.CountsAsOfByScan(o.id, Date(2025, 6, 30)));
                      const int64_t now = total(tx.CountsAsOfByScan(o.id, Date::Today()));
                      if (std::max(then, now) >= 400) {
                        EXPECT_TRUE(logged) << o.code;
                      }
                      return Status::Ok();
                    })
                    .ok());
    if (!logged) continue;
    logged_kinds.insert(std::string(OrgKindName(o.kind)));
    ExpectLogMatchesScan(o.id, {Date(1990, 1, 1), Date(2025, 6, 30), Date(2025, 7, 1), Date::Today()});
  }
  EXPECT_TRUE(logged_kinds.count("district"));
  EXPECT_TRUE(logged_kinds.count("commune"));
  ASSERT_EQ(members.size(), generated.size());
  for (size_t i = 0; i < members.size(); ++i) ASSERT_EQ(members[i].full_name, generated[i].full_name);
  std::vector<Member> by_id(members.size());
  for (const auto& m : members) by_id.at(static_cast<size_t>(m.id.value - 1)) = m;
  const Organization& root = data.orgs.front();
  std::map<std::string, int64_t> direct;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    tx.connection().Query("SELECT status, COUNT(*) FROM members GROUP BY status", {},
                                          [&](const Row& r) {
                                            direct[r.Text(0)] = r.Int(1);
                                            return true;
                                          });
                    return Status::Ok();
                  })
                  .ok());
  auto counts = Counts(root.id);
  for (int i = 0; i < kMemberStatusCount; ++i) {
    auto name = std::string(MemberStatusName(static_cast<MemberStatus>(i)));
    EXPECT_EQ(counts.by_status[static_cast<size_t>(i)], direct[name]) << name;
  }
  // Full order.
  MemberQuery q;
  q.subtree = root;
  q.limit = 500;
  const std::vector<int64_t> listed = ListAllIds(q);
  std::vector<std::pair<std::string, int64_t>> keyed;
  for (const auto& m : members) keyed.emplace_back(text::NameSortKey(m.full_name), m.id.value);
  std::sort(keyed.begin(), keyed.end());
  ASSERT_EQ(listed.size(), keyed.size());
  for (size_t i = 0; i < keyed.size(); ++i) ASSERT_EQ(listed[i], keyed[i].second) << i;
  // The stored rows carry the ids given back in the vector.
  ASSERT_TRUE(
      store_
          ->Read([&](Tx& tx) {
            for (size_t i = 0; i < members.size(); i += 97) {
              auto got = tx.GetMember(members[i].id);
              EXPECT_TRUE(got && got->full_name == members[i].full_name && got->national_id == members[i].national_id)
                  << i;
            }
            return Status::Ok();
          })
          .ok());
  // Search, both plans, against brute force.
  for (const std::string text : {"nguyen van an", "thi h", "dang", "tran duc"}) {
    std::vector<int64_t> expected;
    for (const auto& [key, id] : keyed) {
      const auto& m = by_id[static_cast<size_t>(id - 1)];
      if (NameMatches(text::Fold(m.full_name), text)) expected.push_back(id);
    }
    ASSERT_FALSE(expected.empty()) << text;
    for (int64_t limit : {int64_t{0}, int64_t{1000000}}) {
      MemberQuery s;
      s.subtree = root;
      s.q = text;
      s.limit = 500;
      s.small_subtree_limit = limit;
      EXPECT_EQ(ListAllIds(s), expected) << text << " limit " << limit;
    }
  }
  // SQLite builds the search index in a side file, copied in at the end: the file is gone, the index is
  // whole, and it takes the writes of everyday use (a member added is found with the loaded ones).
  const std::string side_prefix = "tcxd-search-" + std::to_string(getpid()) + "-";
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    EXPECT_NE(entry.path().filename().string().rfind(side_prefix, 0), 0u) << entry.path();
  }
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    if (tx.connection().dialect() == Dialect::kSqlite) {
                      tx.connection().Exec("INSERT INTO member_fts(member_fts, rank) VALUES ('integrity-check', 0)");
                    }
                    return Status::Ok();
                  })
                  .ok());
  std::vector<int64_t> before;
  for (const auto& [key, id] : keyed) {
    if (NameMatches(text::Fold(by_id[static_cast<size_t>(id - 1)].full_name), "nguyen van an")) before.push_back(id);
  }
  const Organization& branch = *std::find_if(data.orgs.begin(), data.orgs.end(),
                                             [&](const Organization& o) { return o.id == members[0].org_id; });
  Member added = NewMember(branch, "Nguyễn Văn An");
  ASSERT_TRUE(Insert(added, branch).ok());
  MemberQuery s;
  s.subtree = root;
  s.q = "nguyen van an";
  s.limit = 500;
  const std::vector<int64_t> listed_after = ListAllIds(s);
  const std::set<int64_t> found(listed_after.begin(), listed_after.end());
  EXPECT_EQ(found.size(), before.size() + 1);
  EXPECT_TRUE(found.count(added.id.value));
  for (int64_t id : before) EXPECT_TRUE(found.count(id)) << id;
  // The foreign keys (PostgreSQL drops them for the load) are in force again: a row of an unknown
  // organization is refused in the members and in the count ledger.
  for (const std::string sql : {"UPDATE members SET org_id = 999999999 WHERE id = 1",
                                "INSERT INTO org_count_log(org_id, day, status, n, women) VALUES (999999999, "
                                "'2020-01-01', 'official', 1, 0)"}) {
    bool refused = false;
    (void)store_->Write([&](Tx& tx) {
      try {
        tx.connection().Exec(sql);
      } catch (const DbError&) {
        refused = true;
      }
      return Error::Internal("rolled back");
    });
    EXPECT_TRUE(refused) << sql;
  }
}

// Annual rating (issue #6): campaigns, member and organization ratings, and the outcome counts per branch
// that follow every write (a decision, a downgrade, a not-rated reason) and sum over a subtree.
TEST_F(StoreTest, RatingCampaignsRowsAndTallies) {
  SmallTree();
  Member a = NewMember(b1_, "Nguyễn Văn An");
  Member b = NewMember(b1_, "Trần Thị Bình", Gender::kFemale);
  Member c = NewMember(b3_, "Lê Văn Cường");
  ASSERT_TRUE(Insert(a, b1_).ok());
  ASSERT_TRUE(Insert(b, b1_).ok());
  ASSERT_TRUE(Insert(c, b3_).ok());

  RatingCampaign camp;
  camp.org_id = commune_.id;
  camp.period = {2025, 0, Date(2025, 12, 15)};
  camp.self_due = Date(2025, 12, 1);
  camp.opened_on = Date(2025, 11, 20);
  camp.opened_by = "bantochuc";
  camp.rule_version = "2025-08-30";
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.InsertRatingCampaign(camp); }).ok());
  ASSERT_GT(camp.id, 0);
  RatingCampaign again = camp;
  Status dup = store_->Write([&](Tx& tx) { return tx.InsertRatingCampaign(again); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  auto put = [&](const MemberRatingRow& row) {
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) {
                      tx.PutMemberRating(row);
                      return Status::Ok();
                    })
                    .ok());
  };
  MemberRatingRow ra;
  ra.year = 2025;
  ra.member = a.id;
  ra.campaign_id = camp.id;
  ra.org_id = b1_.id;
  ra.role = RatingRole::kSecretary;
  ra.assessment_json = R"({"scores":[20,10,55,10]})";
  ra.self_total = 95;
  ra.derived_level = RatingLevel::kExcellent;
  ra.self_at_ms = 1000;
  ra.rule_version = "2025-08-30";
  put(ra);  // a self-assessment only: no outcome yet
  ra.level = RatingLevel::kExcellent;
  ra.decided_by = "dangbocoso";
  ra.decided_at_ms = 2000;
  put(ra);
  MemberRatingRow rb = ra;
  rb.member = b.id;
  rb.role = RatingRole::kMember;
  rb.level.reset();
  rb.not_rated = NotRatedReason::kOnLeave;
  rb.not_rated_detail = "Nghỉ 7 tháng";
  put(rb);
  MemberRatingRow rc = ra;
  rc.member = c.id;
  rc.org_id = b3_.id;
  rc.role = RatingRole::kMember;
  rc.level = RatingLevel::kGood;
  put(rc);
  // The higher committee lowers a's rating: the tally moves from excellent to good (downgraded).
  ra.downgraded_from = RatingLevel::kExcellent;
  ra.level = RatingLevel::kGood;
  ra.downgrade_reason = "Chưa gương mẫu";
  ra.downgraded_by = "bantochuc";
  ra.downgraded_at_ms = 3000;
  put(ra);

  ASSERT_TRUE(
      store_
          ->Read([&](Tx& tx) {
            auto got = tx.GetMemberRating(2025, 0, a.id);
            EXPECT_TRUE(got.has_value());
            if (got) {
              EXPECT_EQ(got->level, RatingLevel::kGood);
              EXPECT_EQ(got->downgraded_from, RatingLevel::kExcellent);
              EXPECT_EQ(got->downgrade_reason, "Chưa gương mẫu");
              EXPECT_EQ(got->self_total, 95);
              EXPECT_EQ(got->assessment_json, R"({"scores":[20,10,55,10]})");
              EXPECT_EQ(got->role, RatingRole::kSecretary);
              EXPECT_EQ(got->full_name, "Nguyễn Văn An");
            }
            EXPECT_FALSE(tx.GetMemberRating(2024, 0, a.id).has_value());
            EXPECT_EQ(tx.MemberRatingsOfOrg(camp.id, b1_.id).size(), 2u);

            auto sum = [&](const Organization& o) {
              std::vector<RatingOutcome> v;
              for (const auto& t : tx.RatingTallies(2025, 0, "member", o)) v.push_back(t.outcome);
              return v;
            };
            const RatingSummary all = SummarizeRatings(sum(commune_));
            EXPECT_EQ(all.rated, 2);
            EXPECT_EQ(all.not_rated, 1);
            EXPECT_EQ(all.levels[1].count, 2);  // good: a (downgraded) and c
            EXPECT_EQ(all.levels[0].count, 0);
            EXPECT_EQ(all.reasons[static_cast<size_t>(NotRatedReason::kOnLeave)].count, 1);
            const auto down = DowngradeTable(sum(commune_));
            EXPECT_EQ(down.size(), 1u);
            if (!down.empty()) {
              EXPECT_EQ(down[0].role, RatingRole::kSecretary);
              EXPECT_EQ(down[0].from, RatingLevel::kExcellent);
              EXPECT_EQ(down[0].count, 1);
            }
            EXPECT_EQ(SummarizeRatings(sum(g2_)).rated, 1);
            // By unit: the commune's own counts (its subtree) and each child's (G1: a and b; G2: c).
            std::map<std::string, int64_t> by_path;
            for (const auto& t : tx.RatingTallies(2025, 0, "member", commune_, true)) {
              by_path[t.org_path] += t.outcome.count;
            }
            EXPECT_EQ(by_path, (std::map<std::string, int64_t>{{commune_.path, 3}, {g1_.path, 2}, {g2_.path, 1}}));
            EXPECT_EQ(SummarizeRatings(sum(b2_)).on_rating_date, 0);

            auto progress = tx.RatingProgressByBranch(camp.id, commune_);
            EXPECT_EQ(progress.size(), 2u);  // B1 and B3 have members
            if (progress.size() == 2) {
              EXPECT_EQ(progress[0].code, "B1");
              EXPECT_EQ(progress[0].members, 2);
              EXPECT_EQ(progress[0].self_assessed, 2);
              EXPECT_EQ(progress[0].decided, 1);
              EXPECT_EQ(progress[0].not_rated, 1);
            }
            EXPECT_EQ(tx.RatingCampaignsOf(PathIds(b1_.path)).size(), 1u);
            return Status::Ok();
          })
          .ok());

  OrgRatingRow org;
  org.year = 2025;
  org.org_id = b1_.id;
  org.campaign_id = camp.id;
  org.level = RatingLevel::kGood;
  org.rule_version = "2025-08-30";
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.PutOrgRating(org);
                    tx.CloseRatingCampaign(camp.id, Date(2025, 12, 31), "bantochuc");
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    EXPECT_EQ(tx.GetOrgRating(2025, 0, b1_.id)->level, RatingLevel::kGood);
                    auto tallies = tx.RatingTallies(2025, 0, "org", prov_);
                    EXPECT_EQ(tallies.size(), 1u);
                    EXPECT_EQ(tx.GetRatingCampaign(camp.id)->state, RatingCampaignState::kClosed);
                    return Status::Ok();
                  })
                  .ok());
}

// ---- admission (issue #5)

AdmissionCaseRow NewCase(const Organization& branch, const std::string& name, Gender g = Gender::kMale) {
  AdmissionCaseRow c;
  c.branch_id = branch.id;
  c.state.candidate.full_name = name;
  c.state.candidate.birth_date = Date(2000, 5, 10);
  c.state.candidate.source = CandidateSource::kYouthUnion;
  c.state.candidate.general_education = "3";
  c.state.candidate.awareness_certificate_date = Date(2024, 9, 1);
  c.gender = g;
  c.ethnicity = "Tày";
  c.religion = "Không";
  c.youth_union = true;
  c.introducers_json = R"([{"kind":"youth_union","name":"Đoàn cơ sở"}])";
  c.created_by = "chibo";
  c.created_at_ms = 1000;
  return c;
}

AdmissionStep VoteStep(StepKind kind, Date d) {
  AdmissionStep s;
  s.kind = kind;
  s.date = d;
  s.document_number = "01-NQ/CB";
  s.votes = Votes{8, 1, 12};
  s.recorded_by = "chibo";
  s.deadline = Date(2025, 5, 5);
  s.late = true;
  s.rules = {{"admission.branch_vote_min_ratio", "2/3", "HD 01-HD/TW §3.6c"}, {"k", "v", ""}};
  s.warnings = {"Cảnh báo một", "Cảnh báo hai"};
  return s;
}

TEST_F(StoreTest, AdmissionCaseRoundTripWithSteps) {
  SmallTree();
  AdmissionCaseRow c = NewCase(b1_, "Lò Thị Hoa", Gender::kFemale);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertAdmissionCase(c);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_GT(c.id, 0);
  // A step, then a stale save is refused.
  c.state.steps.push_back(VoteStep(StepKind::kBranchVote, Date(2025, 1, 24)));
  c.step_recorded_at_ms.push_back(2000);
  c.state.stage = AdmissionStage::kBranchVoted;
  c.next_deadline = Date(2025, 5, 5);
  AdmissionCaseRow stale = c;
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.SaveAdmissionCase(c); }).ok());
  EXPECT_EQ(c.version, 2);
  Status s = store_->Write([&](Tx& tx) { return tx.SaveAdmissionCase(stale); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "version");

  std::optional<AdmissionCaseRow> got;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    got = tx.GetAdmissionCase(c.id);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->branch_path, b1_.path);
  EXPECT_EQ(got->branch_code, "B1");
  EXPECT_EQ(got->state.candidate.full_name, "Lò Thị Hoa");
  EXPECT_EQ(got->gender, Gender::kFemale);
  EXPECT_EQ(got->state.candidate.birth_date, Date(2000, 5, 10));
  EXPECT_EQ(got->state.candidate.source, CandidateSource::kYouthUnion);
  EXPECT_EQ(got->introducers_json, c.introducers_json);
  EXPECT_EQ(got->state.stage, AdmissionStage::kBranchVoted);
  EXPECT_EQ(got->next_deadline, Date(2025, 5, 5));
  EXPECT_EQ(got->version, 2);
  ASSERT_EQ(got->state.steps.size(), 1U);
  const AdmissionStep& st = got->state.steps[0];
  EXPECT_EQ(st.kind, StepKind::kBranchVote);
  EXPECT_EQ(st.date, Date(2025, 1, 24));
  EXPECT_EQ(st.document_number, "01-NQ/CB");
  ASSERT_TRUE(st.votes.has_value());
  EXPECT_EQ(st.votes->yes, 8);
  EXPECT_EQ(st.votes->no, 1);
  EXPECT_EQ(st.votes->entitled, 12);
  EXPECT_TRUE(st.late);
  EXPECT_EQ(st.deadline, Date(2025, 5, 5));
  ASSERT_EQ(st.rules.size(), 2U);
  EXPECT_EQ(st.rules[0].key, "admission.branch_vote_min_ratio");
  EXPECT_EQ(st.rules[0].value, "2/3");
  EXPECT_EQ(st.rules[0].source, "HD 01-HD/TW §3.6c");
  EXPECT_EQ(st.warnings, (std::vector<std::string>{"Cảnh báo một", "Cảnh báo hai"}));
  EXPECT_EQ(got->step_recorded_at_ms, std::vector<int64_t>{2000});
}

TEST_F(StoreTest, AdmissionListsFactsQuotasCompetenceAndCalendar) {
  SmallTree();
  AdmissionCaseRow a = NewCase(b1_, "An", Gender::kFemale);
  AdmissionCaseRow b = NewCase(b3_, "Bình");
  AdmissionCaseRow done = NewCase(b1_, "Cúc");
  a.state.stage = AdmissionStage::kAdmitted;
  a.state.decision_date = Date(2026, 3, 2);
  b.state.decision_date = Date(2026, 10, 1);
  b.state.stage = AdmissionStage::kProbation;
  b.religion = "Công giáo";
  done.state.stage = AdmissionStage::kOfficial;
  done.state.decision_date = Date(2025, 3, 2);
  a.state.steps.push_back(VoteStep(StepKind::kBranchVote, Date(2026, 1, 5)));
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertAdmissionCase(a);
                    tx.InsertAdmissionCase(b);
                    tx.InsertAdmissionCase(done);
                    tx.SetAdmissionQuota({g1_.id, QuotaPeriod::kYear, 2026, 2026, 5, "x"}, 1);
                    tx.SetAdmissionQuota({g1_.id, QuotaPeriod::kYear, 2026, 2026, 6, "y"}, 2);  // replaces
                    tx.SetAdmissionQuota({g1_.id, QuotaPeriod::kTerm, 2025, 2030, 30, "y"}, 2);
                    tx.SetCompetentCommittee(g1_.id, commune_.id);
                    tx.ReplaceCalendarYear({2030, CalendarYearStatus::kProvisional, "dự kiến"},
                                           {{Date(2030, 1, 1), false, "Tết Dương lịch"}});
                    tx.ReplaceCalendarYear(
                        {2030, CalendarYearStatus::kOfficial, "QĐ"},
                        {{Date(2030, 1, 1), false, "Tết Dương lịch"}, {Date(2030, 9, 2), false, "Quốc khánh"}});
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto all = tx.ListAdmissionCases(prov_, false, 100);
                    EXPECT_EQ(all.size(), 3U);
                    auto open = tx.ListAdmissionCases(prov_, true, 100);
                    EXPECT_EQ(open.size(), 2U);
                    auto g1 = tx.ListAdmissionCases(g1_, true, 100);
                    EXPECT_EQ(g1.size(), 1U);
                    if (g1.size() == 1U) {
                      EXPECT_EQ(g1[0].state.candidate.full_name, "An");
                      EXPECT_EQ(g1[0].state.steps.size(), 1U);
                    }
                    auto facts = tx.AdmittedFacts(prov_, Date(2026, 1, 1), Date(2026, 12, 31));
                    EXPECT_EQ(facts.size(), 2U);
                    for (const auto& f : facts) {
                      EXPECT_TRUE(f.ethnic_minority);
                      EXPECT_TRUE(f.youth_union);
                      EXPECT_EQ(f.religious, f.branch_path == b3_.path);
                      EXPECT_EQ(f.gender == Gender::kFemale, f.branch_path == b1_.path);
                    }
                    EXPECT_EQ(tx.AdmittedFacts(g2_, Date(2026, 1, 1), Date(2026, 9, 30)).size(), 0U);
                    auto quotas = tx.AdmissionQuotasOf({g1_.id, g2_.id});
                    EXPECT_EQ(quotas.size(), 2U);
                    if (quotas.size() == 2U) {
                      EXPECT_EQ(quotas[1].period, QuotaPeriod::kYear);
                      EXPECT_EQ(quotas[1].target, 6);
                      EXPECT_EQ(quotas[0].last_year, 2030);
                    }
                    auto comp = tx.CompetenceSettings({b1_.id, g1_.id, commune_.id});
                    EXPECT_EQ(comp.size(), 1U);
                    auto years = tx.CalendarYears();
                    EXPECT_EQ(years.size(), 1U);
                    if (!years.empty()) {
                      EXPECT_EQ(years[0].status, CalendarYearStatus::kOfficial);
                    }
                    EXPECT_EQ(tx.CalendarDays().size(), 2U);
                    return Status::Ok();
                  })
                  .ok());
}

// A database made before a year was shipped (here: only an edited 2024) gets the built-in years it lacks
// when the server starts; the year it has keeps the administrator's days.
TEST_F(StoreTest, StartingAddsTheBuiltInCalendarYearsTheDatabaseLacks) {
  ASSERT_TRUE(store_
                  ->Write([&](store::Tx& tx) -> Status {
                    tx.ReplaceCalendarYear({2024, CalendarYearStatus::kOfficial, "sửa tay"},
                                           {{Date(2024, 1, 1), false, "Tết Dương lịch"}});
                    return Status::Ok();
                  })
                  .ok());
  { app::App app(*store_, RuleSet::Default()); }
  std::map<int, CalendarYear> years;
  size_t days_2024 = 0;
  ASSERT_TRUE(store_
                  ->Read([&](store::Tx& tx) -> Status {
                    for (const auto& y : tx.CalendarYears()) years[y.year] = y;
                    for (const auto& d : tx.CalendarDays()) days_2024 += d.date.year() == 2024 ? 1 : 0;
                    return Status::Ok();
                  })
                  .ok());
  for (const auto& y : WorkCalendar::Default().Years()) EXPECT_EQ(years.count(y.year), 1U) << y.year;
  EXPECT_EQ(years.size(), WorkCalendar::Default().Years().size());
  EXPECT_EQ(years[2024].source, "sửa tay");
  EXPECT_EQ(days_2024, 1U);
  EXPECT_EQ(years[2027].status, CalendarYearStatus::kProvisional);
}

// While a campaign is open, the report's "still to rate" counts the members of the rating date: one who died
// after it is still counted; one admitted after it is not.
TEST_F(StoreTest, ARatingReportCountsStillToRateTheMembersOfTheRatingDate) {
  SmallTree();
  const Date today = Date::Today();
  const Date rating_date = today.AddDays(-10);
  Member a = NewMember(b1_, "Nguyễn Văn An");
  Member b = NewMember(b1_, "Trần Văn Bình");
  Member c = NewMember(b2_, "Lê Văn Cường");
  Member late = NewMember(b1_, "Phạm Thị Dung", Gender::kFemale, MemberStatus::kProbationary);
  late.admission_date = today.AddDays(-3);
  late.official_date.reset();
  for (Member* m : {&a, &b, &c, &late}) ASSERT_TRUE(Insert(*m, m == &c ? b2_ : b1_).ok());
  app::App app(*store_, RuleSet::Default());
  app::Caller admin;
  admin.account.login = "admin";
  admin.account.role = Role::kAdmin;
  auto camp = app.OpenRating(admin, g1_.id, {{"year", rating_date.year()}, {"rating_date", rating_date.ToString()}});
  ASSERT_TRUE(camp.ok()) << camp.error().field << ": " << camp.error().message;
  auto pending = [&] {
    auto r = app.GetRatingReport(admin, g1_.id, std::to_string(rating_date.year()), "");
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->members.pending : -1;
  };
  EXPECT_EQ(pending(), 3);  // An, Bình, Cường; not Dung, admitted after the rating date
  auto died = app.RecordMemberEvent(admin, b.id,
                                    {{"kind", "death"},
                                     {"effective_on", today.AddDays(-2).ToString()},
                                     {"decision_number", "5-TB/CB"},
                                     {"decision_date", today.AddDays(-1).ToString()},
                                     {"decision_body", "branch"}});
  ASSERT_TRUE(died.ok()) << died.error().field << ": " << died.error().message;
  EXPECT_EQ(pending(), 3);  // Bình was a member on the rating date
}

TEST_F(StoreTest, MemberEventsAreAppendOnlyAndListedPerSubtreeAndPeriod) {
  SmallTree();
  Member a = NewMember(b1_, "Nguyễn Văn An");
  Member b = NewMember(b3_, "Trần Thị Bình", Gender::kFemale);
  Member c = NewMember(b2_, "Lê Văn Cường");
  ASSERT_TRUE(Insert(a, b1_).ok());
  ASSERT_TRUE(Insert(b, b3_).ok());
  ASSERT_TRUE(Insert(c, b2_).ok());
  auto make = [](const Member& m, const Organization& branch, MemberEventKind kind, Date on) {
    MemberEvent e;
    e.member_id = m.id;
    e.kind = kind;
    e.decision = {"1-QĐ", on, DecidingBody::kGrassroots, "Đảng ủy"};
    e.effective_on = on;
    e.status_before = MemberStatus::kOfficial;
    e.status_after = kind == MemberEventKind::kExemption ? MemberStatus::kExempt : MemberStatus::kRemoved;
    if (kind == MemberEventKind::kRemoval) e.ground = RemovalGround::kUnpaidFees;
    if (kind == MemberEventKind::kExemption) e.until = on.AddMonths(6);
    e.ground_months = 3;
    e.org_id = branch.id;
    e.org_path = branch.path;
    e.recorded_by = "t";
    e.recorded_at_ms = 1;
    return e;
  };
  MemberEvent ea = make(a, b1_, MemberEventKind::kRemoval, Date(2026, 3, 1));
  MemberEvent eb = make(b, b3_, MemberEventKind::kRemoval, Date(2026, 4, 1));
  MemberEvent ec = make(c, b2_, MemberEventKind::kExemption, Date(2025, 5, 1));
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertMemberEvent(ea);
                    tx.InsertMemberEvent(eb);
                    tx.InsertMemberEvent(ec);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_GT(ea.id, 0);
  // A correction of a's removal: the first one is superseded and no longer listed nor counted.
  MemberEvent fix = make(a, b1_, MemberEventKind::kRemoval, Date(2026, 3, 5));
  fix.supersedes = ea.id;
  fix.decision.number = "2-QĐ";
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertMemberEvent(fix);
                    return Status::Ok();
                  })
                  .ok());
  // Two corrections of the same event cannot both stand (unique supersedes).
  MemberEvent fix2 = fix;
  fix2.id = 0;
  EXPECT_FALSE(store_
                   ->Write([&](Tx& tx) {
                     tx.InsertMemberEvent(fix2);
                     return Status::Ok();
                   })
                   .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto hist = tx.MemberEvents(a.id);
                    EXPECT_EQ(hist.size(), 2u);
                    if (hist.size() == 2) {
                      EXPECT_EQ(hist[0].superseded_by, fix.id);
                      EXPECT_EQ(hist[1].supersedes, ea.id);
                      EXPECT_EQ(hist[1].ground, RemovalGround::kUnpaidFees);
                      EXPECT_EQ(hist[1].decision.number, "2-QĐ");
                      EXPECT_EQ(hist[1].effective_on, Date(2026, 3, 5));
                    }
                    const Date y0(2026, 1, 1), y1(2026, 12, 31);
                    auto g1 = tx.SubtreeMemberEvents(g1_, y0, y1, std::nullopt, 50);
                    EXPECT_EQ(g1.size(), 1u);  // a's corrected removal; b is under G2; c's exemption is 2025
                    if (!g1.empty()) {
                      EXPECT_EQ(g1[0].event.id, fix.id);
                      EXPECT_EQ(g1[0].full_name, "Nguyễn Văn An");
                      EXPECT_EQ(g1[0].org_code, "B1");
                    }
                    auto prov = tx.SubtreeMemberEvents(prov_, y0, y1, MemberEventKind::kRemoval, 50);
                    EXPECT_EQ(prov.size(), 2u);
                    if (prov.size() == 2) {
                      EXPECT_EQ(prov[0].full_name, "Trần Thị Bình");  // newest first
                    }
                    auto counts = tx.CountSubtreeMemberEvents(prov_, Date(2025, 1, 1), y1);
                    std::map<MemberEventKind, int64_t> by(counts.begin(), counts.end());
                    EXPECT_EQ(by[MemberEventKind::kRemoval], 2);
                    EXPECT_EQ(by[MemberEventKind::kExemption], 1);
                    EXPECT_EQ(tx.SubtreeMemberEvents(b3_, Date(2026, 4, 2), y1, std::nullopt, 50).size(), 0u);
                    return Status::Ok();
                  })
                  .ok());
  // The events change the statuses by day; the ledger follows them, the superseded removal left out.
  ExpectLogMatchesScan(prov_.id,
                       {Date(2025, 4, 30), Date(2025, 5, 1), Date(2025, 11, 1), Date(2025, 11, 2), Date(2026, 3, 1),
                        Date(2026, 3, 4), Date(2026, 3, 5), Date(2026, 4, 1), Date::Today()});
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto on = [&](Date d, MemberStatus s) {
                      return tx.CountsFromLog(prov_.id, d)->by_status[static_cast<size_t>(s)];
                    };
                    EXPECT_EQ(on(Date(2026, 3, 4), MemberStatus::kRemoved), 0);  // the first date was corrected
                    EXPECT_EQ(on(Date(2026, 3, 5), MemberStatus::kRemoved), 1);
                    EXPECT_EQ(on(Date(2025, 5, 1), MemberStatus::kExempt), 1);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(StoreTest, WatchlistQueriesFindEndedExemptionsReductionsAndProbationers) {
  SmallTree();
  Member ex = NewMember(b1_, "Phạm Văn Miễn", Gender::kMale, MemberStatus::kExempt);
  Member red = NewMember(b1_, "Hoàng Thị Giảm", Gender::kFemale);
  Member prob = NewMember(b2_, "Vũ Văn Dự", Gender::kMale, MemberStatus::kProbationary);
  prob.admission_date = Date(2025, 6, 1);
  prob.official_date.reset();
  Member young = NewMember(b2_, "Đỗ Văn Mới", Gender::kMale, MemberStatus::kProbationary);
  young.admission_date = Date(2026, 6, 1);
  young.official_date.reset();
  for (auto* m : {&ex, &red}) ASSERT_TRUE(Insert(*m, b1_).ok());
  for (auto* m : {&prob, &young}) ASSERT_TRUE(Insert(*m, b2_).ok());
  auto period = [&](const Member& m, MemberEventKind kind, Date from, Date until) {
    MemberEvent e;
    e.member_id = m.id;
    e.kind = kind;
    e.decision = {"5-NQ/CB", from, DecidingBody::kBranch, ""};
    e.effective_on = from;
    e.until = until;
    e.status_before = MemberStatus::kOfficial;
    e.status_after = kind == MemberEventKind::kExemption ? MemberStatus::kExempt : MemberStatus::kOfficial;
    e.org_id = b1_.id;
    e.org_path = b1_.path;
    e.recorded_by = "t";
    return e;
  };
  MemberEvent e1 = period(ex, MemberEventKind::kExemption, Date(2025, 1, 1), Date(2026, 1, 1));
  MemberEvent r1 = period(red, MemberEventKind::kReduction, Date(2026, 1, 1), Date(2026, 10, 1));
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertMemberEvent(e1);
                    tx.InsertMemberEvent(r1);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto exempt = tx.ExemptionsEnded(prov_, Date(2026, 11, 23), 100);
                    EXPECT_EQ(exempt.size(), 1u);
                    if (!exempt.empty()) {
                      EXPECT_EQ(exempt[0].member.full_name, "Phạm Văn Miễn");
                      EXPECT_EQ(exempt[0].event->until, Date(2026, 1, 1));
                      EXPECT_EQ(exempt[0].org_code, "B1");
                    }
                    EXPECT_TRUE(tx.ExemptionsEnded(prov_, Date(2026, 1, 1), 100).empty());  // not before its end
                    EXPECT_TRUE(tx.ExemptionsEnded(g2_, Date(2026, 11, 23), 100).empty());
                    EXPECT_EQ(tx.ReductionsEnded(g1_, Date(2026, 9, 1), Date(2026, 11, 23), 100).size(), 1u);
                    EXPECT_TRUE(tx.ReductionsEnded(g1_, Date(2026, 10, 2), Date(2026, 11, 23), 100).empty());
                    auto p = tx.ProbationaryAdmittedBy(prov_, Date(2025, 11, 23), 100);
                    EXPECT_EQ(p.size(), 1u);
                    if (!p.empty()) {
                      EXPECT_EQ(p[0].member.full_name, "Vũ Văn Dự");
                    }
                    return Status::Ok();
                  })
                  .ok());
  // Ending the exemption takes the member off the list.
  MemberEvent end = period(ex, MemberEventKind::kExemptionEnd, Date(2026, 2, 1), Date(2026, 2, 1));
  end.until.reset();
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertMemberEvent(end);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    EXPECT_TRUE(tx.ExemptionsEnded(prov_, Date(2026, 11, 23), 100).empty());
                    return Status::Ok();
                  })
                  .ok());
}

// ---- transfers (issue #7)

TransferCaseRow NewTransfer(MemberId member, const Organization& from, const Organization* to) {
  TransferCaseRow c;
  c.member_id = member;
  c.from_branch_id = from.id;
  if (to != nullptr) {
    c.to_branch_id = to->id;
  } else {
    c.external_kind = "army";
    c.external_name = "Đảng ủy Sư đoàn 312";
  }
  c.decision_number = "25/QĐ-SNV";
  c.decision_date = Date(2026, 3, 2);
  c.decision_body = "Sở Nội vụ";
  c.state.decision_effective = Date(2026, 3, 2);
  c.state.requested_on = Date(2026, 3, 3);
  c.next_step = TransferStepKind::kSendingReview;
  c.next_deadline = Date(2026, 5, 29);
  c.created_by = "chibo";
  c.created_at_ms = 1000;
  return c;
}

TEST_F(StoreTest, TransferCaseRoundTripVersionAndOneOpenCasePerMember) {
  SmallTree();
  Member m = NewMember(b1_, "Lò Văn Pá");
  ASSERT_TRUE(Insert(m, b1_).ok());
  TransferCaseRow c = NewTransfer(m.id, b1_, &b3_);
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertTransferCase(c);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_GT(c.id, 0);
  // A second open case for the same member: the unique index refuses it, on the member's field.
  TransferCaseRow twice = NewTransfer(m.id, b1_, &b2_);
  Status dup = store_->Write([&](Tx& tx) {
    tx.InsertTransferCase(twice);
    return Status::Ok();
  });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "member_id");

  // Two steps with the letter, then a stale save is refused and changes nothing.
  TransferStep review;
  review.kind = TransferStepKind::kSendingReview;
  review.date = Date(2026, 3, 5);
  review.recorded_by = "chibo";
  TransferStep letter;
  letter.kind = TransferStepKind::kLetter;
  letter.date = Date(2026, 3, 9);
  letter.recorded_by = "bantochuc";
  letter.letter = TransferLetter{"1/2026/GGT-P", "Đảng bộ tỉnh Mẫu", "2026-03"};
  letter.deadline = Date(2026, 5, 29);
  letter.rule_key = "transfer.start_working_days";
  c.state.steps = {review, letter};
  c.state.letter = letter.letter;
  c.state.state = TransferState::kLetterIssued;
  c.step_recorded_at_ms = {2000, 3000};
  c.letter_issuer_id = prov_.id;
  c.letter_year = 2026;
  c.letter_seq = 1;
  TransferCaseRow stale = c;
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.SaveTransferCase(c); }).ok());
  EXPECT_EQ(c.version, 2);
  Status s = store_->Write([&](Tx& tx) { return tx.SaveTransferCase(stale); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.error().field, "version");

  std::optional<TransferCaseRow> got;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    got = tx.GetTransferCase(c.id);
                    EXPECT_EQ(tx.OpenTransferOf(m.id), c.id);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->member_name, "Lò Văn Pá");
  EXPECT_EQ((std::pair{got->from_code, got->from_path}), (std::pair{std::string("B1"), b1_.path}));
  EXPECT_EQ((std::pair{got->to_code, got->to_path}), (std::pair{std::string("B3"), b3_.path}));
  EXPECT_EQ(got->decision_body, "Sở Nội vụ");
  EXPECT_EQ(got->state.decision_effective, Date(2026, 3, 2));
  EXPECT_EQ(got->state.state, TransferState::kLetterIssued);
  EXPECT_EQ(got->version, 2);
  ASSERT_TRUE(got->state.letter.has_value());
  EXPECT_EQ(got->state.letter->number, "1/2026/GGT-P");
  EXPECT_EQ(got->state.letter->fees_paid_to, "2026-03");
  ASSERT_EQ(got->state.steps.size(), 2U);
  EXPECT_EQ(got->state.steps[1].kind, TransferStepKind::kLetter);
  EXPECT_EQ(got->state.steps[1].deadline, Date(2026, 5, 29));
  EXPECT_EQ(got->state.steps[1].rule_key, "transfer.start_working_days");
  EXPECT_EQ(got->step_recorded_at_ms, (std::vector<int64_t>{2000, 3000}));
  EXPECT_EQ(got->letter_issuer_id, prov_.id);

  // Closed (cancelled): the member may have a new case.
  c.state.state = TransferState::kCancelled;
  ASSERT_TRUE(store_->Write([&](Tx& tx) { return tx.SaveTransferCase(c); }).ok());
  EXPECT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    EXPECT_FALSE(tx.OpenTransferOf(m.id).has_value());
                    tx.InsertTransferCase(twice);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(StoreTest, TransferBoardsBothSidesBookNumbersReviewsAndDirectory) {
  SmallTree();
  Organization other = AddOrg(OrgKind::kProvincial, "Q", "Đảng bộ tỉnh Đắk Lắk", nullptr);
  Organization og = AddOrg(OrgKind::kGrassroots, "Q.G1", "Đảng bộ cơ sở Buôn Đôn", &other);
  Organization ob = AddOrg(OrgKind::kBranch, "Q.B1", "Chi bộ Đội Một", &og);
  Member a = NewMember(b1_, "Y Bơ Niê");
  Member b = NewMember(ob, "H'Hen Niê");
  Member c = NewMember(b2_, "Đinh Văn Út");
  ASSERT_TRUE(Insert(a, b1_).ok());
  ASSERT_TRUE(Insert(b, ob).ok());
  ASSERT_TRUE(Insert(c, b2_).ok());
  TransferCaseRow out = NewTransfer(a.id, b1_, &ob);      // from the province to the other one
  TransferCaseRow in = NewTransfer(b.id, ob, &b3_);       // from the other province into it
  TransferCaseRow ext = NewTransfer(c.id, b2_, nullptr);  // to the army
  ext.state.state = TransferState::kCancelled;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.InsertTransferCase(out);
                    tx.InsertTransferCase(in);
                    tx.InsertTransferCase(ext);
                    return Status::Ok();
                  })
                  .ok());
  const auto ids = [](const std::vector<TransferCaseRow>& rows) {
    std::vector<int64_t> v;
    for (const auto& r : rows) v.push_back(r.id);
    return v;
  };
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    // The province: sends `out` and the cancelled `ext`, receives `in`; newest first.
                    EXPECT_EQ(ids(tx.ListTransferCases(prov_, TransferSide::kOutgoing, false, 50)),
                              (std::vector<int64_t>{ext.id, out.id}));
                    EXPECT_EQ(ids(tx.ListTransferCases(prov_, TransferSide::kOutgoing, true, 50)),
                              (std::vector<int64_t>{out.id}));
                    EXPECT_EQ(ids(tx.ListTransferCases(prov_, TransferSide::kIncoming, false, 50)),
                              (std::vector<int64_t>{in.id}));
                    // The other province sees the same cases from the other side.
                    EXPECT_EQ(ids(tx.ListTransferCases(other, TransferSide::kIncoming, false, 50)),
                              (std::vector<int64_t>{out.id}));
                    EXPECT_EQ(ids(tx.ListTransferCases(other, TransferSide::kOutgoing, false, 50)),
                              (std::vector<int64_t>{in.id}));
                    // A branch's subtree only: g2 receives `in`, sends nothing.
                    EXPECT_EQ(ids(tx.ListTransferCases(g2_, TransferSide::kIncoming, false, 50)),
                              (std::vector<int64_t>{in.id}));
                    EXPECT_TRUE(tx.ListTransferCases(g2_, TransferSide::kOutgoing, false, 50).empty());
                    EXPECT_EQ(tx.TransferCasesOfMember(c.id).at(0).external_name, "Đảng ủy Sư đoàn 312");
                    return Status::Ok();
                  })
                  .ok());
  // The transfer book: numbers per issuing committee and year.
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    EXPECT_EQ(tx.NextLetterNumber(prov_.id, 2026), 1);
                    EXPECT_EQ(tx.NextLetterNumber(prov_.id, 2026), 2);
                    EXPECT_EQ(tx.NextLetterNumber(other.id, 2026), 1);
                    EXPECT_EQ(tx.NextLetterNumber(prov_.id, 2027), 1);
                    return Status::Ok();
                  })
                  .ok());
  // A number reserved by a transaction that failed is not used up.
  EXPECT_FALSE(store_
                   ->Write([&](Tx& tx) -> Status {
                     EXPECT_EQ(tx.NextLetterNumber(prov_.id, 2026), 3);
                     return Error::Invalid("x", Msg::kRequired);
                   })
                   .ok());
  // Members under review.
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    EXPECT_EQ(tx.NextLetterNumber(prov_.id, 2026), 3);
                    tx.SetMemberReview(a.id, MemberReview{a.id, Date(2026, 4, 1), "Đang bị kiểm tra", "bantochuc"});
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto r = tx.GetMemberReview(a.id);
                    EXPECT_TRUE(r.has_value() && r->reason == "Đang bị kiểm tra" && r->since == Date(2026, 4, 1));
                    EXPECT_FALSE(tx.GetMemberReview(b.id).has_value());
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.SetMemberReview(a.id, std::nullopt);
                    EXPECT_FALSE(tx.GetMemberReview(a.id).has_value());
                    return Status::Ok();
                  })
                  .ok());
  // The directory: branches only, without diacritics (đ too), every word, with the ancestors' names.
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    auto hits = tx.OrgDirectory(text::Fold("doi mot"), 20);
                    EXPECT_EQ(hits.size(), 1U);
                    if (!hits.empty()) {
                      EXPECT_EQ(hits[0].org.code, "Q.B1");
                      EXPECT_EQ(hits[0].path_names,
                                (std::vector<std::string>{"Đảng bộ tỉnh Đắk Lắk", "Đảng bộ cơ sở Buôn Đôn"}));
                    }
                    std::vector<std::string> codes;
                    for (const auto& h : tx.OrgDirectory("chi bo", 20)) codes.push_back(h.org.code);
                    EXPECT_EQ(codes, (std::vector<std::string>{"B1", "B2", "B3", "Q.B1"}));
                    EXPECT_EQ(tx.OrgDirectory("chi bo", 2).size(), 2U);
                    EXPECT_TRUE(tx.OrgDirectory("dang bo", 20).empty());  // committees are not receiving units
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace tcxd::store

// ---- the 2025 replay (issue #7 item 5), through the app layer on both backends
namespace tcxd::store {
namespace {

class Replay2025Test : public StoreTest {
 protected:
  // The pre-2025 shape: a central root, provinces A and B, each with two districts of three grassroots
  // organizations (two branches each), and province A with two blocs of two grassroots branches.
  // Organizations with `ledger_members` registrations keep a count ledger besides the root and provinces.
  void Generate(int64_t ledger_members = kLedgerMembers) {
    auto add = [&](int64_t id, int64_t parent, OrgKind kind, std::string code, std::string name) {
      Organization o;
      o.id = OrgId(id);
      o.parent_id = OrgId(parent);
      o.kind = kind;
      o.code = std::move(code);
      o.name = std::move(name);
      o.founded_on = Date(1990, 1, 1);
      orgs_.push_back(o);
      return id;
    };
    int64_t next = 1;
    const int64_t root = add(next++, 0, OrgKind::kCentral, "TW", "Trung ương");
    const char* const statuses_cycle = "pppooooooooeerwd";  // probationary, official, exempt, removed, ...
    int64_t member_no = 0;
    auto members_of = [&](int64_t branch, int n) {
      for (int i = 0; i < n; ++i, ++member_no) {
        Member m;
        m.org_id = OrgId(branch);
        m.full_name = "Đảng Viên " + std::to_string(member_no);
        m.gender = member_no % 3 == 0 ? Gender::kFemale : Gender::kMale;
        m.birth_date = Date(1970 + static_cast<int>(member_no % 30), 1, 1);
        m.admission_date = Date(2000, 1, 1);
        switch (statuses_cycle[member_no % 16]) {
          case 'p':
            m.status = MemberStatus::kProbationary;
            m.admission_date = Date(2025, 3, 1);
            break;
          case 'e':
            m.status = MemberStatus::kExempt;
            break;
          case 'r':
            m.status = MemberStatus::kRemoved;
            m.left_on = Date(2024, 1, 1);
            break;
          case 'w':
            m.status = MemberStatus::kWithdrew;
            m.left_on = Date(2024, 1, 1);
            break;
          case 'd':
            m.status = MemberStatus::kDeceased;
            m.left_on = Date(2024, 1, 1);
            break;
          default:
            m.status = MemberStatus::kOfficial;
        }
        if (m.status != MemberStatus::kProbationary) m.official_date = Date(2001, 1, 1);
        members_.push_back(m);
      }
    };
    for (const char* p : {"A", "B"}) {
      const int64_t prov = add(next++, root, OrgKind::kProvincial, p, std::string("Đảng bộ tỉnh ") + p);
      province_[p] = prov;
      for (int d = 1; d <= 2; ++d) {
        const std::string dc = std::string(p) + ".H" + std::to_string(d);
        const int64_t district = add(next++, prov, OrgKind::kDistrict, dc, "Đảng bộ huyện " + dc);
        districts_.push_back(district);
        for (int g = 1; g <= 3; ++g) {
          const std::string gc = dc + ".X" + std::to_string(g);
          const int64_t grassroots = add(next++, district, OrgKind::kGrassroots, gc, "Đảng bộ xã " + gc);
          grassroots_[district].push_back(grassroots);
          for (int b = 1; b <= 2; ++b) {
            const std::string bc = gc + ".B" + std::to_string(b);
            members_of(add(next++, grassroots, OrgKind::kBranch, bc, "Chi bộ " + bc), 5 + (g * b) % 7);
          }
        }
      }
    }
    for (int k = 1; k <= 2; ++k) {
      const std::string kc = "A.K" + std::to_string(k);
      blocs_.push_back(add(next++, province_["A"], OrgKind::kBloc, kc, "Đảng bộ Khối " + kc));
      for (int g = 1; g <= 2; ++g) {
        const std::string gc = kc + ".C" + std::to_string(g);
        members_of(add(next++, blocs_.back(), OrgKind::kGrassrootsBranch, gc, "Chi bộ cơ sở " + gc), 6 + g);
      }
    }
    store_->BulkLoad(
        orgs_, members_, [](const char*, size_t, size_t) {}, {}, ledger_members);
  }

  app::Json Decision() const {
    return app::Json{{"number", "321-QĐ/TW"}, {"date", "2025-06-25"}, {"body", "Bộ Chính trị"}};
  }

  StatusCounts AsOf(OrgId id, Date d) {
    StatusCounts c;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      c = tx.CountsAsOf(id, d);
                      return Status::Ok();
                    })
                    .ok());
    return c;
  }

  // Counts "as of" today, read member by member, equal the maintained aggregates for every organization.
  void ExpectAsOfTodayMatchesAggregates() {
    for (const auto& o : orgs_) {
      const StatusCounts now = Counts(o.id), read = AsOf(o.id, Date::Today());
      EXPECT_EQ(read.by_status, now.by_status) << o.code;
      EXPECT_EQ(read.female_counted, now.female_counted) << o.code;
    }
  }

  OrgId IdOf(const std::string& code) {
    OrgId id;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      if (auto o = tx.GetOrgByCode(code)) id = o->id;
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  // A probationary member admitted on `admitted`, inserted in `branch` (the ledgers above follow).
  void AddProbationary(OrgId branch, const std::string& name, Gender gender, Date admitted) {
    ASSERT_TRUE(store_
                    ->Write([&](Tx& tx) -> Status {
                      Member m;
                      m.org_id = branch;
                      m.full_name = name;
                      m.gender = gender;
                      m.birth_date = Date(2000, 1, 1);
                      m.admission_date = admitted;
                      m.status = MemberStatus::kProbationary;
                      return tx.InsertMember(m, *tx.GetOrg(branch)).ok() ? Status::Ok() : Error::Internal("insert");
                    })
                    .ok());
  }

  void Restructure(app::App& app, app::Json body) {
    body["effective"] = "2025-07-01";
    body["decision"] = Decision();
    auto r = app.Restructure(admin_, body, false);
    ASSERT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
  }

  std::vector<Organization> orgs_;
  std::vector<Member> members_;
  std::map<std::string, int64_t> province_;
  std::vector<int64_t> districts_, blocs_;
  std::map<int64_t, std::vector<int64_t>> grassroots_;
  app::Caller admin_ = [] {
    app::Caller c;
    c.account.login = "admin";
    c.account.role = Role::kAdmin;
    return c;
  }();
};

std::vector<std::string> CodesOf(const std::vector<app::OrgView>& views) {
  std::vector<std::string> out;
  for (const auto& v : views) out.push_back(v.org.code);
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(Replay2025Test, ADatabaseWithoutLedgersGetsThoseOfTheRootAndTheProvinces) {
  Generate();
  const OrgId root(1), a(province_["A"]), b(province_["B"]);
  // As before migration 0013: no ledger anywhere.
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    tx.connection().Exec("DELETE FROM org_count_log", {});
                    tx.connection().Exec("UPDATE orgs SET count_log = 0", {});
                    EXPECT_FALSE(tx.CountsFromLog(root, Date::Today()).has_value());
                    tx.EnsureCountLogs();
                    EXPECT_FALSE(tx.CountsFromLog(OrgId(districts_[0]), Date::Today()).has_value());  // by size only
                    return Status::Ok();
                  })
                  .ok());
  for (OrgId o : {root, a, b}) {
    ExpectLogMatchesScan(
        o, {Date(1999, 12, 31), Date(2000, 1, 1), Date(2001, 1, 1), Date(2024, 1, 1), Date(2025, 3, 1), Date::Today()});
  }
}

TEST_F(Replay2025Test, ProvincesMergedDistrictsRemovedBlocsMergedCountsReconcileAndTheOldTreeRemains) {
  // Each district has 48 registrations, a bloc 15: from 40, the districts keep a ledger from the load,
  // which the restructuring below must keep right.
  constexpr int64_t kLedgerFrom = 40;
  Generate(kLedgerFrom);
  app::App app(*store_, RuleSet::Default());
  app.set_ledger_members(kLedgerFrom);
  const OrgId root(1), a(province_["A"]), b(province_["B"]);
  const StatusCounts national = Counts(root), before_a = Counts(a), before_b = Counts(b);
  std::map<int64_t, StatusCounts> before_grassroots;
  for (const auto& [district, list] : grassroots_) {
    for (int64_t g : list) before_grassroots[g] = Counts(OrgId(g));
  }
  const StatusCounts before_k1 = Counts(OrgId(blocs_[0])), before_k2 = Counts(OrgId(blocs_[1]));
  ASSERT_GT(national.Counted(), 0);
  ExpectAsOfTodayMatchesAggregates();
  std::map<int64_t, StatusCounts> before_all;
  for (const auto& o : orgs_) before_all[o.id.value] = Counts(o.id);
  // Before the probationary members' admission (01/3/2025) they are not counted; the others are.
  const StatusCounts early = AsOf(root, Date(2025, 2, 28));
  EXPECT_EQ(early.by_status[0], 0);
  EXPECT_EQ(early.Counted(), national.Counted() - national.by_status[0]);

  // 1. The district level is removed: each district's grassroots organizations go to new commune
  //    committees of their province (one per district here), founded on 01/7/2025; the district ends.
  std::map<int64_t, int64_t> commune_of;  // district -> its new commune committee
  for (int64_t district : districts_) {
    Organization d;
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      d = *tx.GetOrg(OrgId(district));
                      return Status::Ok();
                    })
                    .ok());
    auto x = app.CreateOrg(admin_, app::Json{{"kind", "commune"},
                                             {"code", d.code + ".XM"},
                                             {"name", "Đảng bộ xã mới " + d.code},
                                             {"parent_id", d.parent_id.value},
                                             {"founded_on", "2025-07-01"}});
    ASSERT_TRUE(x.ok()) << x.error().message;
    commune_of[district] = x->id.value;
    app::Json assignments = app::Json::array();
    for (int64_t g : grassroots_[district]) assignments.push_back({{"unit", g}, {"to", x->id.value}});
    Restructure(app,
                {{"kind", "split"}, {"subject", district}, {"assignments", assignments}, {"dissolve_subject", true}});
  }
  // 2. Province B merges into province A.
  Restructure(app, {{"kind", "merge"}, {"subject", a.value}, {"sources", {b.value}}});
  // 3. The two blocs of A merge.
  Restructure(app, {{"kind", "merge"}, {"subject", blocs_[0]}, {"sources", {blocs_[1]}}});
  // 4. Two branches of a former district of B merge: the members of the first move to the second.
  const OrgId b1 = IdOf("B.H1.X1.B1"), b2 = IdOf("B.H1.X1.B2");
  Restructure(app, {{"kind", "merge"}, {"subject", b2.value}, {"sources", {b1.value}}});
  EXPECT_EQ(Counts(b1).Counted(), 0);
  // Counts by status reconcile exactly.
  EXPECT_EQ(Counts(root).by_status, national.by_status);
  StatusCounts merged = Counts(a);
  for (size_t i = 0; i < merged.by_status.size(); ++i) {
    EXPECT_EQ(merged.by_status[i], before_a.by_status[i] + before_b.by_status[i]) << i;
  }
  EXPECT_EQ(merged.female_counted, before_a.female_counted + before_b.female_counted);
  for (const auto& [district, commune] : commune_of) {
    StatusCounts expected{};
    for (int64_t g : grassroots_[district]) {
      EXPECT_EQ(Counts(OrgId(g)).by_status, before_grassroots[g].by_status);  // unchanged by the move
      for (size_t i = 0; i < expected.by_status.size(); ++i) expected.by_status[i] += before_grassroots[g].by_status[i];
    }
    EXPECT_EQ(Counts(OrgId(commune)).by_status, expected.by_status);
    EXPECT_EQ(Counts(OrgId(district)).Counted(), 0);
  }
  StatusCounts k1 = Counts(OrgId(blocs_[0]));
  for (size_t i = 0; i < k1.by_status.size(); ++i) {
    EXPECT_EQ(k1.by_status[i], before_k1.by_status[i] + before_k2.by_status[i]);
  }

  // 5. Then a member admitted after the change, in a branch of A.
  AddProbationary(IdOf("A.H1.X1.B1"), "Đảng Viên Mới", Gender::kFemale, Date(2025, 9, 1));

  // As of 30/06/2025, member by member: every organization has the members of that day, by status.
  for (const auto& o : orgs_) {
    const StatusCounts then = AsOf(o.id, Date(2025, 6, 30));
    EXPECT_EQ(then.by_status, before_all[o.id.value].by_status) << o.code;
    EXPECT_EQ(then.female_counted, before_all[o.id.value].female_counted) << o.code;
  }
  EXPECT_EQ(AsOf(b1, Date(2025, 6, 30)).by_status, before_all[b1.value].by_status);
  // The new commune committees (48 registrations each) got a ledger from the restructuring that filled
  // them: none is due one at 40. At 15, the review finds the merged bloc (15) and the grassroots
  // organizations of 16 and 19, and builds their ledgers from the registrations of every unit ever under
  // them.
  auto candidates = [&](int64_t threshold) {
    std::vector<OrgId> due;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      due = tx.CountLogCandidates(threshold);
                      return Status::Ok();
                    })
                    .ok());
    return due;
  };
  std::vector<OrgId> communes;
  for (const auto& [district, commune] : commune_of) communes.push_back(OrgId(commune));
  EXPECT_TRUE(candidates(kLedgerFrom).empty());
  EXPECT_EQ(app.ReviewCountLogs(), 0u);
  const std::vector<OrgId> due = candidates(15);
  std::vector<OrgId> expected_due{OrgId(blocs_[0])};
  for (const auto& [district, list] : grassroots_) {
    for (size_t g = 1; g < list.size(); ++g) expected_due.push_back(OrgId(list[g]));  // the 2nd and 3rd: 16, 19
  }
  std::sort(expected_due.begin(), expected_due.end());
  EXPECT_EQ(due, expected_due);
  app.set_ledger_members(15);
  EXPECT_EQ(app.ReviewCountLogs(), due.size());
  EXPECT_EQ(app.ReviewCountLogs(), 0u);  // done once
  // A write after the review moves the new ledgers too: a member admitted on 01/10/2025 under a commune.
  AddProbationary(IdOf("A.H2.X3.B2"), "Đảng Viên Sau", Gender::kMale, Date(2025, 10, 1));
  // The root, the provinces, the former districts and the communes answer from their count ledger: on
  // every day around the changes it equals the member-by-member reading.
  std::vector<OrgId> logged{root, a, b};
  for (int64_t d : districts_) logged.push_back(OrgId(d));
  logged.insert(logged.end(), communes.begin(), communes.end());
  logged.insert(logged.end(), due.begin(), due.end());
  for (OrgId o : logged) {
    for (Date d :
         {Date(1999, 12, 31), Date(2000, 1, 1), Date(2001, 1, 1), Date(2024, 1, 1), Date(2025, 2, 28), Date(2025, 3, 1),
          Date(2025, 6, 30), Date(2025, 7, 1), Date(2025, 8, 31), Date(2025, 9, 1), Date(2025, 10, 1), Date::Today()}) {
      ASSERT_TRUE(store_
                      ->Read([&](Tx& tx) {
                        auto logged = tx.CountsFromLog(o, d);
                        EXPECT_TRUE(logged.has_value());
                        const StatusCounts scan = tx.CountsAsOfByScan(o, d);
                        EXPECT_EQ(logged->by_status, scan.by_status) << o.value << " " << d.ToString();
                        EXPECT_EQ(logged->female_counted, scan.female_counted) << o.value << " " << d.ToString();
                        return Status::Ok();
                      })
                      .ok());
    }
  }
  // Today, the same reading equals the aggregates, new commune committees included.
  ExpectAsOfTodayMatchesAggregates();
  EXPECT_EQ(AsOf(root, Date::Today()).by_status[0], national.by_status[0] + 2);  // the two new members
  for (const auto& [district, commune] : commune_of) {
    EXPECT_EQ(AsOf(OrgId(commune), Date::Today()).by_status, Counts(OrgId(commune)).by_status);
    EXPECT_EQ(AsOf(OrgId(commune), Date(2025, 6, 30)).Counted(), 0);  // not founded yet
  }
  // The day the change took effect, members are counted in the new branch and no longer in the old.
  EXPECT_EQ(AsOf(b1, Date(2025, 7, 1)).Counted(), 0);
  EXPECT_EQ(AsOf(b2, Date(2025, 7, 1)).Counted(), before_all[b1.value].Counted() + before_all[b2.value].Counted());
  // Today: one province, with its blocs and commune committees; no district.
  auto roots_today = app.Children(admin_, root);
  ASSERT_TRUE(roots_today.ok());
  EXPECT_EQ(CodesOf(*roots_today), (std::vector<std::string>{"A"}));
  auto a_today = app.Children(admin_, a);
  ASSERT_TRUE(a_today.ok());
  EXPECT_EQ(CodesOf(*a_today), (std::vector<std::string>{"A.H1.XM", "A.H2.XM", "A.K1", "B.H1.XM", "B.H2.XM"}));
  // As of 30/06/2025: the old structure.
  const Date old(2025, 6, 30);
  auto roots_then = app.ChildrenAsOf(admin_, root, old);
  ASSERT_TRUE(roots_then.ok());
  EXPECT_EQ(CodesOf(*roots_then), (std::vector<std::string>{"A", "B"}));
  auto a_then = app.ChildrenAsOf(admin_, a, old);
  ASSERT_TRUE(a_then.ok());
  EXPECT_EQ(CodesOf(*a_then), (std::vector<std::string>{"A.H1", "A.H2", "A.K1", "A.K2"}));
  auto b_then = app.ChildrenAsOf(admin_, b, old);
  ASSERT_TRUE(b_then.ok());
  EXPECT_EQ(CodesOf(*b_then), (std::vector<std::string>{"B.H1", "B.H2"}));
  auto h_then = app.ChildrenAsOf(admin_, OrgId(districts_[0]), old);
  ASSERT_TRUE(h_then.ok());
  EXPECT_EQ(h_then->size(), 3u);
  auto g_then = app.GetOrgAsOf(admin_, OrgId(grassroots_[districts_[2]][0]), old);  // B's first grassroots
  ASSERT_TRUE(g_then.ok());
  EXPECT_EQ(g_then->org.parent_id, OrgId(districts_[2]));
  EXPECT_EQ(g_then->counts.by_status, before_grassroots[grassroots_[districts_[2]][0]].by_status);
  // The API's view of B as of that day carries B's counts of that day.
  ASSERT_EQ(b_then->size(), 2u);
  auto b_view = app.GetOrgAsOf(admin_, b, old);
  ASSERT_TRUE(b_view.ok());
  EXPECT_EQ(b_view->counts.by_status, before_b.by_status);
  EXPECT_EQ(Counts(b).Counted(), 0);
  // The dashboard of B as of that day: its counts, its admissions of 2025 up to then (the probationary
  // members, admitted on 01/3/2025), every counted member in an age band.
  auto stats = app.GetOrgStats(admin_, b, "", "2025-06-30");
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->as_of, old);
  EXPECT_EQ(stats->year, 2025);
  EXPECT_EQ(stats->counts.by_status, before_b.by_status);
  EXPECT_EQ(stats->admitted_in_year, before_b.by_status[0]);
  int64_t in_bands = 0;
  for (const auto& [band, n] : stats->age_bands) in_bands += n;
  EXPECT_EQ(in_bands, before_b.Counted());
  auto today_stats = app.GetOrgStats(admin_, b, "", "");
  ASSERT_TRUE(today_stats.ok());
  EXPECT_EQ(today_stats->counts.Counted(), 0);
  auto future = app.GetOrgStats(admin_, b, "", Date::Today().AddDays(1).ToString());
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "as_of");
  // The decisions are recorded: four splits (one per district) and three merges.
  auto events = app.ListOrgEvents(admin_, root);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 7u);
  // Nothing can be dated before the new structure any more.
  auto late = app.Restructure(admin_,
                              app::Json{{"kind", "rename"},
                                        {"subject", grassroots_[districts_[0]][0]},
                                        {"new_name", "Đảng bộ xã Tân Mới"},
                                        {"effective", "2025-06-01"},
                                        {"decision", Decision()}},
                              false);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().field, "effective");
}

// Document templates (migration 14): versions are appended, the newest is in force, a reset is a version;
// a failed write leaves no version.
TEST_F(StoreTest, DocTemplateVersionsAreKeptNewestFirst) {
  auto save = [&](const std::string& key, const std::string& text, bool reset, int64_t at) {
    DocTemplateVersion v;
    v.key = key;
    v.text = text;
    v.reset = reset;
    v.saved_by = "admin";
    v.saved_at_ms = at;
    EXPECT_TRUE(store_
                    ->Write([&](Tx& tx) {
                      tx.InsertDocTemplate(v);
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_GT(v.id, 0);
    return v.id;
  };
  std::optional<DocTemplateVersion> latest;
  auto read_latest = [&](const std::string& key) {
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      latest = tx.LatestDocTemplate(key);
                      return Status::Ok();
                    })
                    .ok());
  };
  read_latest("rating_member");
  EXPECT_FALSE(latest.has_value());

  const int64_t first = save("rating_member", "@title MỘT", false, 1000);
  const int64_t second = save("rating_member", "@title HAI – Nguyễn", false, 2000);
  save("rating_report", "@title KHÁC", false, 3000);
  read_latest("rating_member");
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, second);
  EXPECT_EQ(latest->text, "@title HAI – Nguyễn");
  EXPECT_FALSE(latest->reset);
  EXPECT_EQ(latest->saved_by, "admin");
  EXPECT_EQ(latest->saved_at_ms, 2000);

  const int64_t reset = save("rating_member", "", true, 4000);
  read_latest("rating_member");
  ASSERT_TRUE(latest.has_value());
  EXPECT_TRUE(latest->reset);
  EXPECT_EQ(latest->id, reset);

  // A write that fails after inserting keeps nothing.
  Status failed = store_->Write([&](Tx& tx) -> Status {
    DocTemplateVersion v;
    v.key = "rating_member";
    v.text = "@title BA";
    v.saved_by = "admin";
    v.saved_at_ms = 5000;
    tx.InsertDocTemplate(v);
    return Error::Invalid("text", Msg::kTemplateEmpty);
  });
  EXPECT_FALSE(failed.ok());

  std::vector<DocTemplateVersion> history;
  ASSERT_TRUE(store_
                  ->Read([&](Tx& tx) {
                    history = tx.DocTemplateHistory("rating_member", 10);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].id, reset);
  EXPECT_EQ(history[1].id, second);
  EXPECT_EQ(history[2].id, first);
  EXPECT_EQ(history[2].text, "@title MỘT");
}

TEST_F(StoreTest, MemberPhotosAreStoredReplacedAndDeletedWithTheirBytes) {
  SmallTree();
  Member m = NewMember(b1_, "Nguyễn Văn Ảnh");
  ASSERT_TRUE(Insert(m, b1_).ok());
  // Every byte value, NUL and 0xFF included, and a size with an odd number of hex digits' worth.
  std::string bytes("\x89PNG\r\n\x1a\n", 8);
  for (int i = 0; i < 3 * 256 + 1; ++i) bytes.push_back(static_cast<char>(i % 256));
  auto read = [&](bool with_bytes) {
    std::optional<MemberPhotoRow> p;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      p = tx.GetMemberPhoto(m.id, with_bytes);
                      return Status::Ok();
                    })
                    .ok());
    return p;
  };
  auto put = [&](const std::string& type, const std::string& b, int w, int h, int64_t at) {
    return store_->Write([&](Tx& tx) {
      tx.PutMemberPhoto(MemberPhotoRow{m.id, type, static_cast<int64_t>(b.size()), w, h, at, "cb01", b});
      return Status::Ok();
    });
  };
  EXPECT_FALSE(read(true).has_value());

  ASSERT_TRUE(put("image/png", bytes, 354, 472, 1000).ok());
  auto p = read(true);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->member_id, m.id);
  EXPECT_EQ(p->content_type, "image/png");
  EXPECT_EQ(p->size, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(p->width, 354);
  EXPECT_EQ(p->height, 472);
  EXPECT_EQ(p->updated_at_ms, 1000);
  EXPECT_EQ(p->updated_by, "cb01");
  EXPECT_EQ(p->bytes, bytes);
  auto info = read(false);
  ASSERT_TRUE(info.has_value());
  EXPECT_TRUE(info->bytes.empty());
  EXPECT_EQ(info->size, static_cast<int64_t>(bytes.size()));

  // A new upload replaces the photo; a failed one leaves it as it was.
  const std::string jpeg("\xFF\xD8\xFF\xE0jpeg", 8);
  ASSERT_TRUE(put("image/jpeg", jpeg, 300, 400, 2000).ok());
  Status failed = store_->Write([&](Tx& tx) -> Status {
    tx.PutMemberPhoto(MemberPhotoRow{m.id, "image/png", 3, 40, 40, 3000, "cb02", "abc"});
    return Error::Invalid("photo", Msg::kPhotoCorrupt);
  });
  EXPECT_FALSE(failed.ok());
  p = read(true);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->content_type, "image/jpeg");
  EXPECT_EQ(p->bytes, jpeg);
  EXPECT_EQ(p->width, 300);
  EXPECT_EQ(p->updated_at_ms, 2000);

  // A photo belongs to a member that exists.
  EXPECT_FALSE(store_
                   ->Write([&](Tx& tx) {
                     tx.PutMemberPhoto(MemberPhotoRow{MemberId(999999), "image/png", 1, 40, 40, 1, "x", "a"});
                     return Status::Ok();
                   })
                   .ok());

  bool deleted = false;
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    deleted = tx.DeleteMemberPhoto(m.id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(deleted);
  EXPECT_FALSE(read(true).has_value());
  ASSERT_TRUE(store_
                  ->Write([&](Tx& tx) {
                    deleted = tx.DeleteMemberPhoto(m.id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(deleted);
}

}  // namespace
}  // namespace tcxd::store
