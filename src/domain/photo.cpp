#include "domain/photo.h"

#include <algorithm>

namespace tcxd {
namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
constexpr std::string_view kField = "photo";

uint32_t Be16(std::string_view b, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(b[at])) << 8) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1]));
}

uint32_t Be32(std::string_view b, size_t at) {
  return (Be16(b, at) << 16) | Be16(b, at + 2);
}

Error Corrupt() {
  return Error::Invalid(std::string(kField), Msg::kPhotoCorrupt);
}

// PNG: the signature, then the IHDR chunk (length 13, "IHDR", width and height as 32-bit big endian).
Result<PhotoInfo> ReadPng(std::string_view b) {
  constexpr size_t kIhdrEnd = 8 + 4 + 4 + 8;  // signature, length, type, width and height
  if (b.size() < kIhdrEnd || b.substr(12, 4) != "IHDR" || Be32(b, 8) != 13) return Corrupt();
  const uint32_t w = Be32(b, 16);
  const uint32_t h = Be32(b, 20);
  PhotoInfo info{PhotoType::kPng, 0, 0, static_cast<int64_t>(b.size())};
  // The PNG format caps sides at 2^31 - 1; larger values are read as "absurd" (0) and refused later.
  info.width = w > 0x7fffffffU ? 0 : static_cast<int>(w);
  info.height = h > 0x7fffffffU ? 0 : static_cast<int>(h);
  return info;
}

// A start-of-frame marker (SOF0-SOF15 except DHT C4, JPG C8 and DAC CC): its segment holds the size.
bool IsStartOfFrame(unsigned char m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

// JPEG: SOI, then marker segments (FF, marker, 16-bit length including itself) up to the frame header
// (precision, height, width), which must come before the scan data (SOS) or the end (EOI).
Result<PhotoInfo> ReadJpeg(std::string_view b) {
  size_t at = 2;
  while (true) {
    if (at >= b.size() || static_cast<unsigned char>(b[at]) != 0xFF) return Corrupt();
    while (at < b.size() && static_cast<unsigned char>(b[at]) == 0xFF) ++at;  // fill bytes
    if (at >= b.size()) return Corrupt();
    const auto marker = static_cast<unsigned char>(b[at++]);
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;  // no length (TEM, RSTn, SOI)
    if (marker == 0xD9 || marker == 0xDA) return Corrupt();              // EOI or SOS before a frame
    if (at + 2 > b.size()) return Corrupt();
    const uint32_t length = Be16(b, at);
    if (length < 2) return Corrupt();
    if (IsStartOfFrame(marker)) {
      if (length < 7 || at + 7 > b.size()) return Corrupt();
      PhotoInfo info{PhotoType::kJpeg, 0, 0, static_cast<int64_t>(b.size())};
      info.height = static_cast<int>(Be16(b, at + 3));  // 0: defined later by a DNL marker, refused
      info.width = static_cast<int>(Be16(b, at + 5));
      return info;
    }
    at += length;
  }
}

}  // namespace

std::string_view PhotoContentType(PhotoType t) {
  return t == PhotoType::kPng ? "image/png" : "image/jpeg";
}

Result<PhotoLimits> PhotoLimitsOn(const RuleSet& rules, Date on) {
  auto max_bytes = rules.FindInt(rule::kPhotoMaxBytes, on);
  if (!max_bytes.ok()) return max_bytes.error();
  auto min_side = rules.FindInt(rule::kPhotoMinSidePx, on);
  if (!min_side.ok()) return min_side.error();
  auto max_side = rules.FindInt(rule::kPhotoMaxSidePx, on);
  if (!max_side.ok()) return max_side.error();
  return PhotoLimits{*max_bytes, static_cast<int>(*min_side), static_cast<int>(*max_side)};
}

Result<PhotoInfo> InspectPhoto(std::string_view bytes, const PhotoLimits& limits) {
  if (static_cast<int64_t>(bytes.size()) > limits.max_bytes) {
    Error e = Error::Invalid(std::string(kField), Format(Msg::kPhotoTooLarge, limits.max_bytes / 1024));
    e.code = ErrorCode::kPayloadTooLarge;
    return e;
  }
  if (bytes.empty()) return Error::Invalid(std::string(kField), Msg::kPhotoEmpty);
  Result<PhotoInfo> info = Corrupt();
  if (bytes.substr(0, kPngSignature.size()) == kPngSignature) {
    info = ReadPng(bytes);
  } else if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) {
    info = ReadJpeg(bytes);
  } else if (bytes.size() < kPngSignature.size() &&
             (kPngSignature.substr(0, bytes.size()) == bytes ||
              std::string_view("\xFF\xD8\xFF", 3).substr(0, std::min<size_t>(bytes.size(), 3)) == bytes)) {
    return Corrupt();  // the start of a signature, cut short
  } else {
    return Error::Invalid(std::string(kField), Msg::kPhotoNotImage);
  }
  if (!info.ok()) return info;
  const auto within = [&](int side) { return side >= limits.min_side && side <= limits.max_side; };
  if (!within(info->width) || !within(info->height)) {
    return Error::Invalid(std::string(kField),
                          Format(Msg::kPhotoDimensions, info->width, info->height, limits.min_side, limits.max_side));
  }
  return info;
}

}  // namespace tcxd
