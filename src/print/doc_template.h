// Document templates an administrator edits as text (issue #6 item 6, issue #5 item 7;
// docs/decisions/0011-document-templates.md). Pure: no HTTP, no SQL, no I/O. A template is parsed against
// the fields its document kind declares, then rendered with a record of values into a Document: a list of
// blocks that the PDF writer (print/pdf_forms.h, DocumentPdf) and the DOCX writer (print/docx.h) draw.
//
// The language, line by line (a line is one block unless it is part of a table):
//   # a comment                      the line is ignored
//   @title TEXT                      centered bold title (14 pt)
//   @subtitle TEXT                   centered italic line (under a title)
//   @heading PARENT | COMMITTEE | NUMBER | PLACE | DATE
//                                    the two-column heading of a party document: the upper committee and
//                                    the issuing committee (capitals), "*", "Số NUMBER" on the left;
//                                    "ĐẢNG CỘNG SẢN VIỆT NAM" and "PLACE, ngày … tháng … năm …" on the
//                                    right (DATE as dd/mm/yyyy or yyyy-mm-dd; an empty value prints as
//                                    dots; NUMBER left out of the template: no "Số" line)
//   TEXT                             a justified paragraph with a first-line indent
//   @left TEXT, @center TEXT, @right TEXT   a paragraph aligned so, without indent
//   @space                           an empty line
//   @table W1 | W2 | …               starts a table; relative column widths, integers 1–100
//   @header C1 | C2 | …              a header row (bold, centered)
//   @row C1 | C2 | …                 a body row
//   @end                             ends the table
//   @signature LEFT | CAPTION | ROLE | NAME
//                                    the signature block: CAPTION ("T/M CHI BỘ") and ROLE ("BÍ THƯ") in
//                                    bold on the right, room to sign, NAME; LEFT (e.g. "Nơi nhận: …") on
//                                    the left, may be empty
// Inside any text:
//   {{field}}                        the value of a field (NFC, control characters removed; an empty
//                                    value prints as a dotted gap "…………", to be filled by hand)
//   {{#list}} … {{/list}}            repeated for each item of a list field; inside, the item's fields
//                                    and {{stt}} (1, 2, …) are known, and the outer fields still are
//   {{#field}} … {{/field}}          shown when a text field is not empty
//   {{^field}} … {{/field}}          shown when a field (text or list) is empty
//   **bold**  __italic__             emphasis in the template's own text (never taken from a value)
//   \{ \| \* \_ \@ \# \\             the character itself
// A tag alone on its line ({{#rows}}, {{/rows}}) takes no line of its own. Values never change the
// structure: a "|", "**" or "{{" inside a value is printed as it is.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"

namespace tcxd::print {

// ---- the document model

struct Run {
  std::string text;  // NFC UTF-8, no control characters
  bool bold = false;
  bool italic = false;
  bool operator==(const Run&) const = default;
};
using Line = std::vector<Run>;

// The plain text of a line (the runs' texts joined).
std::string PlainText(const Line& line);

enum class BlockKind { kTitle, kSubtitle, kParagraph, kHeading, kSpace, kTable, kSignature };
enum class Align { kJustify, kLeft, kCenter, kRight };

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  Line line;                            // title, subtitle, paragraph
  Align align = Align::kJustify;        // paragraph
  std::vector<std::string> parts;       // heading: parent, committee, number, place; signature: left, caption,
                                        // role, name (always 4 entries, empty when not given)
  std::optional<Date> date;             // heading
  std::vector<int> widths;              // table: relative column widths
  std::vector<Line> header;             // table: the header row (may be empty)
  std::vector<std::vector<Line>> rows;  // table: body rows, each with widths.size() cells
};

struct Document {
  std::string title;  // the first @title's text (PDF metadata, DOCX core properties)
  std::vector<Block> blocks;
};

// "<place>, ngày dd tháng mm năm yyyy" as party documents date themselves; dots for an empty place or a
// missing date (to be filled by hand).
std::string PlaceDateText(const std::string& place, const std::optional<Date>& on);

// ---- fields and values

// A field a document kind declares: a text, or a list whose items have their own fields.
struct FieldSpec {
  std::string name;  // [a-z0-9_]+
  Msg label = Msg::kNotFound;
  bool list = false;
  std::vector<FieldSpec> items;  // list only
  std::string sample;            // text only: the value shown in a preview
};

struct Record {
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<Record>> lists;
};

// A record of sample values from the specs (each list gets two items), for previews.
Record SampleRecord(const std::vector<FieldSpec>& fields);

// ---- templates

struct Node;  // defined in doc_template.cpp

class Template final {
 public:
  Template();
  ~Template();
  Template(Template&&) noexcept;
  Template& operator=(Template&&) noexcept;

  // Parses `text` (UTF-8) against the fields of a document kind, and checks the layout marks by
  // rendering every branch once with sample values. On a mistake returns kInvalid on field "text" with the
  // Vietnamese message "Dòng L, cột C: …", and fields["line"], fields["column"] (1-based, columns in
  // characters) for an editor to point at it. Errors: empty text, a tag not closed on its line, a bad or
  // unknown field name, a list used as a text, a block not closed or closed by another name, an unknown
  // @mark, @header/@row outside a table, another mark inside one, a table without @end, bad widths, more
  // cells than columns, too many parts. Thread-safe (no shared state).
  static Result<Template> Parse(std::string_view text, const std::vector<FieldSpec>& fields);

  // The document for `values`. Fields missing from `values` render as empty (dots). Never fails on values
  // (the structure was checked by Parse). Thread-safe on a const Template.
  Document Render(const Record& values) const;

 private:
  std::vector<Node> nodes_;
};

}  // namespace tcxd::print
