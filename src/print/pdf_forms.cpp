#include "print/pdf_forms.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "i18n/messages.h"

namespace tcxd::print {
namespace {

// Geometry in PDF points (1/72 inch). A4 = 210 x 297 mm.
constexpr double kMm = 72.0 / 25.4;
constexpr double kA4Short = 210 * kMm;
constexpr double kA4Long = 297 * kMm;
// Fallbacks keep the output readable where Liberation is missing; both have full Vietnamese coverage.
constexpr const char* kFontFamily = "Liberation Serif, DejaVu Serif, serif";
constexpr double kBodySize = 12;
constexpr double kSmallSize = 11;
constexpr double kCellPad = 3;
constexpr double kRule = 0.6;  // table and box lines
constexpr const char* kDots = "……";
constexpr double kMaxDpi = 600;  // an A4 page at 600 dpi is 35 Mpixels (140 MB): the preview limit

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

std::string DateText(const std::optional<Date>& d) {
  return d ? fmt::format("{:02}/{:02}/{:04}", d->day(), d->month(), d->year()) : std::string();
}
std::string MonthText(const std::optional<Date>& d) {
  return d ? fmt::format("{:02}/{:04}", d->month(), d->year()) : std::string();
}

// `s` unchanged when it is valid UTF-8, else with each bad byte sequence replaced by U+FFFD (pango and
// glib need valid text; the inputs should already be clean, this keeps a bad byte from breaking a form).
std::string ValidUtf8(std::string_view s) {
  if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return std::string(s);
  gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  std::string out(valid);
  g_free(valid);
  return out;
}

// Upper-cases a UTF-8 name with its Vietnamese marks (glib knows the Unicode case tables).
std::string Upper(std::string_view text) {
  const std::string s = ValidUtf8(text);
  gchar* up = g_utf8_strup(s.data(), static_cast<gssize>(s.size()));
  std::string out(up);
  g_free(up);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Pages: a PDF surface keeps every page; a PNG preview keeps one page and drops the others.

class Canvas final {
 public:
  static std::unique_ptr<Canvas> ForPdf(double width, double height, const std::string& title, std::string* out) {
    auto c = std::unique_ptr<Canvas>(new Canvas());
    c->out_ = out;
    c->surface_.reset(cairo_pdf_surface_create_for_stream(&Canvas::Append, out, width, height));
    cairo_pdf_surface_set_metadata(c->surface_.get(), CAIRO_PDF_METADATA_TITLE, ValidUtf8(title).c_str());
    cairo_pdf_surface_set_metadata(c->surface_.get(), CAIRO_PDF_METADATA_CREATOR, "TCXD");
    c->cr_.reset(cairo_create(c->surface_.get()));
    return c;
  }

  static std::unique_ptr<Canvas> ForPng(double width, double height, double dpi, int page, std::string* out) {
    auto c = std::unique_ptr<Canvas>(new Canvas());
    c->out_ = out;
    c->png_page_ = page;
    const double scale = dpi / 72.0;
    c->surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(width * scale)),
                                                 static_cast<int>(std::lround(height * scale))));
    c->cr_.reset(cairo_create(c->surface_.get()));
    cairo_scale(c->cr_.get(), scale, scale);
    c->Clear();
    return c;
  }

  cairo_t* cr() const { return cr_.get(); }
  int pages() const { return pages_; }
  bool png_found() const { return png_found_; }

  // Ends the current page (call it for the last page too).
  void EndPage() {
    if (png_page_ < 0) {
      cairo_show_page(cr_.get());
    } else {
      if (pages_ == png_page_) {
        cairo_surface_flush(surface_.get());
        out_->clear();
        cairo_surface_write_to_png_stream(surface_.get(), &Canvas::Append, out_);
        png_found_ = true;
      }
      Clear();
    }
    ++pages_;
  }

  // Flushes the document into the output string.
  Status Finish() {
    cairo_status_t st = cairo_status(cr_.get());
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface_.get());
    if (st != CAIRO_STATUS_SUCCESS) return Error::Internal(std::string("cairo: ") + cairo_status_to_string(st));
    return Status::Ok();
  }

 private:
  Canvas() = default;

  static cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }

  void Clear() {
    cairo_t* cr = cr_.get();
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_restore(cr);
  }

  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface_;
  std::unique_ptr<cairo_t, CairoDestroy> cr_;
  std::string* out_ = nullptr;
  int png_page_ = -1;  // < 0: PDF
  int pages_ = 0;
  bool png_found_ = false;
};

// ---------------------------------------------------------------------------------------------------
// Text: pango layouts in one context per document, in points, without hinting, so that the PDF and the
// PNG preview break lines at the same places.

struct Style {
  double size = kBodySize;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  int max_lines = 25;   // longer text is cut with "…", so that one block always fits a page
  bool markup = false;  // the text is pango markup (built by Markup, values escaped)
  bool justify = false;
  double indent = 0;  // of the first line
};

class Typesetter final {
 public:
  Typesetter() : ctx_(pango_font_map_create_context(pango_cairo_font_map_get_default())) {
    pango_cairo_context_set_resolution(ctx_.get(), 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx_.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(ctx_.get(), FALSE);
  }

  LayoutPtr Make(std::string_view text, const Style& style, double width) const {
    LayoutPtr layout(pango_layout_new(ctx_.get()));
    PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
    pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(), pango_units_from_double(width));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.align);
    pango_layout_set_height(layout.get(), -style.max_lines);
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    const std::string valid = ValidUtf8(text);
    if (style.markup) {
      pango_layout_set_markup(layout.get(), valid.data(), static_cast<int>(valid.size()));
    } else {
      pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
    }
    pango_layout_set_justify(layout.get(), style.justify ? TRUE : FALSE);
    pango_layout_set_indent(layout.get(), pango_units_from_double(style.indent));
    if (style.underline) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
      pango_layout_set_attributes(layout.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    return layout;
  }

  // "label value" in one paragraph, the value in bold.
  LayoutPtr Field(std::string_view label, std::string_view value, double size, double width) const {
    std::string text(label);
    if (!value.empty()) {
      text += ' ';
      text += value;
    }
    LayoutPtr layout = Make(text, Style{.size = size}, width);
    if (!value.empty()) {
      PangoAttrList* attrs = pango_attr_list_new();
      PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      bold->start_index = static_cast<guint>(label.size() + 1);
      bold->end_index = PANGO_ATTR_INDEX_TO_TEXT_END;
      pango_attr_list_insert(attrs, bold);
      pango_layout_set_attributes(layout.get(), attrs);
      pango_attr_list_unref(attrs);
    }
    return layout;
  }

 private:
  ContextPtr ctx_;
};

double Height(PangoLayout* layout) {
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout, &w, &h);
  return pango_units_to_double(h);
}

double LineHeight(PangoLayout* layout) {
  return Height(layout) / std::max(1, pango_layout_get_line_count(layout));
}

void Draw(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

// The right end and the baseline of the last line, relative to the layout's origin.
std::pair<double, double> LastLineEnd(PangoLayout* layout) {
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  while (!pango_layout_iter_at_last_line(it)) pango_layout_iter_next_line(it);
  PangoRectangle logical{};
  pango_layout_iter_get_line_extents(it, nullptr, &logical);
  const int baseline = pango_layout_iter_get_baseline(it);
  pango_layout_iter_free(it);
  return {pango_units_to_double(logical.x + logical.width), pango_units_to_double(baseline)};
}

// A dotted line on a baseline, like the pre-printed dots of the paper form.
void Dots(cairo_t* cr, double x0, double x1, double baseline) {
  if (x1 - x0 < 6) return;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.8);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  const double dash[] = {0.0, 2.6};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, x0, baseline - 0.5);
  cairo_line_to(cr, x1, baseline - 0.5);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void Box(cairo_t* cr, double x, double y, double w, double h, double line = kRule) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, line);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
  cairo_restore(cr);
}

// ---------------------------------------------------------------------------------------------------
// A form field: label, value, and dots to the end of its column; `blank_lines` more dotted lines when
// the value is empty (for items answered in sentences).

struct FieldBlock {
  LayoutPtr layout;
  double x0 = 0;
  double x1 = 0;
  double height = 0;
  int blank_lines = 0;
};

FieldBlock MakeField(const Typesetter& ts, std::string_view label, std::string_view value, double x0, double x1,
                     int blank_lines = 0, double size = kBodySize) {
  FieldBlock f;
  f.layout = ts.Field(label, value, size, x1 - x0);
  f.x0 = x0;
  f.x1 = x1;
  f.blank_lines = value.empty() ? blank_lines : 0;
  f.height = Height(f.layout.get()) + f.blank_lines * LineHeight(f.layout.get());
  return f;
}

void DrawField(cairo_t* cr, const FieldBlock& f, double y) {
  Draw(cr, f.layout.get(), f.x0, y);
  const auto [end, baseline] = LastLineEnd(f.layout.get());
  Dots(cr, f.x0 + end + 3, f.x1, y + baseline);
  const double pitch = LineHeight(f.layout.get());
  for (int i = 1; i <= f.blank_lines; ++i) Dots(cr, f.x0, f.x1, y + baseline + i * pitch);
}

// A vertical run of blocks over pages.
class Flow final {
 public:
  Flow(Canvas& canvas, double top, double bottom) : canvas_(canvas), top_(top), bottom_(bottom), y_(top) {}

  cairo_t* cr() const { return canvas_.cr(); }
  double y() const { return y_; }
  void Advance(double dy) { y_ += dy; }
  bool AtTop() const { return y_ <= top_; }
  // Starts a new page unless `height` fits below the cursor (or the page is still empty).
  bool Ensure(double height) {
    if (y_ + height <= bottom_ || AtTop()) return false;
    canvas_.EndPage();
    y_ = top_;
    return true;
  }
  void Finish() { canvas_.EndPage(); }

 private:
  Canvas& canvas_;
  double top_;
  double bottom_;
  double y_;
};

constexpr double kRowGap = 3.5;  // between the lines of the form

// One line of the form with one or more fields side by side.
void FieldRow(Flow& flow, const std::vector<FieldBlock>& fields) {
  double h = 0;
  for (const auto& f : fields) h = std::max(h, f.height);
  flow.Ensure(h);
  for (const auto& f : fields) DrawField(flow.cr(), f, flow.y());
  flow.Advance(h + kRowGap);
}

// ---------------------------------------------------------------------------------------------------
// Tables with ruled cells; the header row is repeated after a page break.

struct Column {
  double width;
  PangoAlignment align = PANGO_ALIGN_LEFT;
};

struct Row {
  std::vector<LayoutPtr> cells;
  double height = 0;
};

Row MakeRow(const Typesetter& ts, const std::vector<Column>& cols, const std::vector<std::string>& texts,
            const Style& base, double min_height = 0) {
  Row row;
  row.height = min_height;
  for (size_t i = 0; i < cols.size(); ++i) {
    Style s = base;
    if (!base.bold) s.align = cols[i].align;
    row.cells.push_back(ts.Make(i < texts.size() ? texts[i] : std::string(), s, cols[i].width - 2 * kCellPad));
    row.height = std::max(row.height, Height(row.cells.back().get()) + 2 * kCellPad);
  }
  return row;
}

void DrawRow(cairo_t* cr, const std::vector<Column>& cols, const Row& row, double x, double y, bool center) {
  for (size_t i = 0; i < cols.size(); ++i) {
    PangoLayout* cell = row.cells[i].get();
    const double dy = center ? (row.height - Height(cell)) / 2 : kCellPad;
    Draw(cr, cell, x + kCellPad, y + dy);
    Box(cr, x, y, cols[i].width, row.height);
    x += cols[i].width;
  }
}

// Draws `heading` (may be null), the header and the rows; keeps the heading, the header and the first
// row together. `blank_rows` empty rows are added when there are no rows (room to write by hand).
struct TableLook {
  double size = kSmallSize;
  bool markup = false;  // cells are pango markup
};

void FlowTable(Flow& flow, const Typesetter& ts, PangoLayout* heading, double x, const std::vector<Column>& cols,
               const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
               int blank_rows, const TableLook& look = {}) {
  const Style head_style{.size = look.size, .bold = true, .align = PANGO_ALIGN_CENTER, .markup = look.markup};
  const Style body_style{.size = look.size, .max_lines = 12, .markup = look.markup};
  const Row head = MakeRow(ts, cols, header, head_style);
  std::vector<Row> body;
  body.reserve(rows.size());
  for (const auto& r : rows) body.push_back(MakeRow(ts, cols, r, body_style));
  const double blank_height = LineHeight(head.cells[0].get()) * 1.6 + 2 * kCellPad;
  if (body.empty()) {
    for (int i = 0; i < blank_rows; ++i) body.push_back(MakeRow(ts, cols, {}, body_style, blank_height));
  }
  const double heading_h = heading != nullptr ? Height(heading) + 4 : 0;
  flow.Ensure(heading_h + head.height + (body.empty() ? 0 : body[0].height));
  if (heading != nullptr) {
    Draw(flow.cr(), heading, x, flow.y());
    flow.Advance(heading_h);
  }
  DrawRow(flow.cr(), cols, head, x, flow.y(), true);
  flow.Advance(head.height);
  for (const auto& row : body) {
    if (flow.Ensure(row.height)) {
      DrawRow(flow.cr(), cols, head, x, flow.y(), true);
      flow.Advance(head.height);
    }
    DrawRow(flow.cr(), cols, row, x, flow.y(), false);
    flow.Advance(row.height);
  }
  flow.Advance(kRowGap * 2);
}

// ---------------------------------------------------------------------------------------------------
// The member sheet.

// Margins of party documents: 20 mm top and bottom, 30 mm left (binding), 15 mm right.
constexpr double kSheetLeft = 30 * kMm;
constexpr double kSheetRight = kA4Short - 15 * kMm;
constexpr double kSheetTop = 20 * kMm;
constexpr double kSheetBottom = kA4Long - 20 * kMm;
constexpr double kIndent = 18;
constexpr double kBoxSide = 14;

// A row of character boxes (số lý lịch, số thẻ); `gap_after` inserts a space after that many boxes.
void CharBoxes(cairo_t* cr, const Typesetter& ts, std::string_view raw, int count, int gap_after, double x, double y) {
  const std::string valid = ValidUtf8(raw);
  const std::string_view text = valid;
  std::vector<std::string> chars;
  for (const char* p = text.data(); p < text.data() + text.size();) {
    const char* next = g_utf8_find_next_char(p, text.data() + text.size());
    if (next == nullptr) next = text.data() + text.size();
    if (*p != ' ') chars.emplace_back(p, next);
    p = next;
  }
  for (int i = 0; i < count; ++i) {
    if (i == gap_after) x += kBoxSide / 2;
    Box(cr, x, y, kBoxSide, kBoxSide);
    if (static_cast<size_t>(i) < chars.size()) {
      LayoutPtr l = ts.Make(chars[static_cast<size_t>(i)],
                            Style{.size = kSmallSize, .bold = true, .align = PANGO_ALIGN_CENTER}, kBoxSide);
      Draw(cr, l.get(), x, y + (kBoxSide - Height(l.get())) / 2);
    }
    x += kBoxSide;
  }
}

size_t Utf8Length(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  return static_cast<size_t>(g_utf8_strlen(s.data(), static_cast<gssize>(s.size())));
}

// The member's organizations from the province down, with their labels.
std::array<std::pair<Msg, const std::string*>, 5> OrgLines(const MemberSheet& d) {
  return {{{Msg::kPrintSheetProvince, &d.province_committee},
           {Msg::kPrintSheetCommune, &d.commune_committee},
           {Msg::kPrintSheetGrassroots, &d.grassroots},
           {Msg::kPrintSheetSubCommittee, &d.sub_committee},
           {Msg::kPrintSheetBranch, &d.branch}}};
}

// The CV number (6 digits and the committee's letters, 9 boxes) and the card number (8 boxes or more) with
// their labels, from (x, y) to the right margin. Returns the height drawn.
double NumberBoxes(cairo_t* cr, const Typesetter& ts, const MemberSheet& d, double x, double y) {
  const double width = kSheetRight - x;
  LayoutPtr cv_label = ts.Make(Text(Msg::kPrintSheetCvNumber), Style{.size = kSmallSize, .bold = true}, width);
  LayoutPtr card_label = ts.Make(Text(Msg::kPrintSheetCardNumber), Style{.size = kSmallSize, .bold = true}, width);
  int w1 = 0;
  int w2 = 0;
  pango_layout_get_size(cv_label.get(), &w1, nullptr);
  pango_layout_get_size(card_label.get(), &w2, nullptr);
  const double boxes_x = x + pango_units_to_double(std::max(w1, w2)) + 8;
  const double label_dy = (kBoxSide - Height(cv_label.get())) / 2;

  Draw(cr, cv_label.get(), x, y + label_dy);
  CharBoxes(cr, ts, d.cv_number, 9, 6, boxes_x, y);
  const double card_y = y + kBoxSide + 8;
  Draw(cr, card_label.get(), x, card_y + label_dy);
  const size_t card_len = Utf8Length(d.card_number);
  const int max_boxes = static_cast<int>((kSheetRight - boxes_x) / kBoxSide);
  if (card_len <= static_cast<size_t>(max_boxes)) {
    CharBoxes(cr, ts, d.card_number, std::max(8, static_cast<int>(card_len)), -1, boxes_x, card_y);
  } else {  // an unexpected format: print it as text rather than drop characters
    LayoutPtr v = ts.Make(d.card_number, Style{.size = kSmallSize, .bold = true}, kSheetRight - boxes_x);
    Draw(cr, v.get(), boxes_x, card_y + label_dy);
  }
  return card_y + kBoxSide - y;
}

// The 3 x 4 cm photo box.
constexpr double kPhotoW = 30 * kMm;
constexpr double kPhotoH = 40 * kMm;

struct PhotoRead {
  std::string_view bytes;
  size_t at = 0;
};

cairo_status_t ReadPhotoBytes(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PhotoRead*>(closure);
  if (r->bytes.size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->bytes.data() + r->at, length, reinterpret_cast<char*>(data));
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// The photo as a cairo surface: a PNG decoded; a JPEG as a surface of its size carrying the file as its
// mime data, which the PDF surface embeds without decoding (nullptr on other targets: they would draw
// the blank pixels). nullptr when the file cannot be read.
std::unique_ptr<cairo_surface_t, SurfaceDestroy> PhotoSurface(cairo_t* cr, const SheetPhoto& p) {
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> img;
  if (p.png) {
    PhotoRead r{p.bytes};
    img.reset(cairo_image_surface_create_from_png_stream(ReadPhotoBytes, &r));
  } else {
    if (!cairo_surface_supports_mime_type(cairo_get_target(cr), CAIRO_MIME_TYPE_JPEG) || p.width <= 0 ||
        p.height <= 0) {
      return nullptr;
    }
    img.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, p.width, p.height));
    if (cairo_surface_status(img.get()) == CAIRO_STATUS_SUCCESS) {
      // White pixels: what cairo draws should it not embed the file (a header it does not understand).
      cairo_surface_flush(img.get());
      std::fill_n(cairo_image_surface_get_data(img.get()),
                  static_cast<size_t>(cairo_image_surface_get_stride(img.get())) * static_cast<size_t>(p.height), 0xFF);
      cairo_surface_mark_dirty(img.get());
      auto* copy = new std::string(p.bytes);
      cairo_status_t st = cairo_surface_set_mime_data(
          img.get(), CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
          [](void* data) { delete static_cast<std::string*>(data); }, copy);
      if (st != CAIRO_STATUS_SUCCESS) {
        delete copy;
        return nullptr;
      }
    }
  }
  if (cairo_surface_status(img.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
  if (cairo_image_surface_get_width(img.get()) <= 0 || cairo_image_surface_get_height(img.get()) <= 0) return nullptr;
  return img;
}

// Draws the photo box at (x, y): the member's photo scaled to fit inside, centred, its aspect kept, or the
// "Ảnh 3 × 4 cm" placeholder. Returns its height.
double PhotoBox(cairo_t* cr, const Typesetter& ts, const MemberSheet& d, double x, double y) {
  auto img = d.photo ? PhotoSurface(cr, *d.photo) : nullptr;
  if (img) {
    constexpr double kInset = 1;
    const double iw = cairo_image_surface_get_width(img.get());
    const double ih = cairo_image_surface_get_height(img.get());
    const double scale = std::min((kPhotoW - 2 * kInset) / iw, (kPhotoH - 2 * kInset) / ih);
    cairo_save(cr);
    cairo_translate(cr, x + (kPhotoW - iw * scale) / 2, y + (kPhotoH - ih * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, img.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, iw, ih);
    cairo_fill(cr);
    cairo_restore(cr);
  } else {
    LayoutPtr photo =
        ts.Make(Text(Msg::kPrintSheetPhoto), Style{.size = 10, .italic = true, .align = PANGO_ALIGN_CENTER}, kPhotoW);
    Draw(cr, photo.get(), x, y + (kPhotoH - Height(photo.get())) / 2);
  }
  Box(cr, x, y, kPhotoW, kPhotoH, 0.8);
  return kPhotoH;
}

// The heading: organizations on the left; the party's name, the numbers, the title and the photo box on
// the right. Returns its height.
double SheetHeading(cairo_t* cr, const Typesetter& ts, const MemberSheet& d, double top) {
  const double left_w = 170;
  const double right_x = kSheetLeft + left_w + 14;
  const double right_w = kSheetRight - right_x;

  // Form code in the top right corner.
  LayoutPtr code =
      ts.Make(Text(Msg::kPrintSheetFormCode), Style{.size = 10, .italic = true, .align = PANGO_ALIGN_RIGHT}, right_w);
  Draw(cr, code.get(), right_x, top - 14);

  // Left: each organization as a label, then the name in bold (or dots).
  const auto orgs = OrgLines(d);
  double y = top;
  for (const auto& [label, value] : orgs) {
    LayoutPtr l = ts.Make(Text(label), Style{.size = kSmallSize}, left_w);
    Draw(cr, l.get(), kSheetLeft, y);
    y += Height(l.get());
    LayoutPtr v = ts.Make(value->empty() ? std::string(" ") : *value,
                          Style{.size = kSmallSize, .bold = true, .max_lines = 3}, left_w);
    Draw(cr, v.get(), kSheetLeft, y);
    if (value->empty()) Dots(cr, kSheetLeft, kSheetLeft + left_w, y + LastLineEnd(v.get()).second);
    y += Height(v.get()) + 3;
  }
  const double left_bottom = y;

  // Right: the party's name, the two numbers in boxes.
  y = top;
  LayoutPtr party = ts.Make(Text(Msg::kPrintParty),
                            Style{.size = 13, .bold = true, .underline = true, .align = PANGO_ALIGN_CENTER}, right_w);
  Draw(cr, party.get(), right_x, y);
  y += Height(party.get()) + 10;

  y += NumberBoxes(cr, ts, d, right_x, y);
  y += 12;

  // Title between the columns, photo box 3 x 4 cm at the right.
  const double photo_x = kSheetRight - kPhotoW;
  const double photo_h = PhotoBox(cr, ts, d, photo_x, y);

  LayoutPtr title = ts.Make(Text(Msg::kPrintSheetTitle), Style{.size = 20, .bold = true, .align = PANGO_ALIGN_CENTER},
                            photo_x - right_x - 8);
  Draw(cr, title.get(), right_x, y + (photo_h - Height(title.get())) / 2);
  const double right_bottom = y + photo_h;

  return std::max(left_bottom, right_bottom) - top + 12;
}

// A centered section title in bold, kept with `keep` points of what follows.
void Section(Flow& flow, const Typesetter& ts, Msg msg, double keep = 30) {
  LayoutPtr h = ts.Make(Text(msg), Style{.bold = true, .align = PANGO_ALIGN_CENTER}, kSheetRight - kSheetLeft);
  flow.Ensure(Height(h.get()) + 8 + keep);
  flow.Advance(4);
  Draw(flow.cr(), h.get(), kSheetLeft, flow.y());
  flow.Advance(Height(h.get()) + 4);
}

// A whole-width field (empty label: an answer in sentences), with `blank` dotted lines when empty.
void WideField(Flow& flow, const Typesetter& ts, std::string_view label, const std::string& value, int blank = 0) {
  std::vector<FieldBlock> f;
  f.push_back(MakeField(ts, label, value, kSheetLeft, kSheetRight, blank));
  FieldRow(flow, f);
}

// Items 01-30, shared by the member sheet and the member CV.
void SheetBody(Flow& flow, const Typesetter& ts, const MemberSheet& d) {
  const double l = kSheetLeft;
  const double r = kSheetRight;
  const double mid = l + (r - l) * 0.56;  // the second field of a line starts here
  const double in = l + kIndent;
  auto row1 = [&](std::string_view label, const std::string& value, double x0, int blank = 0) {
    std::vector<FieldBlock> f;
    f.push_back(MakeField(ts, label, value, x0, r, blank));
    FieldRow(flow, f);
  };
  auto row2 = [&](std::string_view label1, const std::string& value1, double x0, std::string_view label2,
                  const std::string& value2, double split) {
    std::vector<FieldBlock> f;
    f.push_back(MakeField(ts, label1, value1, x0, split - 6));
    f.push_back(MakeField(ts, label2, value2, split, r));
    FieldRow(flow, f);
  };
  auto heading = [&](Msg msg) { return ts.Make(Text(msg), Style{.bold = true, .align = PANGO_ALIGN_CENTER}, r - l); };
  auto section = [&](Msg msg, double keep = 30) { Section(flow, ts, msg, keep); };

  // 01-11.
  row2(Text(Msg::kPrintSheetFullName), Upper(d.full_name), l, Text(Msg::kPrintSheetGender), d.gender, mid + 40);
  row2(Text(Msg::kPrintSheetOtherNames), d.other_names, l, Text(Msg::kPrintSheetBirthDate), DateText(d.birth_date),
       mid + 40);
  row1(Text(Msg::kPrintSheetBirthPlace), d.birth_place, l);
  row1(Text(Msg::kPrintSheetHometown), d.hometown, l);
  row1(Text(Msg::kPrintSheetPermanentResidence), d.permanent_residence, l);
  row1(Text(Msg::kPrintSheetTemporaryResidence), d.temporary_residence, in);
  row2(Text(Msg::kPrintSheetEthnicity), d.ethnicity, l, Text(Msg::kPrintSheetReligion), d.religion, mid);
  row2(Text(Msg::kPrintSheetFamilyBackground), d.family_background, l, Text(Msg::kPrintSheetOccupation), d.occupation,
       mid - 40);

  // 12: admission.
  row2(Text(Msg::kPrintSheetCeremonyDate), DateText(d.ceremony_date), l, Text(Msg::kPrintSheetAtBranch),
       d.ceremony_branch, mid - 60);
  for (int i = 0; i < 2; ++i) {
    const Introducer& who = d.introducers[static_cast<size_t>(i)];
    row2(Format(Msg::kPrintSheetIntroducer, i + 1), who.full_name, in, Text(Msg::kPrintSheetIntroducerPosition),
         who.position_and_unit, mid);
  }
  row1(Text(Msg::kPrintSheetDecisionDate), DateText(d.admission_decision_date), in);
  row2(Text(Msg::kPrintSheetOfficialDate), DateText(d.official_date), in, Text(Msg::kPrintSheetAtBranch),
       d.official_branch, mid - 60);

  // 13-16.
  row2(Text(Msg::kPrintSheetRecruitmentDate), DateText(d.recruitment_date), l, Text(Msg::kPrintSheetRecruitingAgency),
       d.recruiting_agency, mid - 40);
  row1(Text(Msg::kPrintSheetYouthUnionDate), DateText(d.youth_union_date), l);
  row1(Text(Msg::kPrintSheetOtherOrganizations), d.other_organizations, l);
  row2(Text(Msg::kPrintSheetEnlistmentDate), DateText(d.enlistment_date), l, Text(Msg::kPrintSheetDischargeDate),
       DateText(d.discharge_date), mid - 60);

  // 17: education.
  {
    LayoutPtr h = ts.Make(Text(Msg::kPrintSheetEducation), Style{}, r - l);
    flow.Ensure(Height(h.get()) * 2);
    Draw(flow.cr(), h.get(), l, flow.y());
    flow.Advance(Height(h.get()) + kRowGap);
  }
  row1(Text(Msg::kPrintSheetGeneralEducation), d.general_education, in);
  row1(Text(Msg::kPrintSheetProfessional), d.professional_qualification, in);
  row2(Text(Msg::kPrintSheetDegree), d.academic_degree, in, Text(Msg::kPrintSheetAcademicTitle), d.academic_title, mid);
  row2(Text(Msg::kPrintSheetPoliticalTheory), d.political_theory, in, Text(Msg::kPrintSheetForeignLanguages),
       d.foreign_languages, mid);
  row1(Text(Msg::kPrintSheetIt), d.it_skills, in);

  // 18-20.
  row2(Text(Msg::kPrintSheetHealth), d.health, l, Text(Msg::kPrintSheetWarInvalid), d.war_invalid_grade, mid);
  row2(Text(Msg::kPrintSheetMartyrFamily), d.martyr_family, in, Text(Msg::kPrintSheetMeritFamily),
       d.revolution_merit_family, mid - 40);
  row2(Text(Msg::kPrintSheetNationalId), d.national_id, l, Text(Msg::kPrintSheetExemptSince), DateText(d.exempt_since),
       mid - 70);

  // 21: work history.
  {
    const std::vector<Column> cols = {{110, PANGO_ALIGN_CENTER}, {r - l - 110}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : d.work_history) {
      rows.push_back({MonthText(p.from) + " – " + (p.to ? MonthText(p.to) : std::string(Text(Msg::kPrintUntilNow))),
                      p.description});
    }
    flow.Advance(4);
    LayoutPtr h = heading(Msg::kPrintSheetWorkHistory);
    FlowTable(flow, ts, h.get(), l, cols,
              {std::string(Text(Msg::kPrintSheetPeriod)), std::string(Text(Msg::kPrintSheetWorkWhat))}, rows, 4);
  }

  // 22: training.
  {
    const double w = r - l;
    const std::vector<Column> cols = {
        {w * 0.25}, {w * 0.25}, {w * 0.17, PANGO_ALIGN_CENTER}, {w * 0.13, PANGO_ALIGN_CENTER}, {w * 0.20}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : d.training) {
      rows.push_back({c.school, c.subject,
                      MonthText(c.from) + " – " + (c.to ? MonthText(c.to) : std::string(Text(Msg::kPrintUntilNow))),
                      c.mode, c.qualification});
    }
    LayoutPtr h = heading(Msg::kPrintSheetTraining);
    FlowTable(flow, ts, h.get(), l, cols,
              {std::string(Text(Msg::kPrintSheetTrainingSchool)), std::string(Text(Msg::kPrintSheetTrainingSubject)),
               std::string(Text(Msg::kPrintSheetPeriod)), std::string(Text(Msg::kPrintSheetTrainingMode)),
               std::string(Text(Msg::kPrintSheetTrainingQualification))},
              rows, 3);
  }

  // 23-26.
  row1(Text(Msg::kPrintSheetAwards), d.awards, l, 1);
  row1(Text(Msg::kPrintSheetBadges), d.party_badges, l);
  row1(Text(Msg::kPrintSheetHonoraryTitles), d.honorary_titles, l);
  row1(Text(Msg::kPrintSheetDiscipline), d.discipline, l, 1);

  // 27-28: answered in sentences.
  section(Msg::kPrintSheetHistory);
  row1("", d.history_notes, l, 2);
  section(Msg::kPrintSheetForeign);
  row1("", d.foreign_relations, l, 2);

  // 29: family.
  {
    const double w = r - l;
    const std::vector<Column> cols = {{w * 0.15}, {w * 0.25}, {w * 0.10, PANGO_ALIGN_CENTER}, {w * 0.50}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : d.family) rows.push_back({p.relation, p.full_name, p.birth_year, p.details});
    section(Msg::kPrintSheetFamily, 90);  // the note, the header row and a first row
    LayoutPtr note = ts.Make(Text(Msg::kPrintSheetFamilyNote),
                             Style{.size = kSmallSize, .italic = true, .align = PANGO_ALIGN_CENTER}, w);
    FlowTable(flow, ts, note.get(), l, cols,
              {std::string(Text(Msg::kPrintSheetFamilyRelation)), std::string(Text(Msg::kPrintSheetFamilyName)),
               std::string(Text(Msg::kPrintSheetFamilyBirthYear)), std::string(Text(Msg::kPrintSheetFamilyDetails))},
              rows, 5);
  }

  // 30.
  section(Msg::kPrintSheetEconomy);
  row1("", d.economic_situation, l, 2);
}

// The signature blocks: the declarant and the branch committee side by side, the grassroots committee below.
struct SignatureLabels {
  Msg branch;
  Msg branch_hint;
  Msg grassroots;
  Msg grassroots_hint;
};

void Signatures(Flow& flow, const Typesetter& ts, const MemberSheet& d, const SignatureLabels& labels) {
  const double l = kSheetLeft;
  const double r = kSheetRight;
  {
    const double half = (r - l) / 2;
    const std::string date = d.signed_on
                                 ? Format(Msg::kPrintSheetPlaceDate, d.signed_place.empty() ? kDots : d.signed_place,
                                          fmt::format("{:02}", d.signed_on->day()),
                                          fmt::format("{:02}", d.signed_on->month()), d.signed_on->year())
                                 : Format(Msg::kPrintSheetPlaceDate, d.signed_place.empty() ? kDots : d.signed_place,
                                          kDots, kDots, std::string("20") + kDots);
    const Style center{.align = PANGO_ALIGN_CENTER};
    const Style center_bold{.bold = true, .align = PANGO_ALIGN_CENTER};
    const Style hint{.size = kSmallSize, .italic = true, .align = PANGO_ALIGN_CENTER};
    std::vector<LayoutPtr> left;
    left.push_back(ts.Make(date, Style{.italic = true, .align = PANGO_ALIGN_CENTER}, half));
    left.push_back(ts.Make(Text(Msg::kPrintSheetDeclarant), center_bold, half));
    left.push_back(
        ts.Make(Text(Msg::kPrintSheetPledge), Style{.size = 10, .italic = true, .align = PANGO_ALIGN_CENTER}, half));
    left.push_back(ts.Make(Text(Msg::kPrintSheetSignHint), hint, half));
    std::vector<LayoutPtr> right;
    right.push_back(ts.Make(" ", center, half));
    right.push_back(ts.Make(Text(labels.branch), center_bold, half));
    right.push_back(ts.Make(Text(labels.branch_hint), hint, half));
    LayoutPtr name = ts.Make(Upper(d.full_name), center_bold, half);
    LayoutPtr grassroots = ts.Make(Text(labels.grassroots), center_bold, r - l);
    LayoutPtr grassroots_hint = ts.Make(Text(labels.grassroots_hint), hint, r - l);

    auto stack_height = [](const std::vector<LayoutPtr>& v) {
      double h = 0;
      for (const auto& x : v) h += Height(x.get());
      return h;
    };
    const double sign_space = 60;
    const double block1 = std::max(stack_height(left), stack_height(right)) + sign_space + Height(name.get());
    const double block2 = Height(grassroots.get()) + Height(grassroots_hint.get()) + 80;
    flow.Ensure(8 + block1 + 10 + block2);
    flow.Advance(8);
    double yl = flow.y();
    for (const auto& x : left) {
      Draw(flow.cr(), x.get(), l, yl);
      yl += Height(x.get());
    }
    Draw(flow.cr(), name.get(), l, yl + sign_space);
    double yr = flow.y();
    for (const auto& x : right) {
      Draw(flow.cr(), x.get(), l + half, yr);
      yr += Height(x.get());
    }
    flow.Advance(block1 + 10);
    Draw(flow.cr(), grassroots.get(), l, flow.y());
    flow.Advance(Height(grassroots.get()));
    Draw(flow.cr(), grassroots_hint.get(), l, flow.y());
    flow.Advance(Height(grassroots_hint.get()) + 80);
  }
}

void RenderSheet(Canvas& canvas, const MemberSheet& d) {
  const Typesetter ts;
  Flow flow(canvas, kSheetTop, kSheetBottom);
  flow.Advance(SheetHeading(canvas.cr(), ts, d, kSheetTop + 8));
  SheetBody(flow, ts, d);
  Signatures(flow, ts, d,
             {Msg::kPrintSheetBranchConfirm, Msg::kPrintSheetBranchConfirmHint, Msg::kPrintSheetGrassrootsConfirm,
              Msg::kPrintSheetGrassrootsConfirmHint});
  flow.Finish();
}

// The cover of the member CV: the party's name, the title, the photo box and the member's names and
// numbers, the organizations at the bottom.
void CvCover(cairo_t* cr, const Typesetter& ts, const MemberSheet& d) {
  const double l = kSheetLeft;
  const double r = kSheetRight;
  const double w = r - l;
  double y = kSheetTop;
  LayoutPtr code =
      ts.Make(Text(Msg::kPrintCvFormCode), Style{.size = 10, .italic = true, .align = PANGO_ALIGN_RIGHT}, w);
  Draw(cr, code.get(), l, y - 14);
  LayoutPtr party = ts.Make(Text(Msg::kPrintParty),
                            Style{.size = 14, .bold = true, .underline = true, .align = PANGO_ALIGN_CENTER}, w);
  Draw(cr, party.get(), l, y + 10);
  y += 60 * kMm;
  LayoutPtr title = ts.Make(Text(Msg::kPrintCvTitle), Style{.size = 30, .bold = true, .align = PANGO_ALIGN_CENTER}, w);
  Draw(cr, title.get(), l, y);
  y += Height(title.get()) + 20 * kMm;

  // The photo box at the left; the names, the birth date and the numbers at its right.
  const double photo_h = PhotoBox(cr, ts, d, l, y);
  const double x = l + kPhotoW + 10 * kMm;
  double yr = y;
  auto field = [&](Msg label, const std::string& value) {
    FieldBlock f = MakeField(ts, Text(label), value, x, r);
    DrawField(cr, f, yr);
    yr += f.height + kRowGap + 2;
  };
  field(Msg::kPrintCvFullName, Upper(d.full_name));
  field(Msg::kPrintCvOtherNames, d.other_names);
  field(Msg::kPrintCvBirthDate, DateText(d.birth_date));
  field(Msg::kPrintCvHometown, d.hometown);
  yr += 4;
  yr += NumberBoxes(cr, ts, d, x, yr);
  y = std::max(y + photo_h, yr) + 25 * kMm;

  // The organizations, from the province down.
  const auto orgs = OrgLines(d);
  for (const auto& [label, value] : orgs) {
    FieldBlock f = MakeField(ts, Text(label), *value, l + 20 * kMm, r - 20 * kMm);
    DrawField(cr, f, y);
    y += f.height + kRowGap + 2;
  }
}

// The member CV: the cover, then items 01-30 as on the member sheet, the self-assessment (31), the
// declarant's pledge and the confirmations of the branch and grassroots committees.
void RenderCv(Canvas& canvas, const MemberSheet& d) {
  const Typesetter ts;
  CvCover(canvas.cr(), ts, d);
  canvas.EndPage();
  Flow flow(canvas, kSheetTop, kSheetBottom);
  SheetBody(flow, ts, d);
  Section(flow, ts, Msg::kPrintCvSelfAssessment, 60);
  LayoutPtr note =
      ts.Make(Text(Msg::kPrintCvSelfAssessmentNote),
              Style{.size = kSmallSize, .italic = true, .align = PANGO_ALIGN_CENTER}, kSheetRight - kSheetLeft);
  Draw(flow.cr(), note.get(), kSheetLeft, flow.y());
  flow.Advance(Height(note.get()) + kRowGap);
  WideField(flow, ts, "", "", 6);
  Signatures(flow, ts, d,
             {Msg::kPrintCvBranchConfirm, Msg::kPrintSheetBranchConfirmHint, Msg::kPrintCvGrassrootsConfirm,
              Msg::kPrintSheetGrassrootsConfirmHint});
  flow.Finish();
}

// ---------------------------------------------------------------------------------------------------
// The member list: A4 landscape, pages computed first so that each can say "Trang x/y".

constexpr double kListMargin = 15 * kMm;
constexpr double kListWidth = kA4Long - 2 * kListMargin;
constexpr double kListFooter = 18;  // the band for the page number and the total

std::vector<Column> ListColumns() {
  std::vector<Column> cols = {{34, PANGO_ALIGN_CENTER}, {190},
                              {52, PANGO_ALIGN_CENTER}, {72, PANGO_ALIGN_CENTER},
                              {78, PANGO_ALIGN_CENTER}, {78, PANGO_ALIGN_CENTER},
                              {90, PANGO_ALIGN_CENTER}, {0}};
  double used = 0;
  for (const auto& c : cols) used += c.width;
  cols.back().width = kListWidth - used;
  return cols;
}

std::vector<std::string> ListHeader() {
  return {std::string(Text(Msg::kPrintListNo)),           std::string(Text(Msg::kPrintListName)),
          std::string(Text(Msg::kPrintListGender)),       std::string(Text(Msg::kPrintListBirthDate)),
          std::string(Text(Msg::kPrintListCeremonyDate)), std::string(Text(Msg::kPrintListOfficialDate)),
          std::string(Text(Msg::kPrintListCardNumber)),   std::string(Text(Msg::kPrintListBranch))};
}

std::vector<std::string> ListCells(size_t index, const MemberListLine& m) {
  return {std::to_string(index + 1), m.full_name,   m.gender, DateText(m.birth_date), DateText(m.ceremony_date),
          DateText(m.official_date), m.card_number, m.branch};
}

constexpr Style kListHeadStyle{.size = kSmallSize, .bold = true, .align = PANGO_ALIGN_CENTER};
constexpr Style kListBodyStyle{.size = kSmallSize, .max_lines = 4};

struct ListGeometry {
  LayoutPtr title;
  double table_top = 0;
  double rows_top = 0;  // below the header row
  double bottom = 0;
};

ListGeometry MakeListGeometry(const Typesetter& ts, const std::string& title, double header_height) {
  ListGeometry g;
  g.title = ts.Make(title, Style{.size = 14, .bold = true, .align = PANGO_ALIGN_CENTER, .max_lines = 2}, kListWidth);
  g.table_top = kListMargin + Height(g.title.get()) + 10;
  g.rows_top = g.table_top + header_height;
  g.bottom = kA4Short - kListMargin - kListFooter;
  return g;
}

// The index of the first row of each page (at least one page).
std::vector<size_t> Paginate(const std::vector<double>& heights, const ListGeometry& g) {
  std::vector<size_t> starts = {0};
  double y = g.rows_top;
  for (size_t i = 0; i < heights.size(); ++i) {
    if (y + heights[i] > g.bottom && y > g.rows_top) {
      starts.push_back(i);
      y = g.rows_top;
    }
    y += heights[i];
  }
  return starts;
}

// A table document in landscape (the member list, the transfer book): `title` (and `form_code` at the top
// right when not empty) and the header row on every page, "Trang x/y" and `total` at the bottom.
struct TableDoc {
  std::string title;
  std::string form_code;
  std::vector<Column> cols;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string total;
};

void RenderTable(Canvas& canvas, const TableDoc& doc) {
  const Typesetter ts;
  const Row head = MakeRow(ts, doc.cols, doc.header, kListHeadStyle);
  const ListGeometry g = MakeListGeometry(ts, doc.title, head.height);

  // Pass 1: row heights (only the wrapping columns can make a row taller).
  std::vector<double> heights;
  heights.reserve(doc.rows.size());
  for (const auto& r : doc.rows) heights.push_back(MakeRow(ts, doc.cols, r, kListBodyStyle).height);
  const std::vector<size_t> starts = Paginate(heights, g);
  const LayoutPtr total = ts.Make(doc.total, Style{.size = 10}, kListWidth / 2);
  const LayoutPtr code =
      ts.Make(doc.form_code, Style{.size = 10, .italic = true, .align = PANGO_ALIGN_RIGHT}, kListWidth);

  // Pass 2: draw.
  cairo_t* cr = canvas.cr();
  for (size_t p = 0; p < starts.size(); ++p) {
    if (!doc.form_code.empty()) Draw(cr, code.get(), kListMargin, kListMargin - 14);
    Draw(cr, g.title.get(), kListMargin, kListMargin);
    DrawRow(cr, doc.cols, head, kListMargin, g.table_top, true);
    double y = g.rows_top;
    const size_t end = p + 1 < starts.size() ? starts[p + 1] : doc.rows.size();
    for (size_t i = starts[p]; i < end; ++i) {
      const Row row = MakeRow(ts, doc.cols, doc.rows[i], kListBodyStyle);
      DrawRow(cr, doc.cols, row, kListMargin, y, false);
      y += row.height;
    }
    const double footer_y = kA4Short - kListMargin - Height(total.get());
    Draw(cr, total.get(), kListMargin, footer_y);
    LayoutPtr page = ts.Make(Format(Msg::kPrintPage, p + 1, starts.size()),
                             Style{.size = 10, .align = PANGO_ALIGN_RIGHT}, kListWidth / 2);
    Draw(cr, page.get(), kListMargin + kListWidth / 2, footer_y);
    canvas.EndPage();
  }
}

TableDoc ListDoc(const std::string& title, const std::vector<MemberListLine>& rows) {
  TableDoc doc{title, "", ListColumns(), ListHeader(), {}, Format(Msg::kPrintListTotal, rows.size())};
  doc.rows.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) doc.rows.push_back(ListCells(i, rows[i]));
  return doc;
}

// ---------------------------------------------------------------------------------------------------
// The transfer book (Mẫu 10-SHĐ, rules-2.md §2.2): the letters issued, in number order.

TableDoc BookDoc(const std::string& title, const std::vector<TransferBookLine>& rows, bool incoming = false) {
  TableDoc doc;
  doc.title = title;
  doc.form_code = std::string(Text(Msg::kPrintBookFormCode));
  // The number column holds "123/2026/GGT-ABC" on one line; "to" takes what is left.
  doc.cols = {{30, PANGO_ALIGN_CENTER},
              {96, PANGO_ALIGN_CENTER},
              {58, PANGO_ALIGN_CENTER},
              {108},
              {64, PANGO_ALIGN_CENTER},
              {58, PANGO_ALIGN_CENTER},
              {100},
              {0},
              {70, PANGO_ALIGN_CENTER},
              {50, PANGO_ALIGN_CENTER}};
  double used = 0;
  for (const auto& c : doc.cols) used += c.width;
  doc.cols[7].width = kListWidth - used;
  for (Msg m :
       {Msg::kPrintListNo, Msg::kPrintBookNumber, Msg::kPrintBookDate, Msg::kPrintBookName, Msg::kPrintBookDates,
        Msg::kPrintListCardNumber, Msg::kPrintBookFrom, Msg::kPrintBookTo, Msg::kPrintBookScope, Msg::kPrintBookFees}) {
    doc.header.emplace_back(Text(incoming && m == Msg::kPrintBookDate ? Msg::kPrintBookReceivedDate : m));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const TransferBookLine& b = rows[i];
    const std::string birth = DateText(b.birth_date);
    doc.rows.push_back({std::to_string(i + 1), b.number, DateText(b.date),
                        birth.empty() ? b.full_name : b.full_name + "\n" + birth,
                        DateText(b.ceremony_date) + "\n" + DateText(b.official_date), b.card_number, b.from, b.to,
                        b.scope, b.fees_paid_to});
  }
  doc.total = Format(incoming ? Msg::kPrintBookIncomingTotal : Msg::kPrintBookTotal, rows.size());
  return doc;
}

// ---------------------------------------------------------------------------------------------------
// The introduction letter (rules.md §2, rules-2.md §2.3): one portrait page.

Msg LetterKindLabel(LetterKind k) {
  switch (k) {
    case LetterKind::kOfficialOut:
      return Msg::kPrintLetterKindOfficialOut;
    case LetterKind::kTemporary:
      return Msg::kPrintLetterKindTemporary;
    case LetterKind::kOfficial:
      break;
  }
  return Msg::kPrintLetterKindOfficial;
}

void RenderLetter(Canvas& canvas, const TransferLetterSheet& d) {
  const Typesetter ts;
  cairo_t* cr = canvas.cr();
  const double l = kSheetLeft;
  const double r = kSheetRight;
  const double left_w = (r - l) * 0.45;
  const double right_x = l + left_w + 10;
  const double right_w = r - right_x;
  double y = kSheetTop;

  // Heading: the committees and the number on the left; the party's name, place and date on the right.
  double yl = y;
  if (!d.issuer_parent.empty()) {
    LayoutPtr parent = ts.Make(Upper(d.issuer_parent), Style{.size = kSmallSize, .align = PANGO_ALIGN_CENTER}, left_w);
    Draw(cr, parent.get(), l, yl);
    yl += Height(parent.get());
  }
  LayoutPtr issuer =
      ts.Make(Upper(d.issuer.empty() ? std::string(kDots) : d.issuer),
              Style{.size = kSmallSize, .bold = true, .align = PANGO_ALIGN_CENTER, .max_lines = 3}, left_w);
  Draw(cr, issuer.get(), l, yl);
  yl += Height(issuer.get()) + 2;
  LayoutPtr star = ts.Make("*", Style{.size = kSmallSize, .align = PANGO_ALIGN_CENTER}, left_w);
  Draw(cr, star.get(), l, yl);
  yl += Height(star.get()) + 2;
  LayoutPtr number = ts.Make(Format(Msg::kPrintLetterNumber, d.number.empty() ? std::string(kDots) : d.number),
                             Style{.align = PANGO_ALIGN_CENTER}, left_w);
  Draw(cr, number.get(), l, yl);
  yl += Height(number.get());

  double yr = y;
  LayoutPtr party = ts.Make(Text(Msg::kPrintParty),
                            Style{.size = 13, .bold = true, .underline = true, .align = PANGO_ALIGN_CENTER}, right_w);
  Draw(cr, party.get(), right_x, yr);
  yr += Height(party.get()) + 10;
  LayoutPtr date =
      ts.Make(PlaceDateText(d.issued_place, d.issued_on), Style{.italic = true, .align = PANGO_ALIGN_CENTER}, right_w);
  Draw(cr, date.get(), right_x, yr);
  yr += Height(date.get());
  y = std::max(yl, yr) + 24;

  // Title and kind.
  LayoutPtr title =
      ts.Make(Text(Msg::kPrintLetterFormTitle), Style{.size = 16, .bold = true, .align = PANGO_ALIGN_CENTER}, r - l);
  Draw(cr, title.get(), l, y);
  y += Height(title.get()) + 2;
  LayoutPtr kind = ts.Make(Text(LetterKindLabel(d.kind)), Style{.italic = true, .align = PANGO_ALIGN_CENTER}, r - l);
  Draw(cr, kind.get(), l, y);
  y += Height(kind.get()) + 18;

  // The fields.
  Flow flow(canvas, y, kSheetBottom);
  const double mid = l + (r - l) * 0.55;
  auto row1 = [&](Msg label, const std::string& value) {
    std::vector<FieldBlock> f;
    f.push_back(MakeField(ts, Text(label), value, l, r));
    FieldRow(flow, f);
  };
  auto row2 = [&](Msg label1, const std::string& value1, Msg label2, const std::string& value2) {
    std::vector<FieldBlock> f;
    f.push_back(MakeField(ts, Text(label1), value1, l, mid - 6));
    f.push_back(MakeField(ts, Text(label2), value2, mid, r));
    FieldRow(flow, f);
  };
  row1(Msg::kPrintLetterTo, d.addressee);
  flow.Advance(4);
  row2(Msg::kPrintLetterMember, Upper(d.full_name), Msg::kPrintLetterGender, d.gender);
  row2(Msg::kPrintLetterBirthDate, DateText(d.birth_date), Msg::kPrintLetterHometown, d.hometown);
  row2(Msg::kPrintLetterCeremonyDate, DateText(d.ceremony_date), Msg::kPrintLetterOfficialDate,
       DateText(d.official_date));
  row2(Msg::kPrintLetterCardNumber, d.card_number, Msg::kPrintLetterCvNumber, d.cv_number);
  row1(Msg::kPrintLetterBookNumber, d.book_number);
  row1(Msg::kPrintLetterFrom, d.from_org);
  row1(Msg::kPrintLetterDestination, d.destination);
  row1(Msg::kPrintLetterDecision, d.decision);
  if (d.kind == LetterKind::kTemporary) row1(Msg::kPrintLetterTemporaryUntil, DateText(d.temporary_until));
  row1(Msg::kPrintLetterFeesPaid, d.fees_paid_to);
  row1(Msg::kPrintLetterPresentBy, DateText(d.present_by));
  LayoutPtr note = ts.Make(Format(Msg::kPrintLetterPresentNote, d.present_working_days),
                           Style{.size = kSmallSize, .italic = true}, r - l);
  flow.Ensure(Height(note.get()));
  Draw(cr, note.get(), l, flow.y());
  flow.Advance(Height(note.get()) + 14);

  // The book reference on the left; the signature block on the right.
  const double half = (r - l) / 2;
  LayoutPtr book = ts.Make(Format(Msg::kPrintLetterBookRef, d.number.empty() ? std::string(kDots) : d.number),
                           Style{.size = kSmallSize, .italic = true}, half - 10);
  LayoutPtr sign_for = ts.Make(Format(Msg::kPrintLetterSignFor, Upper(d.issuer.empty() ? kDots : d.issuer)),
                               Style{.bold = true, .align = PANGO_ALIGN_CENTER, .max_lines = 3}, half);
  LayoutPtr hint = ts.Make(Text(Msg::kPrintLetterSignHint),
                           Style{.size = kSmallSize, .italic = true, .align = PANGO_ALIGN_CENTER}, half);
  flow.Ensure(Height(sign_for.get()) + Height(hint.get()) + 80);
  Draw(cr, book.get(), l, flow.y());
  Draw(cr, sign_for.get(), l + half, flow.y());
  Draw(cr, hint.get(), l + half, flow.y() + Height(sign_for.get()));
  flow.Advance(Height(sign_for.get()) + Height(hint.get()) + 80);
  flow.Finish();
}

// ---------------------------------------------------------------------------------------------------
// A document rendered from a template (doc_template.h): the party-document geometry, 13 pt body.

constexpr double kDocBody = 13;
constexpr double kDocTitle = 14;
constexpr double kDocFirstIndent = 10 * kMm;
constexpr double kDocSignRoom = 64;  // room to sign and stamp

// The runs as pango markup: values escaped, emphasis as <b> and <i>.
std::string Markup(const Line& line) {
  std::string out;
  for (const auto& r : line) {
    const std::string valid = ValidUtf8(r.text);
    gchar* escaped = g_markup_escape_text(valid.data(), static_cast<gssize>(valid.size()));
    if (r.bold) out += "<b>";
    if (r.italic) out += "<i>";
    out += escaped;
    g_free(escaped);
    if (r.italic) out += "</i>";
    if (r.bold) out += "</b>";
  }
  return out;
}

PangoAlignment AlignOf(Align a) {
  switch (a) {
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kJustify:
    case Align::kLeft:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

// A laid-out text that starts a new page when it does not fit.
void FlowText(Flow& flow, PangoLayout* layout, double x, double gap_after) {
  flow.Ensure(Height(layout));
  Draw(flow.cr(), layout, x, flow.y());
  flow.Advance(Height(layout) + gap_after);
}

void DocHeading(Flow& flow, const Typesetter& ts, const Block& b) {
  const double l = kSheetLeft;
  const double r = kSheetRight;
  const double left_w = (r - l) * 0.45;
  const double right_x = l + left_w + 10;
  const double right_w = r - right_x;
  const std::string& parent = b.parts[0];
  const std::string& committee = b.parts[1];
  const std::string& number = b.parts[2];
  const std::string& place = b.parts[3];
  std::vector<LayoutPtr> left;
  if (!parent.empty())
    left.push_back(ts.Make(Upper(parent), Style{.size = kDocBody, .align = PANGO_ALIGN_CENTER}, left_w));
  left.push_back(ts.Make(Upper(committee.empty() ? std::string(kDots) : committee),
                         Style{.size = kDocBody, .bold = true, .align = PANGO_ALIGN_CENTER, .max_lines = 3}, left_w));
  left.push_back(ts.Make("*", Style{.size = kDocBody, .align = PANGO_ALIGN_CENTER}, left_w));
  if (!number.empty()) {
    left.push_back(
        ts.Make(Format(Msg::kTemplateNumber, number), Style{.size = kDocBody, .align = PANGO_ALIGN_CENTER}, left_w));
  }
  LayoutPtr party =
      ts.Make(Text(Msg::kPrintParty),
              Style{.size = kDocBody, .bold = true, .underline = true, .align = PANGO_ALIGN_CENTER}, right_w);
  LayoutPtr date = ts.Make(PlaceDateText(place, b.date),
                           Style{.size = kDocBody, .italic = true, .align = PANGO_ALIGN_CENTER}, right_w);
  double left_h = 0;
  for (const auto& x : left) left_h += Height(x.get());
  const double right_h = Height(party.get()) + 10 + Height(date.get());
  flow.Ensure(std::max(left_h, right_h));
  double yl = flow.y();
  for (const auto& x : left) {
    Draw(flow.cr(), x.get(), l, yl);
    yl += Height(x.get());
  }
  Draw(flow.cr(), party.get(), right_x, flow.y());
  Draw(flow.cr(), date.get(), right_x, flow.y() + Height(party.get()) + 10);
  flow.Advance(std::max(left_h, right_h) + 18);
}

void DocTable(Flow& flow, const Typesetter& ts, const Block& b) {
  const double width = kSheetRight - kSheetLeft;
  double sum = 0;
  for (int w : b.widths) sum += w;
  std::vector<Column> cols;
  for (int w : b.widths) cols.push_back(Column{width * w / sum});
  auto cells = [](const std::vector<Line>& row) {
    std::vector<std::string> out;
    out.reserve(row.size());
    for (const auto& c : row) out.push_back(Markup(c));
    return out;
  };
  std::vector<std::vector<std::string>> rows;
  rows.reserve(b.rows.size());
  for (const auto& row : b.rows) rows.push_back(cells(row));
  FlowTable(flow, ts, nullptr, kSheetLeft, cols, cells(b.header), rows, 0,
            TableLook{.size = kDocBody - 1, .markup = true});
}

void DocSignature(Flow& flow, const Typesetter& ts, const Block& b) {
  const double half = (kSheetRight - kSheetLeft) / 2;
  LayoutPtr left = ts.Make(b.parts[0], Style{.size = kSmallSize, .italic = true, .max_lines = 12}, half - 10);
  LayoutPtr caption =
      ts.Make(b.parts[1], Style{.size = kDocBody, .bold = true, .align = PANGO_ALIGN_CENTER, .max_lines = 3}, half);
  LayoutPtr role = ts.Make(b.parts[2], Style{.size = kDocBody, .bold = true, .align = PANGO_ALIGN_CENTER}, half);
  LayoutPtr name = ts.Make(b.parts[3], Style{.size = kDocBody, .bold = true, .align = PANGO_ALIGN_CENTER}, half);
  const double right_h = Height(caption.get()) + Height(role.get()) + kDocSignRoom + Height(name.get());
  const double h = std::max(Height(left.get()), right_h);
  flow.Ensure(h);
  const double x = kSheetLeft + half;
  double y = flow.y();
  Draw(flow.cr(), left.get(), kSheetLeft, y);
  Draw(flow.cr(), caption.get(), x, y);
  y += Height(caption.get());
  Draw(flow.cr(), role.get(), x, y);
  y += Height(role.get()) + kDocSignRoom;
  Draw(flow.cr(), name.get(), x, y);
  flow.Advance(h + 8);
}

void RenderDocument(Canvas& canvas, const Document& d) {
  const Typesetter ts;
  const double width = kSheetRight - kSheetLeft;
  Flow flow(canvas, kSheetTop, kSheetBottom);
  for (const auto& b : d.blocks) {
    switch (b.kind) {
      case BlockKind::kHeading:
        DocHeading(flow, ts, b);
        break;
      case BlockKind::kTitle: {
        LayoutPtr t = ts.Make(
            Markup(b.line), Style{.size = kDocTitle, .bold = true, .align = PANGO_ALIGN_CENTER, .markup = true}, width);
        FlowText(flow, t.get(), kSheetLeft, 2);
        break;
      }
      case BlockKind::kSubtitle: {
        LayoutPtr t =
            ts.Make(Markup(b.line),
                    Style{.size = kDocBody, .italic = true, .align = PANGO_ALIGN_CENTER, .markup = true}, width);
        FlowText(flow, t.get(), kSheetLeft, 10);
        break;
      }
      case BlockKind::kParagraph: {
        const bool body = b.align == Align::kJustify;
        LayoutPtr t = ts.Make(Markup(b.line),
                              Style{.size = kDocBody,
                                    .align = AlignOf(b.align),
                                    .max_lines = 40,
                                    .markup = true,
                                    .justify = body,
                                    .indent = body ? kDocFirstIndent : 0},
                              width);
        FlowText(flow, t.get(), kSheetLeft, 4);
        break;
      }
      case BlockKind::kSpace: {
        LayoutPtr t = ts.Make(" ", Style{.size = kDocBody}, width);
        flow.Advance(Height(t.get()));
        break;
      }
      case BlockKind::kTable:
        DocTable(flow, ts, b);
        break;
      case BlockKind::kSignature:
        DocSignature(flow, ts, b);
        break;
    }
  }
  flow.Finish();
}

// What `render` draws, as a PDF of pages `width` x `height` with `title` in its metadata.
template <typename Render>
Result<std::string> RenderPdf(double width, double height, const std::string& title, const Render& render) {
  std::string out;
  auto canvas = Canvas::ForPdf(width, height, title, &out);
  render(*canvas);
  TCXD_RETURN_IF_ERROR(canvas->Finish());
  return out;
}

// Page `page` of what `render` draws, as a PNG at `dpi`.
template <typename Render>
Result<std::string> RenderPng(double width, double height, int page, double dpi, const Render& render) {
  if (!(dpi > 0 && dpi <= kMaxDpi)) return Error::Invalid("dpi", Format(Msg::kPrintBadDpi, kMaxDpi));
  std::string out;
  auto canvas = Canvas::ForPng(width, height, dpi, page, &out);
  render(*canvas);
  TCXD_RETURN_IF_ERROR(canvas->Finish());
  if (!canvas->png_found()) return Error::Invalid("page", Format(Msg::kPrintNoSuchPage, page + 1));
  return out;
}

}  // namespace

Result<std::string> MemberSheetPdf(const MemberSheet& data) {
  return RenderPdf(kA4Short, kA4Long, std::string(Text(Msg::kPrintSheetTitle)) + " – " + data.full_name,
                   [&](Canvas& c) { RenderSheet(c, data); });
}

Result<std::string> MemberCvPdf(const MemberSheet& data) {
  return RenderPdf(kA4Short, kA4Long, std::string(Text(Msg::kPrintCvTitle)) + " – " + data.full_name,
                   [&](Canvas& c) { RenderCv(c, data); });
}

Result<std::string> MemberListPdf(const std::string& title, const std::vector<MemberListLine>& rows) {
  return RenderPdf(kA4Long, kA4Short, title, [&](Canvas& c) { RenderTable(c, ListDoc(title, rows)); });
}

Result<std::string> TransferLetterPdf(const TransferLetterSheet& data) {
  return RenderPdf(kA4Short, kA4Long,
                   std::string(Text(Msg::kPrintLetterFormTitle)) + " " + data.number + " – " + data.full_name,
                   [&](Canvas& c) { RenderLetter(c, data); });
}

Result<std::string> DocumentPdf(const Document& doc) {
  return RenderPdf(kA4Short, kA4Long, doc.title, [&](Canvas& c) { RenderDocument(c, doc); });
}

Result<std::string> TransferBookPdf(const std::string& title, const std::vector<TransferBookLine>& rows,
                                    const std::string& incoming_title, const std::vector<TransferBookLine>& incoming) {
  return RenderPdf(kA4Long, kA4Short, title, [&](Canvas& c) {
    RenderTable(c, BookDoc(title, rows));
    if (!incoming_title.empty()) RenderTable(c, BookDoc(incoming_title, incoming, true));
  });
}

int MemberListRowsPerPage(const std::string& title) {
  const Typesetter ts;
  const std::vector<Column> cols = ListColumns();
  const Row head = MakeRow(ts, cols, ListHeader(), kListHeadStyle);
  const ListGeometry g = MakeListGeometry(ts, title, head.height);
  MemberListLine line;
  line.full_name = "A";
  const double one_line = MakeRow(ts, cols, ListCells(0, line), kListBodyStyle).height;
  const std::vector<size_t> starts = Paginate(std::vector<double>(1000, one_line), g);
  return static_cast<int>(starts.size() > 1 ? starts[1] : 1000);
}

Result<std::string> MemberSheetPng(const MemberSheet& data, int page, double dpi) {
  return RenderPng(kA4Short, kA4Long, page, dpi, [&](Canvas& c) { RenderSheet(c, data); });
}

Result<std::string> MemberCvPng(const MemberSheet& data, int page, double dpi) {
  return RenderPng(kA4Short, kA4Long, page, dpi, [&](Canvas& c) { RenderCv(c, data); });
}

Result<std::string> MemberListPng(const std::string& title, const std::vector<MemberListLine>& rows, int page,
                                  double dpi) {
  return RenderPng(kA4Long, kA4Short, page, dpi, [&](Canvas& c) { RenderTable(c, ListDoc(title, rows)); });
}

}  // namespace tcxd::print
