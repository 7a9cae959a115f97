// The member's photo (issue #4: the 3 x 4 cm photo of the member sheet and CV). An uploaded file is
// accepted when its bytes are a JPEG or PNG image (recognized by their magic bytes, never by the type
// the client claims) within the size cap and dimensions of the rule set. Only the header is read: the
// image is stored as uploaded and never decoded here.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "domain/rules.h"

namespace tcxd {

enum class PhotoType { kJpeg, kPng };

// "image/jpeg" or "image/png".
std::string_view PhotoContentType(PhotoType t);

// What the header says about an accepted image.
struct PhotoInfo {
  PhotoType type = PhotoType::kJpeg;
  int width = 0;  // pixels
  int height = 0;
  int64_t size = 0;  // bytes of the file
};

// The limits in force (rule::kPhotoMaxBytes, kPhotoMinSidePx, kPhotoMaxSidePx).
struct PhotoLimits {
  int64_t max_bytes = 0;
  int min_side = 0;  // each of width and height, pixels, inclusive
  int max_side = 0;
};

// The limits of the rule set on `on`; kInvalid naming the key when one is missing.
Result<PhotoLimits> PhotoLimitsOn(const RuleSet& rules, Date on);

// Reads the type and the dimensions of `bytes` (the whole file) and checks them against `limits`.
// Errors, all on the field "photo": kInvalid with Msg::kPhotoEmpty (no byte), kPhotoNotImage (neither
// the JPEG nor the PNG signature), kPhotoCorrupt (a signature but no readable dimensions: a truncated
// header, a PNG whose first chunk is not IHDR, a JPEG without a frame header before its data),
// kPhotoDimensions (a side outside [min_side, max_side]); kPayloadTooLarge with kPhotoTooLarge when the
// file is larger than max_bytes (checked first, before anything is read). Pure; thread-safe.
Result<PhotoInfo> InspectPhoto(std::string_view bytes, const PhotoLimits& limits);

}  // namespace tcxd
