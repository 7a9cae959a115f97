#include "domain/photo.h"

#include <gtest/gtest.h>

#include <string>

namespace tcxd {
namespace {

const PhotoLimits kLimits{.max_bytes = 4096, .min_side = 32, .max_side = 4000};

void Put16(std::string& s, uint32_t v) {
  s.push_back(static_cast<char>((v >> 8) & 0xFF));
  s.push_back(static_cast<char>(v & 0xFF));
}

void Put32(std::string& s, uint32_t v) {
  Put16(s, v >> 16);
  Put16(s, v & 0xFFFF);
}

// The signature and the IHDR chunk of a PNG (8-bit RGB), then an IEND chunk.
std::string Png(uint32_t width, uint32_t height) {
  std::string s("\x89PNG\r\n\x1a\n", 8);
  Put32(s, 13);
  s += "IHDR";
  Put32(s, width);
  Put32(s, height);
  s += std::string("\x08\x02\x00\x00\x00", 5);
  Put32(s, 0);  // CRC (not checked)
  Put32(s, 0);
  s += "IEND";
  Put32(s, 0xAE426082);
  return s;
}

// SOI, an APP0 (JFIF) segment, a DQT-like segment, then the frame header `sof` with the size.
std::string Jpeg(uint32_t width, uint32_t height, unsigned char sof = 0xC0) {
  std::string s("\xFF\xD8", 2);
  s += std::string("\xFF\xE0", 2);
  Put16(s, 16);
  s += std::string("JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14);
  s += std::string("\xFF\xFF\xDB", 3);  // a fill byte before the marker
  Put16(s, 4);
  s += std::string("\x00\x01", 2);
  s.push_back('\xFF');
  s.push_back(static_cast<char>(sof));
  Put16(s, 17);
  s.push_back('\x08');
  Put16(s, height);
  Put16(s, width);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += std::string("\xFF\xD9", 2);
  return s;
}

TEST(Photo, ReadsPngDimensions) {
  const std::string png = Png(354, 472);
  auto info = InspectPhoto(png, kLimits);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->type, PhotoType::kPng);
  EXPECT_EQ(info->width, 354);
  EXPECT_EQ(info->height, 472);
  EXPECT_EQ(info->size, static_cast<int64_t>(png.size()));
}

TEST(Photo, ReadsJpegDimensionsFromAnyFrameHeader) {
  for (unsigned char sof : {0xC0, 0xC1, 0xC2, 0xC3, 0xC9, 0xCF}) {
    auto info = InspectPhoto(Jpeg(300, 400, sof), kLimits);
    ASSERT_TRUE(info.ok()) << static_cast<int>(sof) << ": " << info.error().message;
    EXPECT_EQ(info->type, PhotoType::kJpeg);
    EXPECT_EQ(info->width, 300);
    EXPECT_EQ(info->height, 400);
  }
}

// DHT (C4), JPG (C8) and DAC (CC) share the range of the frame markers but hold no size.
TEST(Photo, SkipsTablesThatLookLikeFrameMarkers) {
  std::string s("\xFF\xD8", 2);
  for (unsigned char m : {0xC4, 0xCC}) {
    s.push_back('\xFF');
    s.push_back(static_cast<char>(m));
    Put16(s, 7);
    s += std::string("\x08\x00\x01\x00\x01", 5);  // would read as 1 x 1
  }
  s += Jpeg(640, 480).substr(2);
  auto info = InspectPhoto(s, kLimits);
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->width, 640);
  EXPECT_EQ(info->height, 480);
}

struct Refused {
  const char* name;
  std::string bytes;
  Msg msg;
  ErrorCode code = ErrorCode::kInvalid;
};

TEST(Photo, RefusesWhatIsNotAnAcceptableImage) {
  const std::string png = Png(354, 472);
  const std::string jpeg = Jpeg(354, 472);
  std::string not_ihdr = png;
  not_ihdr.replace(12, 4, "IDAT");
  std::string scan_first("\xFF\xD8\xFF\xDA", 4);
  Put16(scan_first, 2);
  const Refused cases[] = {
      {"empty", "", Msg::kPhotoEmpty},
      {"text", "Họ và tên: Nguyễn Văn A\n", Msg::kPhotoNotImage},
      {"pdf", "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n", Msg::kPhotoNotImage},
      {"gif", "GIF89a\x01\x00\x01\x00", Msg::kPhotoNotImage},
      {"png signature cut", png.substr(0, 5), Msg::kPhotoCorrupt},
      {"png header cut", png.substr(0, 20), Msg::kPhotoCorrupt},
      {"png without IHDR", not_ihdr, Msg::kPhotoCorrupt},
      {"jpeg signature cut", jpeg.substr(0, 2), Msg::kPhotoCorrupt},
      {"jpeg before the frame", jpeg.substr(0, 30), Msg::kPhotoCorrupt},
      {"jpeg frame header cut", jpeg.substr(0, 31), Msg::kPhotoCorrupt},
      {"jpeg scan before frame", scan_first, Msg::kPhotoCorrupt},
      {"jpeg ends before frame", std::string("\xFF\xD8\xFF\xD9", 4), Msg::kPhotoCorrupt},
      {"jpeg zero length", std::string("\xFF\xD8\xFF\xE0\x00\x00", 6), Msg::kPhotoCorrupt},
      {"png 0 wide", Png(0, 472), Msg::kPhotoDimensions},
      {"png too small", Png(31, 472), Msg::kPhotoDimensions},
      {"png absurdly tall", Png(354, 100000), Msg::kPhotoDimensions},
      {"png above 2^31", Png(0x80000000U, 472), Msg::kPhotoDimensions},
      {"jpeg height by DNL", Jpeg(354, 0), Msg::kPhotoDimensions},
      {"jpeg too wide", Jpeg(4001, 400), Msg::kPhotoDimensions},
      {"over the cap", png + std::string(4096, '\0'), Msg::kPhotoTooLarge, ErrorCode::kPayloadTooLarge},
  };
  for (const auto& c : cases) {
    auto info = InspectPhoto(c.bytes, kLimits);
    ASSERT_FALSE(info.ok()) << c.name;
    EXPECT_EQ(info.error().code, c.code) << c.name;
    EXPECT_EQ(info.error().field, "photo") << c.name;
    const std::string expected(Text(c.msg).substr(0, 12));
    EXPECT_EQ(info.error().message.substr(0, expected.size()), expected) << c.name << ": " << info.error().message;
  }
}

TEST(Photo, LimitsAtTheEdgesAreAccepted) {
  EXPECT_TRUE(InspectPhoto(Png(32, 4000), kLimits).ok());
  std::string padded = Png(32, 32);
  padded.resize(static_cast<size_t>(kLimits.max_bytes), '\0');
  EXPECT_TRUE(InspectPhoto(padded, kLimits).ok());
  padded.push_back('\0');
  EXPECT_EQ(InspectPhoto(padded, kLimits).error().code, ErrorCode::kPayloadTooLarge);
}

TEST(Photo, MessagesNameTheLimits) {
  auto big = InspectPhoto(std::string(8192, 'x'), kLimits);
  EXPECT_EQ(big.error().message, Format(Msg::kPhotoTooLarge, 4));
  auto wide = InspectPhoto(Png(5000, 400), kLimits);
  EXPECT_EQ(wide.error().message, Format(Msg::kPhotoDimensions, 5000, 400, 32, 4000));
}

TEST(Photo, LimitsComeFromTheRuleSet) {
  auto limits = PhotoLimitsOn(RuleSet::Default(), Date(2026, 11, 23));
  ASSERT_TRUE(limits.ok()) << limits.error().message;
  EXPECT_EQ(limits->max_bytes, 2 * 1024 * 1024);
  EXPECT_EQ(limits->min_side, 32);
  EXPECT_EQ(limits->max_side, 4000);
}

TEST(Photo, ContentTypes) {
  EXPECT_EQ(PhotoContentType(PhotoType::kJpeg), "image/jpeg");
  EXPECT_EQ(PhotoContentType(PhotoType::kPng), "image/png");
}

}  // namespace
}  // namespace tcxd
