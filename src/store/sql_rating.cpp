// The annual rating's storage (issue #6): campaigns, member and organization ratings, and the outcome
// counts per organization (rating_tallies) that the statistics sum over a subtree.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "store/member_row.h"
#include "store/store.h"

namespace tcxd::store {
namespace {

constexpr const char* kCampaignCols =
    "id, org_id, year, quarter, rating_date, self_due, branch_due, committee_due, decision_due, state, opened_on, "
    "opened_by, closed_on, closed_by, rule_version";

std::optional<Date> DateCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return Date::Parse(r.Text(c));
}
std::string TextCol(const Row& r, int c) {
  return r.IsNull(c) ? std::string() : r.Text(c);
}
int64_t IntCol(const Row& r, int c) {
  return r.IsNull(c) ? 0 : r.Int(c);
}
std::optional<RatingLevel> LevelCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return ParseRatingLevel(r.Text(c));
}
std::optional<NotRatedReason> ReasonCol(const Row& r, int c) {
  if (r.IsNull(c)) return std::nullopt;
  return ParseNotRatedReason(r.Text(c));
}
Param LevelParam(const std::optional<RatingLevel>& l) {
  return l ? Param(std::string(RatingLevelName(*l))) : Param(nullptr);
}
Param ReasonParam(const std::optional<NotRatedReason>& r) {
  return r ? Param(std::string(NotRatedReasonName(*r))) : Param(nullptr);
}
Param MsParam(int64_t ms) {
  return ms > 0 ? Param(ms) : Param(nullptr);
}

RatingCampaign CampaignFromRow(const Row& r) {
  RatingCampaign c;
  c.id = r.Int(0);
  c.org_id = OrgId(r.Int(1));
  c.period.year = static_cast<int>(r.Int(2));
  c.period.quarter = static_cast<int>(r.Int(3));
  c.period.rating_date = DateCol(r, 4).value_or(Date());
  c.self_due = DateCol(r, 5);
  c.branch_due = DateCol(r, 6);
  c.committee_due = DateCol(r, 7);
  c.decision_due = DateCol(r, 8);
  c.state = r.Text(9) == "closed" ? RatingCampaignState::kClosed : RatingCampaignState::kOpen;
  c.opened_on = DateCol(r, 10).value_or(Date());
  c.opened_by = r.Text(11);
  c.closed_on = DateCol(r, 12);
  c.closed_by = TextCol(r, 13);
  c.rule_version = r.Text(14);
  return c;
}

// An outcome of rating_tallies from columns 1..4 (role, outcome, from_level, n).
RatingOutcome TallyOutcome(const Row& r) {
  RatingOutcome o;
  o.role = ParseRatingRole(r.Text(1)).value_or(RatingRole::kMember);
  const std::string outcome = r.Text(2);
  if (outcome.rfind("level:", 0) == 0) {
    o.level = ParseRatingLevel(outcome.substr(6));
  } else if (outcome.rfind("not_rated:", 0) == 0) {
    o.not_rated = ParseNotRatedReason(outcome.substr(10));
  }
  const std::string from = r.Text(3);
  if (!from.empty()) o.downgraded_from = ParseRatingLevel(from);
  o.count = r.Int(4);
  return o;
}

// The outcome key of a rating in rating_tallies, or none when it has no outcome yet.
struct TallyKey {
  std::string role;
  std::string outcome;
  std::string from_level;
};
std::optional<TallyKey> KeyOf(const std::optional<RatingLevel>& level, const std::optional<NotRatedReason>& not_rated,
                              const std::optional<RatingLevel>& from, RatingRole role) {
  TallyKey k{std::string(RatingRoleName(role)), {}, from ? std::string(RatingLevelName(*from)) : std::string()};
  if (level) {
    k.outcome = "level:" + std::string(RatingLevelName(*level));
  } else if (not_rated) {
    k.outcome = "not_rated:" + std::string(NotRatedReasonName(*not_rated));
  } else {
    return std::nullopt;
  }
  return k;
}

// Moves one subject's outcome in the counts of `org` and of every organization above it (each row counts
// its organization's whole subtree, like org_counts), so that a report reads a few rows per organization.
void MoveTally(Connection& c, int year, int quarter, const char* subject, OrgId org,
               const std::optional<TallyKey>& before, const std::optional<TallyKey>& after) {
  if (before && after && before->role == after->role && before->outcome == after->outcome &&
      before->from_level == after->from_level) {
    return;
  }
  std::string path;
  c.Query("SELECT path FROM orgs WHERE id = ?", {org.value}, [&](const Row& r) {
    path = r.Text(0);
    return false;
  });
  for (OrgId id : PathIds(path)) {
    if (before) {
      c.Exec(
          "UPDATE rating_tallies SET n = n - 1 WHERE year = ? AND quarter = ? AND subject = ? AND org_id = ? AND "
          "role = ? AND outcome = ? AND from_level = ?",
          {int64_t{year}, int64_t{quarter}, std::string(subject), id.value, before->role, before->outcome,
           before->from_level});
    }
    if (after) {
      c.Exec(
          "INSERT INTO rating_tallies(year, quarter, subject, org_id, role, outcome, from_level, n) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (year, quarter, subject, org_id, role, outcome, from_level) "
          "DO UPDATE SET n = rating_tallies.n + 1",
          {int64_t{year}, int64_t{quarter}, std::string(subject), id.value, after->role, after->outcome,
           after->from_level});
    }
  }
}

constexpr const char* kMemberRatingCols =
    "r.year, r.quarter, r.member_id, r.campaign_id, r.org_id, r.role, r.duty_group, r.assessment, r.self_total, "
    "r.derived_level, r.self_by, r.self_at_ms, r.proposed_level, r.proposal_note, r.proposed_by, r.proposed_at_ms, "
    "r.level, r.override_reason, r.decided_by, r.decided_at_ms, r.downgraded_from, r.downgrade_reason, "
    "r.downgraded_by, r.downgraded_at_ms, r.not_rated, r.not_rated_detail, r.rule_version, m.full_name";

MemberRatingRow MemberRatingFromRow(const Row& r) {
  MemberRatingRow x;
  x.year = static_cast<int>(r.Int(0));
  x.quarter = static_cast<int>(r.Int(1));
  x.member = MemberId(r.Int(2));
  x.campaign_id = r.Int(3);
  x.org_id = OrgId(r.Int(4));
  x.role = ParseRatingRole(r.Text(5)).value_or(RatingRole::kMember);
  x.duty_group = TextCol(r, 6);
  x.assessment_json = TextCol(r, 7);
  if (!r.IsNull(8)) x.self_total = static_cast<int>(r.Int(8));
  x.derived_level = LevelCol(r, 9);
  x.self_by = TextCol(r, 10);
  x.self_at_ms = IntCol(r, 11);
  x.proposed_level = LevelCol(r, 12);
  x.proposal_note = TextCol(r, 13);
  x.proposed_by = TextCol(r, 14);
  x.proposed_at_ms = IntCol(r, 15);
  x.level = LevelCol(r, 16);
  x.override_reason = TextCol(r, 17);
  x.decided_by = TextCol(r, 18);
  x.decided_at_ms = IntCol(r, 19);
  x.downgraded_from = LevelCol(r, 20);
  x.downgrade_reason = TextCol(r, 21);
  x.downgraded_by = TextCol(r, 22);
  x.downgraded_at_ms = IntCol(r, 23);
  x.not_rated = ReasonCol(r, 24);
  x.not_rated_detail = TextCol(r, 25);
  x.rule_version = r.Text(26);
  x.full_name = TextCol(r, 27);
  return x;
}

constexpr const char* kOrgRatingCols =
    "year, quarter, org_id, campaign_id, assessment, self_total, derived_level, level, label, override_reason, "
    "decided_by, decided_at_ms, downgraded_from, downgrade_reason, downgraded_by, downgraded_at_ms, not_rated, "
    "not_rated_detail, rule_version";

OrgRatingRow OrgRatingFromRow(const Row& r) {
  OrgRatingRow x;
  x.year = static_cast<int>(r.Int(0));
  x.quarter = static_cast<int>(r.Int(1));
  x.org_id = OrgId(r.Int(2));
  x.campaign_id = r.Int(3);
  x.assessment_json = TextCol(r, 4);
  if (!r.IsNull(5)) x.self_total = static_cast<int>(r.Int(5));
  x.derived_level = LevelCol(r, 6);
  x.level = LevelCol(r, 7);
  x.label = TextCol(r, 8);
  x.override_reason = TextCol(r, 9);
  x.decided_by = TextCol(r, 10);
  x.decided_at_ms = IntCol(r, 11);
  x.downgraded_from = LevelCol(r, 12);
  x.downgrade_reason = TextCol(r, 13);
  x.downgraded_by = TextCol(r, 14);
  x.downgraded_at_ms = IntCol(r, 15);
  x.not_rated = ReasonCol(r, 16);
  x.not_rated_detail = TextCol(r, 17);
  x.rule_version = r.Text(18);
  return x;
}

}  // namespace

Status Tx::InsertRatingCampaign(RatingCampaign& c) {
  if (c_.QueryInt("SELECT COUNT(*) FROM rating_campaigns WHERE org_id = ? AND year = ? AND quarter = ?",
                  {c.org_id.value, int64_t{c.period.year}, int64_t{c.period.quarter}}, 0) > 0) {
    return Error::Conflict("year", Format(Msg::kRatingCampaignExists, c.period.year));
  }
  c_.Query(
      "INSERT INTO rating_campaigns(org_id, year, quarter, rating_date, self_due, branch_due, committee_due, "
      "decision_due, state, opened_on, opened_by, rule_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?) "
      "RETURNING id",
      {c.org_id.value, int64_t{c.period.year}, int64_t{c.period.quarter}, c.period.rating_date.ToString(),
       OptDate(c.self_due), OptDate(c.branch_due), OptDate(c.committee_due), OptDate(c.decision_due),
       c.opened_on.ToString(), c.opened_by, c.rule_version},
      [&](const Row& r) {
        c.id = r.Int(0);
        return false;
      });
  return Status::Ok();
}

std::optional<RatingCampaign> Tx::GetRatingCampaign(int64_t id) {
  std::optional<RatingCampaign> out;
  c_.Query(std::string("SELECT ") + kCampaignCols + " FROM rating_campaigns WHERE id = ?", {id}, [&](const Row& r) {
    out = CampaignFromRow(r);
    return false;
  });
  return out;
}

std::vector<RatingCampaign> Tx::RatingCampaignsOf(const std::vector<OrgId>& org_ids) {
  std::vector<RatingCampaign> out;
  if (org_ids.empty()) return out;
  std::string ids;  // integers, written into the statement
  for (OrgId id : org_ids) ids += (ids.empty() ? "" : ", ") + std::to_string(id.value);
  c_.Query(std::string("SELECT ") + kCampaignCols + " FROM rating_campaigns WHERE org_id IN (" + ids +
               ") ORDER BY year DESC, quarter DESC, id DESC",
           {}, [&](const Row& r) {
             out.push_back(CampaignFromRow(r));
             return true;
           });
  return out;
}

void Tx::CloseRatingCampaign(int64_t id, Date on, const std::string& by) {
  c_.Exec("UPDATE rating_campaigns SET state = 'closed', closed_on = ?, closed_by = ? WHERE id = ?",
          {on.ToString(), by, id});
}

std::optional<MemberRatingRow> Tx::GetMemberRating(int year, int quarter, MemberId member) {
  std::optional<MemberRatingRow> out;
  c_.Query(std::string("SELECT ") + kMemberRatingCols +
               " FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.year = ? AND r.quarter = ? AND "
               "r.member_id = ?",
           {int64_t{year}, int64_t{quarter}, member.value}, [&](const Row& r) {
             out = MemberRatingFromRow(r);
             return false;
           });
  return out;
}

std::vector<MemberRatingRow> Tx::MemberRatingsOfOrg(int64_t campaign, OrgId org) {
  std::vector<MemberRatingRow> out;
  c_.Query(std::string("SELECT ") + kMemberRatingCols +
               " FROM member_ratings r JOIN members m ON m.id = r.member_id WHERE r.campaign_id = ? AND r.org_id = ? "
               "ORDER BY m.sort_rank",
           {campaign, org.value}, [&](const Row& r) {
             out.push_back(MemberRatingFromRow(r));
             return true;
           });
  return out;
}

void Tx::PutMemberRating(const MemberRatingRow& x) {
  auto before = GetMemberRating(x.year, x.quarter, x.member);
  std::optional<TallyKey> before_key;
  if (before) before_key = KeyOf(before->level, before->not_rated, before->downgraded_from, before->role);
  c_.Exec(
      "INSERT INTO member_ratings(year, quarter, member_id, campaign_id, org_id, role, duty_group, assessment, "
      "self_total, derived_level, self_by, self_at_ms, proposed_level, proposal_note, proposed_by, proposed_at_ms, "
      "level, override_reason, decided_by, decided_at_ms, downgraded_from, downgrade_reason, downgraded_by, "
      "downgraded_at_ms, not_rated, not_rated_detail, rule_version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (year, quarter, member_id) DO UPDATE SET campaign_id = excluded.campaign_id, "
      "org_id = excluded.org_id, role = excluded.role, duty_group = excluded.duty_group, "
      "assessment = excluded.assessment, self_total = excluded.self_total, derived_level = excluded.derived_level, "
      "self_by = excluded.self_by, self_at_ms = excluded.self_at_ms, proposed_level = excluded.proposed_level, "
      "proposal_note = excluded.proposal_note, proposed_by = excluded.proposed_by, "
      "proposed_at_ms = excluded.proposed_at_ms, level = excluded.level, override_reason = excluded.override_reason, "
      "decided_by = excluded.decided_by, decided_at_ms = excluded.decided_at_ms, "
      "downgraded_from = excluded.downgraded_from, downgrade_reason = excluded.downgrade_reason, "
      "downgraded_by = excluded.downgraded_by, downgraded_at_ms = excluded.downgraded_at_ms, "
      "not_rated = excluded.not_rated, not_rated_detail = excluded.not_rated_detail, "
      "rule_version = excluded.rule_version",
      {int64_t{x.year},
       int64_t{x.quarter},
       x.member.value,
       x.campaign_id,
       x.org_id.value,
       std::string(RatingRoleName(x.role)),
       x.duty_group,
       OptText(x.assessment_json),
       x.self_total ? Param(int64_t{*x.self_total}) : Param(nullptr),
       LevelParam(x.derived_level),
       OptText(x.self_by),
       MsParam(x.self_at_ms),
       LevelParam(x.proposed_level),
       OptText(x.proposal_note),
       OptText(x.proposed_by),
       MsParam(x.proposed_at_ms),
       LevelParam(x.level),
       OptText(x.override_reason),
       OptText(x.decided_by),
       MsParam(x.decided_at_ms),
       LevelParam(x.downgraded_from),
       OptText(x.downgrade_reason),
       OptText(x.downgraded_by),
       MsParam(x.downgraded_at_ms),
       ReasonParam(x.not_rated),
       OptText(x.not_rated_detail),
       x.rule_version});
  // The tally moves with the row; a row keeps its branch (org_id) once written.
  OrgId tally_org = before ? before->org_id : x.org_id;
  if (before && before->org_id != x.org_id) {
    MoveTally(c_, x.year, x.quarter, "member", before->org_id, before_key, std::nullopt);
    before_key.reset();
    tally_org = x.org_id;
  }
  MoveTally(c_, x.year, x.quarter, "member", tally_org, before_key,
            KeyOf(x.level, x.not_rated, x.downgraded_from, x.role));
}

void Tx::LoadMemberRatings(const std::vector<MemberRatingRow>& rows) {
  std::set<std::pair<int, int>> periods;
  for (const auto& x : rows) {
    c_.Exec(
        "INSERT INTO member_ratings(year, quarter, member_id, campaign_id, org_id, role, duty_group, assessment, "
        "self_total, derived_level, self_by, self_at_ms, level, decided_by, decided_at_ms, downgraded_from, "
        "downgrade_reason, downgraded_by, downgraded_at_ms, not_rated, not_rated_detail, rule_version) "
        "VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {int64_t{x.year},
         int64_t{x.quarter},
         x.member.value,
         x.campaign_id,
         x.org_id.value,
         std::string(RatingRoleName(x.role)),
         OptText(x.assessment_json),
         x.self_total ? Param(int64_t{*x.self_total}) : Param(nullptr),
         LevelParam(x.derived_level),
         OptText(x.self_by),
         MsParam(x.self_at_ms),
         LevelParam(x.level),
         OptText(x.decided_by),
         MsParam(x.decided_at_ms),
         LevelParam(x.downgraded_from),
         OptText(x.downgrade_reason),
         OptText(x.downgraded_by),
         MsParam(x.downgraded_at_ms),
         ReasonParam(x.not_rated),
         OptText(x.not_rated_detail),
         x.rule_version});
    periods.insert({x.year, x.quarter});
  }
  for (const auto& [year, quarter] : periods) {
    // Per branch in SQL, then added to the branch and every organization above it.
    std::map<std::tuple<int64_t, std::string, std::string, std::string>, int64_t> sums;
    c_.Query(
        "SELECT o.path, r.role, CASE WHEN r.level IS NOT NULL THEN 'level:' || r.level "
        "ELSE 'not_rated:' || r.not_rated END, COALESCE(r.downgraded_from, ''), COUNT(*) "
        "FROM member_ratings r JOIN orgs o ON o.id = r.org_id WHERE r.year = ? AND r.quarter = ? "
        "AND (r.level IS NOT NULL OR r.not_rated IS NOT NULL) GROUP BY o.path, r.role, "
        "CASE WHEN r.level IS NOT NULL THEN 'level:' || r.level ELSE 'not_rated:' || r.not_rated END, "
        "COALESCE(r.downgraded_from, '')",
        {int64_t{year}, int64_t{quarter}}, [&](const Row& r) {
          for (OrgId id : PathIds(r.Text(0))) sums[{id.value, r.Text(1), r.Text(2), r.Text(3)}] += r.Int(4);
          return true;
        });
    for (const auto& [key, n] : sums) {
      c_.Exec(
          "INSERT INTO rating_tallies(year, quarter, subject, org_id, role, outcome, from_level, n) "
          "VALUES (?, ?, 'member', ?, ?, ?, ?, ?)",
          {int64_t{year}, int64_t{quarter}, std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), n});
    }
  }
  // PostgreSQL plans the reports' reads on its statistics: without them, right after a bulk load it takes a
  // year's rows for a handful and walks them all (130 ms at 1 M members instead of 1 ms), until autovacuum
  // analyzes the table.
  if (c_.dialect() == Dialect::kPostgres) c_.Exec("ANALYZE rating_tallies");
}

std::optional<OrgRatingRow> Tx::GetOrgRating(int year, int quarter, OrgId org) {
  std::optional<OrgRatingRow> out;
  c_.Query(std::string("SELECT ") + kOrgRatingCols + " FROM org_ratings WHERE year = ? AND quarter = ? AND org_id = ?",
           {int64_t{year}, int64_t{quarter}, org.value}, [&](const Row& r) {
             out = OrgRatingFromRow(r);
             return false;
           });
  return out;
}

std::vector<OrgRatingRow> Tx::OrgRatingsOfCampaign(int64_t campaign) {
  std::vector<OrgRatingRow> out;
  c_.Query(std::string("SELECT ") + kOrgRatingCols + " FROM org_ratings WHERE campaign_id = ? ORDER BY org_id",
           {campaign}, [&](const Row& r) {
             out.push_back(OrgRatingFromRow(r));
             return true;
           });
  return out;
}

void Tx::PutOrgRating(const OrgRatingRow& x) {
  auto before = GetOrgRating(x.year, x.quarter, x.org_id);
  std::optional<TallyKey> before_key;
  if (before) before_key = KeyOf(before->level, before->not_rated, before->downgraded_from, RatingRole::kMember);
  c_.Exec(
      "INSERT INTO org_ratings(year, quarter, org_id, campaign_id, assessment, self_total, derived_level, level, "
      "label, override_reason, decided_by, decided_at_ms, downgraded_from, downgrade_reason, downgraded_by, "
      "downgraded_at_ms, not_rated, not_rated_detail, rule_version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (year, quarter, org_id) DO UPDATE SET campaign_id = excluded.campaign_id, "
      "assessment = excluded.assessment, self_total = excluded.self_total, derived_level = excluded.derived_level, "
      "level = excluded.level, label = excluded.label, override_reason = excluded.override_reason, "
      "decided_by = excluded.decided_by, decided_at_ms = excluded.decided_at_ms, "
      "downgraded_from = excluded.downgraded_from, downgrade_reason = excluded.downgrade_reason, "
      "downgraded_by = excluded.downgraded_by, downgraded_at_ms = excluded.downgraded_at_ms, "
      "not_rated = excluded.not_rated, not_rated_detail = excluded.not_rated_detail, "
      "rule_version = excluded.rule_version",
      {int64_t{x.year}, int64_t{x.quarter}, x.org_id.value, x.campaign_id, OptText(x.assessment_json),
       x.self_total ? Param(int64_t{*x.self_total}) : Param(nullptr), LevelParam(x.derived_level), LevelParam(x.level),
       OptText(x.label), OptText(x.override_reason), OptText(x.decided_by), MsParam(x.decided_at_ms),
       LevelParam(x.downgraded_from), OptText(x.downgrade_reason), OptText(x.downgraded_by),
       MsParam(x.downgraded_at_ms), ReasonParam(x.not_rated), OptText(x.not_rated_detail), x.rule_version});
  MoveTally(c_, x.year, x.quarter, "org", x.org_id, before_key,
            KeyOf(x.level, x.not_rated, x.downgraded_from, RatingRole::kMember));
}

std::vector<BranchRatingProgress> Tx::RatingProgressByBranch(int64_t campaign, const Organization& org) {
  Params p{campaign};
  std::string index;
  const std::string where = SubtreeFilter(org, p, &index);
  std::vector<BranchRatingProgress> out;
  c_.Query(
      "SELECT o.id, o.code, o.name, COUNT(*), "
      "SUM(CASE WHEN r.self_at_ms IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.proposed_level IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.level IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.not_rated IS NOT NULL THEN 1 ELSE 0 END) "
      "FROM members m JOIN orgs o ON o.id = m.org_id "
      "LEFT JOIN member_ratings r ON r.campaign_id = ? AND r.member_id = m.id WHERE " +
          where + " AND m.status IN (" + CountedStatusList() + ") GROUP BY o.id, o.code, o.name ORDER BY o.code",
      p, [&](const Row& r) {
        BranchRatingProgress b;
        b.branch = OrgId(r.Int(0));
        b.code = r.Text(1);
        b.name = r.Text(2);
        b.members = r.Int(3);
        b.self_assessed = IntCol(r, 4);
        b.proposed = IntCol(r, 5);
        b.decided = IntCol(r, 6);
        b.not_rated = IntCol(r, 7);
        out.push_back(std::move(b));
        return true;
      });
  return out;
}

std::vector<RatingTallyRow> Tx::RatingTallies(int year, int quarter, const std::string& subject,
                                              const Organization& org, bool by_unit) {
  std::vector<RatingTallyRow> out;
  // Each organization's rows count its whole subtree: the organization's own rows, and by unit its
  // children's (orgs_parent), whatever the size of the subtree.
  const auto read = [&](const char* where) {
    // CROSS JOIN: SQLite then reads the organizations first (a key lookup) and their few rows by key, instead
    // of walking every row of the year (its key starts with the year) and looking up each organization.
    c_.Query(std::string("SELECT o.path, t.role, t.outcome, t.from_level, t.n FROM orgs o CROSS JOIN rating_tallies t "
                         "WHERE ") +
                 where + " AND t.year = ? AND t.quarter = ? AND t.subject = ? AND t.org_id = o.id AND t.n > 0",
             {org.id.value, int64_t{year}, int64_t{quarter}, subject}, [&](const Row& r) {
               out.push_back(RatingTallyRow{r.Text(0), TallyOutcome(r)});
               return true;
             });
  };
  read("o.id = ?");
  if (by_unit) read("o.parent_id = ?");
  return out;
}

std::vector<std::pair<OrgId, RatingOutcome>> Tx::OwnRatingOutcomes(int year, int quarter, const std::string& subject,
                                                                   const std::vector<OrgId>& orgs) {
  std::vector<std::pair<OrgId, RatingOutcome>> out;
  Params ids;
  for (OrgId o : orgs) ids.emplace_back(o.value);
  const Params period{int64_t{year}, int64_t{quarter}};
  ForEachInChunk(ids, [&](const std::string& marks, const Params& chunk) {
    if (subject == "member") {
      c_.Query(
          "SELECT t.org_id, t.role, t.outcome, t.from_level, t.n FROM rating_tallies t WHERE t.year = ? AND "
          "t.quarter = ? AND t.subject = 'member' AND t.org_id IN (" +
              marks + ") AND t.n > 0",
          Joined(period, chunk), [&](const Row& r) {
            out.emplace_back(OrgId(r.Int(0)), TallyOutcome(r));
            return true;
          });
      return;
    }
    c_.Query(
        "SELECT org_id, level, not_rated, downgraded_from FROM org_ratings WHERE year = ? AND quarter = ? AND "
        "org_id IN (" +
            marks + ")",
        Joined(period, chunk), [&](const Row& r) {
          RatingOutcome o;
          if (!r.IsNull(1)) o.level = ParseRatingLevel(r.Text(1));
          if (!o.level && !r.IsNull(2)) o.not_rated = ParseNotRatedReason(r.Text(2));
          if (!r.IsNull(3)) o.downgraded_from = ParseRatingLevel(r.Text(3));
          o.count = 1;
          if (o.level || o.not_rated) out.emplace_back(OrgId(r.Int(0)), o);
          return true;
        });
  });
  return out;
}

}  // namespace tcxd::store
