// minizip over memory: the file-function callbacks that let unzip read an archive held in a string and
// zip write one into a string (.xlsx import in io/tabular.cpp, .docx in print/docx.cpp). No I/O.
#pragma once

#include <minizip/ioapi.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace tcxd::io {

// The archive: `in` when reading, `out` when writing (then `in` is unused), and the position.
struct ZipMemory {
  std::string_view in;
  std::string out;
  bool writing = false;
  uint64_t pos = 0;
};

// Callbacks over `m`, for unzOpen2_64 / zipOpen2_64 (the file name they are given is ignored).
// REQUIRES: `m` outlives the zip or unzip handle. Not thread-safe on the same `m`.
zlib_filefunc64_def ZipMemoryFuncs(ZipMemory* m);

}  // namespace tcxd::io
