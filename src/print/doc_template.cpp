// The template language of doc_template.h: lexed line by line into tags and literal text, parsed into a
// tree of sections checked against the declared fields, expanded with values into output lines, and the
// lines turned into blocks by their @marks.
#include "print/doc_template.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include <fmt/format.h>

#include "text/unicode.h"

namespace tcxd::print {

enum class NodeKind { kText, kField, kSection, kInverted, kNewline };

struct Node {
  NodeKind kind = NodeKind::kText;
  std::string text;  // kText: the literal as written (escapes kept); otherwise the field name
  int line = 0;
  int col = 0;
  bool loop = false;  // kSection over a list field
  std::vector<Node> children;
};

Template::Template() = default;
Template::~Template() = default;
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;

std::string PlainText(const Line& line) {
  std::string s;
  for (const auto& r : line) s += r.text;
  return s;
}

std::string PlaceDateText(const std::string& place, const std::optional<Date>& on) {
  constexpr const char* kDots = "……";
  const std::string where = place.empty() ? kDots : place;
  if (!on) return Format(Msg::kPrintSheetPlaceDate, where, kDots, kDots, std::string("20") + kDots);
  return Format(Msg::kPrintSheetPlaceDate, where, fmt::format("{:02}", on->day()), fmt::format("{:02}", on->month()),
                on->year());
}

namespace {

constexpr std::string_view kGap = "…………";  // an empty value: a gap to fill by hand
constexpr std::string_view kLoopIndex = "stt";
constexpr size_t kHeadingParts = 5;
constexpr size_t kSignatureParts = 4;
constexpr int kMaxWidth = 100;

Error At(int line, int col, const std::string& message) {
  Error e = Error::Invalid("text", Format(Msg::kTemplateAt, line, col, message));
  e.fields["line"] = std::to_string(line);
  e.fields["column"] = std::to_string(col);
  return e;
}

// 1-based column in characters of byte offset `pos` of `line`.
int Column(std::string_view line, size_t pos) {
  int col = 1;
  for (size_t i = 0; i < pos && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ValidName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// A value as printed: valid UTF-8 in NFC, line breaks and tabs as spaces, other control characters
// dropped (XML 1.0 cannot carry them); empty: the gap.
std::string CleanValue(std::string_view raw) {
  std::string s = text::IsValidUtf8(raw) ? text::Nfc(raw) : std::string();
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (u >= 0x20 && u != 0x7F) {
      out += c;
    }
  }
  if (Trim(out).empty()) return std::string(kGap);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Lexing and parsing.

class Parser final {
 public:
  explicit Parser(const std::vector<FieldSpec>& fields) { scopes_.push_back(Scope{&fields, false}); }

  Result<std::vector<Node>> Run(std::string_view text) {
    std::vector<Node> root;
    stack_.push_back(&root);
    int line_no = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_no;
      TCXD_RETURN_IF_ERROR(Lex(line, line_no));
      start = end + 1;
    }
    if (stack_.size() > 1) {
      const Node& open = open_.back();
      return At(open.line, open.col, Format(Msg::kTemplateUnclosedSection, open.text));
    }
    return root;
  }

 private:
  struct Scope {
    const std::vector<FieldSpec>* fields;
    bool loop;
  };

  Status Lex(std::string_view line, int line_no) {
    if (!Trim(line).empty() && Trim(line).front() == '#') return Status::Ok();  // a comment
    std::vector<Node> tokens;
    std::string literal;
    size_t literal_pos = 0;
    auto flush = [&] {
      if (!literal.empty())
        tokens.push_back(Node{NodeKind::kText, literal, line_no, Column(line, literal_pos), false, {}});
      literal.clear();
    };
    size_t pos = 0;
    while (pos < line.size()) {
      if (literal.empty()) literal_pos = pos;
      if (line[pos] == '\\' && pos + 1 < line.size()) {
        literal += line.substr(pos, 2);
        pos += 2;
        continue;
      }
      if (line.compare(pos, 2, "{{") != 0) {
        literal += line[pos++];
        continue;
      }
      flush();
      const size_t close = line.find("}}", pos + 2);
      if (close == std::string_view::npos) return At(line_no, Column(line, pos), Format(Msg::kTemplateUnclosedTag));
      std::string_view inner = Trim(line.substr(pos + 2, close - pos - 2));
      NodeKind kind = NodeKind::kField;
      bool closing = false;
      if (!inner.empty() && (inner.front() == '#' || inner.front() == '^' || inner.front() == '/')) {
        kind = inner.front() == '^' ? NodeKind::kInverted : NodeKind::kSection;
        closing = inner.front() == '/';
        inner = Trim(inner.substr(1));
      }
      if (!ValidName(inner)) {
        return At(line_no, Column(line, pos), Format(Msg::kTemplateBadName, std::string(inner)));
      }
      Node tag{kind, std::string(inner), line_no, Column(line, pos), false, {}};
      if (closing) tag.text = "/" + tag.text;
      tokens.push_back(std::move(tag));
      pos = close + 2;
    }
    flush();
    // A section tag alone on its line takes no line of its own.
    int tags = 0;
    const Node* only = nullptr;
    for (const auto& t : tokens) {
      if (t.kind == NodeKind::kText && IsBlank(t.text)) continue;
      ++tags;
      only = &t;
    }
    if (tags == 1 && only->kind != NodeKind::kText && only->kind != NodeKind::kField) return Add(*only);
    for (const auto& t : tokens) TCXD_RETURN_IF_ERROR(Add(t));
    return Add(Node{NodeKind::kNewline, {}, line_no, static_cast<int>(line.size()) + 1, false, {}});
  }

  const FieldSpec* Find(const std::string& name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      for (const auto& f : *it->fields) {
        if (f.name == name) return &f;
      }
    }
    return nullptr;
  }

  bool InLoop() const {
    return std::any_of(scopes_.begin(), scopes_.end(), [](const Scope& s) { return s.loop; });
  }

  Status Add(const Node& token) {
    std::vector<Node>& into = *stack_.back();
    if (token.kind == NodeKind::kText || token.kind == NodeKind::kNewline) {
      into.push_back(token);
      return Status::Ok();
    }
    const bool closing = token.text.front() == '/';
    if (closing) {
      const std::string name = token.text.substr(1);
      if (open_.empty()) return At(token.line, token.col, Format(Msg::kTemplateStrayClose, name));
      if (open_.back().text != name) {
        return At(token.line, token.col, Format(Msg::kTemplateMismatchedClose, name, open_.back().text));
      }
      if (open_.back().loop) scopes_.pop_back();
      open_.pop_back();
      stack_.pop_back();
      return Status::Ok();
    }
    if (token.kind == NodeKind::kField && token.text == kLoopIndex && InLoop()) {
      into.push_back(token);
      return Status::Ok();
    }
    const FieldSpec* spec = Find(token.text);
    if (spec == nullptr) return At(token.line, token.col, Format(Msg::kTemplateUnknownField, token.text));
    if (token.kind == NodeKind::kField) {
      if (spec->list) return At(token.line, token.col, Format(Msg::kTemplateListAsText, token.text));
      into.push_back(token);
      return Status::Ok();
    }
    Node section = token;
    section.loop = token.kind == NodeKind::kSection && spec->list;
    into.push_back(std::move(section));
    open_.push_back(into.back());
    stack_.push_back(&into.back().children);
    if (open_.back().loop) scopes_.push_back(Scope{&spec->items, true});
    return Status::Ok();
  }

  std::vector<Scope> scopes_;
  std::vector<std::vector<Node>*> stack_;  // where tokens go: the root, then each open section's children
  std::vector<Node> open_;                 // the open sections (copies for their names and positions)
};

// ---------------------------------------------------------------------------------------------------
// Expansion: the tree with values, as output lines of literal and value segments.

struct Seg {
  bool literal = true;
  std::string text;
  int line = 0;
  int col = 0;
};
using OutLine = std::vector<Seg>;

class Expander final {
 public:
  explicit Expander(bool probe) : probe_(probe) {}

  std::vector<OutLine> Run(const std::vector<Node>& nodes, const Record& values) {
    frames_.push_back(Frame{&values, 0});
    Walk(nodes);
    if (!current_.empty()) lines_.push_back(std::move(current_));
    return std::move(lines_);
  }

 private:
  struct Frame {
    const Record* record;
    int index;  // 1-based inside a loop
  };

  const std::string* Text(const std::string& name) const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      auto f = it->record->text.find(name);
      if (f != it->record->text.end()) return &f->second;
    }
    return nullptr;
  }
  const std::vector<Record>* List(const std::string& name) const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      auto f = it->record->lists.find(name);
      if (f != it->record->lists.end()) return &f->second;
    }
    return nullptr;
  }
  bool Empty(const std::string& name) const {
    if (const auto* l = List(name)) return l->empty();
    const std::string* t = Text(name);
    return t == nullptr || Trim(*t).empty();
  }

  void Walk(const std::vector<Node>& nodes) {
    for (const auto& n : nodes) {
      switch (n.kind) {
        case NodeKind::kText:
          current_.push_back(Seg{true, n.text, n.line, n.col});
          break;
        case NodeKind::kNewline:
          current_.push_back(Seg{true, std::string(), n.line, n.col});  // keeps empty lines apart
          lines_.push_back(std::move(current_));
          current_.clear();
          break;
        case NodeKind::kField: {
          std::string value;
          if (n.text == kLoopIndex && frames_.back().index > 0 && Text(n.text) == nullptr) {
            value = std::to_string(frames_.back().index);
          } else if (const std::string* t = Text(n.text)) {
            value = *t;
          }
          current_.push_back(Seg{false, CleanValue(value), n.line, n.col});
          break;
        }
        case NodeKind::kSection:
          if (n.loop) {
            const auto* items = List(n.text);
            if (items == nullptr) break;
            int i = 0;
            for (const auto& item : *items) {
              frames_.push_back(Frame{&item, ++i});
              Walk(n.children);
              frames_.pop_back();
            }
          } else if (probe_ || !Empty(n.text)) {
            Walk(n.children);
          }
          break;
        case NodeKind::kInverted:
          if (probe_ || Empty(n.text)) Walk(n.children);
          break;
      }
    }
  }

  bool probe_;
  std::vector<Frame> frames_;
  std::vector<OutLine> lines_;
  OutLine current_;
};

// ---------------------------------------------------------------------------------------------------
// Blocks from output lines.

void Append(Line& line, std::string text, bool bold, bool italic) {
  if (text.empty()) return;
  if (!line.empty() && line.back().bold == bold && line.back().italic == italic) {
    line.back().text += text;
  } else {
    line.push_back(Run{std::move(text), bold, italic});
  }
}

// Runs of a cell: "**" and "__" in the template's text switch bold and italic; values keep the style.
Line ToLine(const std::vector<Seg>& segs) {
  Line line;
  bool bold = false;
  bool italic = false;
  for (const auto& s : segs) {
    if (!s.literal) {
      Append(line, s.text, bold, italic);
      continue;
    }
    std::string pending;
    for (size_t i = 0; i < s.text.size(); ++i) {
      const char c = s.text[i];
      if (c == '\\' && i + 1 < s.text.size()) {
        pending += s.text[++i];
      } else if ((c == '*' || c == '_') && i + 1 < s.text.size() && s.text[i + 1] == c) {
        Append(line, std::move(pending), bold, italic);
        pending.clear();
        if (c == '*') {
          bold = !bold;
        } else {
          italic = !italic;
        }
        ++i;
      } else {
        pending += c;
      }
    }
    Append(line, std::move(pending), bold, italic);
  }
  // Trim the cell.
  while (!line.empty()) {
    std::string& t = line.front().text;
    t.erase(0, t.find_first_not_of(" \t"));
    if (!t.empty()) break;
    line.erase(line.begin());
  }
  while (!line.empty()) {
    std::string& t = line.back().text;
    const size_t last = t.find_last_not_of(" \t");
    t.erase(last == std::string::npos ? 0 : last + 1);
    if (!t.empty()) break;
    line.pop_back();
  }
  return line;
}

// The segments split on the template's own "|" (values never split).
std::vector<std::vector<Seg>> SplitCells(const std::vector<Seg>& segs) {
  std::vector<std::vector<Seg>> cells(1);
  for (const auto& s : segs) {
    if (!s.literal) {
      cells.back().push_back(s);
      continue;
    }
    std::string part;
    for (size_t i = 0; i < s.text.size(); ++i) {
      if (s.text[i] == '\\' && i + 1 < s.text.size()) {
        part += s.text.substr(i, 2);
        ++i;
      } else if (s.text[i] == '|') {
        cells.back().push_back(Seg{true, part, s.line, s.col});
        part.clear();
        cells.emplace_back();
      } else {
        part += s.text[i];
      }
    }
    cells.back().push_back(Seg{true, part, s.line, s.col});
  }
  return cells;
}

std::optional<Date> ParseDocDate(std::string_view s) {
  s = Trim(s);
  if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
    return Date::Parse(std::string(s.substr(6, 4)) + "-" + std::string(s.substr(3, 2)) + "-" +
                       std::string(s.substr(0, 2)));
  }
  return Date::Parse(s);
}

class Builder final {
 public:
  Result<Document> Run(const std::vector<OutLine>& lines) {
    for (const auto& l : lines) TCXD_RETURN_IF_ERROR(OneLine(l));
    if (table_ != nullptr) return At(table_line_, table_col_, std::string(Text(Msg::kTemplateTableUnclosed)));
    return std::move(doc_);
  }

 private:
  Status OneLine(const OutLine& segs) {
    const bool blank = std::all_of(segs.begin(), segs.end(), [](const Seg& s) { return s.literal && IsBlank(s.text); });
    if (blank) return Status::Ok();
    const Seg& first = segs.front();
    std::string_view lead = first.literal ? std::string_view(first.text) : std::string_view();
    const size_t at = lead.find_first_not_of(" \t");
    if (!first.literal || at == std::string_view::npos || lead[at] != '@') {
      if (table_ != nullptr) return At(first.line, first.col, std::string(Text(Msg::kTemplateInsideTable)));
      Block b;
      b.line = ToLine(segs);
      doc_.blocks.push_back(std::move(b));
      return Status::Ok();
    }
    size_t name_end = at + 1;
    while (name_end < lead.size() && lead[name_end] >= 'a' && lead[name_end] <= 'z') ++name_end;
    const std::string mark(lead.substr(at + 1, name_end - at - 1));
    const int line = first.line;
    const int col = first.col + static_cast<int>(at);
    std::vector<Seg> args = segs;
    args.front().text = std::string(lead.substr(name_end));
    return Mark(mark, args, line, col);
  }

  Status Mark(const std::string& mark, const std::vector<Seg>& args, int line, int col) {
    const bool in_table = table_ != nullptr;
    if (mark == "header" || mark == "row" || mark == "end") {
      if (!in_table) return At(line, col, Format(Msg::kTemplateOutsideTable, mark));
      if (mark == "end") {
        if (!ToLine(args).empty()) return At(line, col, Format(Msg::kTemplateNoArgument, mark));
        table_ = nullptr;
        return Status::Ok();
      }
      std::vector<Line> cells;
      for (const auto& c : SplitCells(args)) cells.push_back(ToLine(c));
      if (cells.size() > table_->widths.size()) {
        return At(line, col, Format(Msg::kTemplateTooManyCells, cells.size(), table_->widths.size()));
      }
      cells.resize(table_->widths.size());
      if (mark == "header") {
        table_->header = std::move(cells);
      } else {
        table_->rows.push_back(std::move(cells));
      }
      return Status::Ok();
    }
    if (in_table) return At(line, col, std::string(Text(Msg::kTemplateInsideTable)));
    Block b;
    if (mark == "title" || mark == "subtitle" || mark == "left" || mark == "center" || mark == "right") {
      b.kind = mark == "title" ? BlockKind::kTitle : mark == "subtitle" ? BlockKind::kSubtitle : BlockKind::kParagraph;
      b.align = mark == "left" ? Align::kLeft : mark == "right" ? Align::kRight : Align::kCenter;
      b.line = ToLine(args);
      if (b.kind == BlockKind::kTitle && doc_.title.empty()) doc_.title = PlainText(b.line);
    } else if (mark == "space") {
      if (!ToLine(args).empty()) return At(line, col, Format(Msg::kTemplateNoArgument, mark));
      b.kind = BlockKind::kSpace;
    } else if (mark == "heading" || mark == "signature") {
      const size_t max = mark == "heading" ? kHeadingParts : kSignatureParts;
      const auto cells = SplitCells(args);
      if (cells.size() > max) return At(line, col, Format(Msg::kTemplateTooManyParts, mark, max));
      b.kind = mark == "heading" ? BlockKind::kHeading : BlockKind::kSignature;
      for (const auto& c : cells) b.parts.push_back(PlainText(ToLine(c)));
      b.parts.resize(max);
      if (b.kind == BlockKind::kHeading) {
        b.date = ParseDocDate(b.parts[4]);
        b.parts.resize(4);
      }
    } else if (mark == "table") {
      b.kind = BlockKind::kTable;
      for (const auto& c : SplitCells(args)) {
        const std::string w = PlainText(ToLine(c));
        int v = 0;
        const auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
        if (ec != std::errc() || p != w.data() + w.size() || v < 1 || v > kMaxWidth) {
          return At(line, col, std::string(Text(Msg::kTemplateBadWidths)));
        }
        b.widths.push_back(v);
      }
      doc_.blocks.push_back(std::move(b));
      table_ = &doc_.blocks.back();
      table_line_ = line;
      table_col_ = col;
      return Status::Ok();
    } else {
      return At(line, col, Format(Msg::kTemplateUnknownMark, mark));
    }
    doc_.blocks.push_back(std::move(b));
    return Status::Ok();
  }

  Document doc_;
  Block* table_ = nullptr;  // the open table: the last block while open (no block is added meanwhile)
  int table_line_ = 0;
  int table_col_ = 0;
};

void SampleInto(const std::vector<FieldSpec>& fields, Record& r, int depth) {
  for (const auto& f : fields) {
    if (!f.list) {
      r.text[f.name] = f.sample;
      continue;
    }
    auto& items = r.lists[f.name];
    if (depth > 3) continue;
    for (int i = 0; i < 2; ++i) {
      Record item;
      SampleInto(f.items, item, depth + 1);
      items.push_back(std::move(item));
    }
  }
}

}  // namespace

Record SampleRecord(const std::vector<FieldSpec>& fields) {
  Record r;
  SampleInto(fields, r, 0);
  return r;
}

Result<Template> Template::Parse(std::string_view text, const std::vector<FieldSpec>& fields) {
  if (!text::IsValidUtf8(text)) return Error::Invalid("text", Msg::kNotUtf8);
  Parser parser(fields);
  auto nodes = parser.Run(text);
  if (!nodes.ok()) return nodes.error();
  // The layout marks: every branch once, loops with the sample items.
  const std::vector<OutLine> lines = Expander(true).Run(*nodes, SampleRecord(fields));
  auto doc = Builder().Run(lines);
  if (!doc.ok()) return doc.error();
  if (doc->blocks.empty()) return Error::Invalid("text", Msg::kTemplateEmpty);  // blank, or comments only
  Template t;
  t.nodes_ = std::move(*nodes);
  return t;
}

Document Template::Render(const Record& values) const {
  const std::vector<OutLine> lines = Expander(false).Run(nodes_, values);
  auto doc = Builder().Run(lines);
  // Parse checked every branch; a failure here would be a bug: render what can be.
  return doc.ok() ? std::move(*doc) : Document{};
}

}  // namespace tcxd::print
