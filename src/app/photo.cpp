// The member's photo (issue #4): read, replace and remove it with the scope and rights of the member
// itself; every change audited in its transaction, without the bytes.
#include <fmt/format.h>

#include "app/service.h"
#include "domain/photo.h"

namespace tcxd::app {
namespace {

// What the audit keeps of a photo: its type, size and dimensions.
std::string PhotoAuditJson(const store::MemberPhotoRow& p) {
  return Json{{"content_type", p.content_type}, {"size", p.size}, {"width", p.width}, {"height", p.height}}.dump();
}

}  // namespace

Result<store::Tx::MemberWithBranch> App::PhotoTarget(store::Tx& tx, const Caller& caller, MemberId id, bool& denied) {
  auto found = tx.GetMemberWithPath(id);
  if (!found || !CanSeeMember(caller.account, id, found->path)) {
    denied = true;
    return Error::NotFound();
  }
  if (!CanWriteMembers(caller.account, found->path)) return Error::Forbidden();
  return std::move(*found);
}

Result<ExportFile> App::GetMemberPhoto(const Caller& caller, MemberId id) {
  std::optional<store::MemberPhotoRow> photo;
  std::string path;
  bool visible = false;
  TCXD_RETURN_IF_ERROR(store_.Read([&](store::Tx& tx) {
    auto p = tx.MemberOrgPath(id);
    if (!p || !CanSeeMember(caller.account, id, *p)) return Status::Ok();
    visible = true;
    path = std::move(*p);
    photo = tx.GetMemberPhoto(id);
    return Status::Ok();
  }));
  if (!visible) {
    BufferReadAudit(Audit(&caller, "member.read_denied", "member", id.value, caller.account.org_path));
    return Error::NotFound();
  }
  if (!photo) return Error::NotFound();
  if (caller.account.member_id != id) BufferReadAudit(Audit(&caller, "member.photo.read", "member", id.value, path));
  const bool png = photo->content_type == PhotoContentType(PhotoType::kPng);
  return ExportFile{std::move(photo->bytes), fmt::format("anh-{}.{}", id.value, png ? "png" : "jpg"),
                    photo->content_type, 1};
}

Result<store::MemberPhotoRow> App::SetMemberPhoto(const Caller& caller, MemberId id, std::string_view bytes) {
  auto limits = PhotoLimitsOn(rules_, Today());
  if (!limits.ok()) return limits.error();
  auto info = InspectPhoto(bytes, *limits);
  if (!info.ok()) return info.error();
  store::MemberPhotoRow row{id,
                            std::string(PhotoContentType(info->type)),
                            info->size,
                            info->width,
                            info->height,
                            clock_(),
                            caller.account.login,
                            std::string(bytes)};
  bool denied = false;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto target = PhotoTarget(tx, caller, id, denied);
    if (!target.ok()) return target.error();
    auto before = tx.GetMemberPhoto(id, /*with_bytes=*/false);
    tx.PutMemberPhoto(row);
    auto e = Audit(&caller, "member.photo.set", "member", id.value, target->path);
    if (before) e.before_json = PhotoAuditJson(*before);
    e.after_json = PhotoAuditJson(row);
    tx.AppendAudit(e);
    return Status::Ok();
  });
  if (denied) BufferReadAudit(Audit(&caller, "member.write_denied", "member", id.value, caller.account.org_path));
  if (!s.ok()) return s.error();
  row.bytes.clear();
  return row;
}

Status App::DeleteMemberPhoto(const Caller& caller, MemberId id) {
  bool denied = false;
  Status s = store_.Write([&](store::Tx& tx) -> Status {
    auto target = PhotoTarget(tx, caller, id, denied);
    if (!target.ok()) return target.error();
    auto before = tx.GetMemberPhoto(id, /*with_bytes=*/false);
    if (!before) return Error::NotFound();
    tx.DeleteMemberPhoto(id);
    auto e = Audit(&caller, "member.photo.delete", "member", id.value, target->path);
    e.before_json = PhotoAuditJson(*before);
    tx.AppendAudit(e);
    return Status::Ok();
  });
  if (denied) BufferReadAudit(Audit(&caller, "member.write_denied", "member", id.value, caller.account.org_path));
  return s;
}

}  // namespace tcxd::app
