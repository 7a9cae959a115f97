#include "io/zip_memory.h"

#include <algorithm>
#include <cstring>

namespace tcxd::io {
namespace {

std::string_view Data(const ZipMemory& m) {
  return m.writing ? std::string_view(m.out) : m.in;
}

voidpf ZOpen(voidpf opaque, const void* /*filename*/, int /*mode*/) {
  return opaque;
}
uLong ZRead(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<ZipMemory*>(stream);
  const std::string_view data = Data(*m);
  const uint64_t n = std::min<uint64_t>(size, data.size() - std::min<uint64_t>(m->pos, data.size()));
  std::memcpy(buf, data.data() + m->pos, n);
  m->pos += n;
  return static_cast<uLong>(n);
}
uLong ZWrite(voidpf /*opaque*/, voidpf stream, const void* buf, uLong size) {
  auto* m = static_cast<ZipMemory*>(stream);
  if (!m->writing) return 0;
  if (m->pos + size > m->out.size()) m->out.resize(m->pos + size);
  std::memcpy(m->out.data() + m->pos, buf, size);
  m->pos += size;
  return size;
}
ZPOS64_T ZTell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<ZipMemory*>(stream)->pos;
}
long ZSeek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {  // NOLINT(google-runtime-int)
  auto* m = static_cast<ZipMemory*>(stream);
  const uint64_t size = Data(*m).size();
  uint64_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = m->pos;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = size;
  if (!m->writing && base + offset > size) return -1;
  m->pos = base + offset;
  return 0;
}
int ZClose(voidpf /*opaque*/, voidpf /*stream*/) {
  return 0;
}
int ZError(voidpf /*opaque*/, voidpf /*stream*/) {
  return 0;
}

}  // namespace

zlib_filefunc64_def ZipMemoryFuncs(ZipMemory* m) {
  zlib_filefunc64_def def{};
  def.zopen64_file = ZOpen;
  def.zread_file = ZRead;
  def.zwrite_file = ZWrite;
  def.ztell64_file = ZTell;
  def.zseek64_file = ZSeek;
  def.zclose_file = ZClose;
  def.zerror_file = ZError;
  def.opaque = m;
  return def;
}

}  // namespace tcxd::io
