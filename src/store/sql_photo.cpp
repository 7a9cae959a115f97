// Member photos (migration 15; src/domain/photo.h checks the files before they get here).
#include <string>

#include "store/store.h"

namespace tcxd::store {
namespace {

constexpr const char* kInfoCols = "member_id, content_type, size_bytes, width, height, updated_at_ms, updated_by";
constexpr const char* kUpsert =
    "INSERT INTO member_photos(member_id, content_type, size_bytes, width, height, updated_at_ms, updated_by, bytes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET content_type = excluded.content_type, "
    "size_bytes = excluded.size_bytes, width = excluded.width, height = excluded.height, "
    "updated_at_ms = excluded.updated_at_ms, updated_by = excluded.updated_by, bytes = excluded.bytes";

}  // namespace

std::optional<MemberPhotoRow> Tx::GetMemberPhoto(MemberId member, bool with_bytes) {
  std::optional<MemberPhotoRow> out;
  c_.Query(
      std::string("SELECT ") + kInfoCols + (with_bytes ? ", bytes" : "") + " FROM member_photos WHERE member_id = ?",
      {member.value}, [&](const Row& r) {
        MemberPhotoRow p;
        p.member_id = MemberId(r.Int(0));
        p.content_type = r.Text(1);
        p.size = r.Int(2);
        p.width = static_cast<int>(r.Int(3));
        p.height = static_cast<int>(r.Int(4));
        p.updated_at_ms = r.Int(5);
        p.updated_by = r.Text(6);
        if (with_bytes) p.bytes = r.Bytes(7);
        out = std::move(p);
        return false;
      });
  return out;
}

void Tx::PutMemberPhoto(const MemberPhotoRow& p) {
  c_.Exec(kUpsert, {p.member_id.value, p.content_type, p.size, int64_t{p.width}, int64_t{p.height}, p.updated_at_ms,
                    p.updated_by, Blob{p.bytes}});
}

bool Tx::DeleteMemberPhoto(MemberId member) {
  return c_.Exec("DELETE FROM member_photos WHERE member_id = ?", {member.value}) > 0;
}

}  // namespace tcxd::store
