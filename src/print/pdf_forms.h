// Printable forms as PDF (issue #4): the member sheet (phiếu đảng viên, Mẫu 2-HSĐV), the member CV (lý lịch
// đảng viên, Mẫu 1-HSĐV) and a member list; the introduction letter of a transfer (giấy giới thiệu sinh hoạt
// đảng) and the transfer book (sổ giới thiệu sinh hoạt đảng, Mẫu 10-SHĐ) (issue #7).
// An adapter like src/io/: plain structs in, PDF bytes out; no database, no HTTP. Text is laid out by
// pango (shaping, line breaking, Vietnamese marks) and drawn by cairo's PDF surface, with the
// "Liberation Serif" font embedded as a subset (docs/decisions/0008-pdf-forms.md).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "print/doc_template.h"

namespace tcxd::print {

// One of the two introducers of item 12.
struct Introducer {
  std::string full_name;
  std::string position_and_unit;  // "Chức vụ, đơn vị"
};

// One line of item 21 (work history).
struct WorkPeriod {
  std::optional<Date> from;  // printed as mm/yyyy
  std::optional<Date> to;    // nullopt: "nay" (until now)
  std::string description;   // what, position, unit
};

// One line of item 22 (training).
struct TrainingCourse {
  std::string school;
  std::string subject;  // field of study or name of the course
  std::optional<Date> from;
  std::optional<Date> to;
  std::string mode;           // full-time, in-service…
  std::string qualification;  // degree, certificate, level
};

// One line of item 29 (family relations).
struct Relative {
  std::string relation;  // "Cha đẻ", "Vợ"…
  std::string full_name;
  std::string birth_year;  // text: sometimes only approximately known
  std::string details;     // hometown, residence, occupation, position, unit
};

// The member's photo as stored (a JPEG or PNG file, checked on upload: domain/photo.h) with the size its
// header gives.
struct SheetPhoto {
  std::string bytes;
  bool png = false;  // else JPEG
  int width = 0;     // pixels
  int height = 0;
};

// The contents of the member sheet. Every text is printed as given (NFC UTF-8, already clean); an empty
// text or a missing date prints as a dotted line, like the blank paper form. Item numbers follow the
// public reproductions of the form (see the decision note for what could not be verified).
struct MemberSheet {
  // Heading: the organizations the member belongs to, from the province down, as printed.
  std::string province_committee;  // Đảng bộ tỉnh (tương đương)
  std::string commune_committee;   // Đảng bộ xã (tương đương)
  std::string grassroots;          // Đảng bộ, chi bộ cơ sở
  std::string sub_committee;       // Đảng bộ bộ phận
  std::string branch;              // Chi bộ
  std::string cv_number;           // số lý lịch: 6 digits then 1-3 letters, one per box
  std::string card_number;         // số thẻ đảng viên: one character per box (8 boxes or more)

  // 01-11: identity.
  std::string full_name;  // printed in capitals
  std::string gender;     // "Nam" or "Nữ", as printed
  std::string other_names;
  std::optional<Date> birth_date;
  std::string birth_place;  // where the birth was registered
  std::string hometown;
  std::string permanent_residence;
  std::string temporary_residence;
  std::string ethnicity;
  std::string religion;
  std::string family_background;  // thành phần gia đình
  std::string occupation;

  // 12: admission (rules §1.7: ceremony date = "ngày vào Đảng", the decision date, the official date).
  std::optional<Date> ceremony_date;
  std::string ceremony_branch;
  std::array<Introducer, 2> introducers;
  std::optional<Date> admission_decision_date;
  std::optional<Date> official_date;
  std::string official_branch;

  // 13-16.
  std::optional<Date> recruitment_date;
  std::string recruiting_agency;
  std::optional<Date> youth_union_date;
  std::string other_organizations;
  std::optional<Date> enlistment_date;
  std::optional<Date> discharge_date;

  // 17: education levels.
  std::string general_education;           // "12/12"
  std::string professional_qualification;  // degree and field
  std::string academic_degree;             // highest degree (học vị)
  std::string academic_title;              // highest title (học hàm)
  std::string political_theory;
  std::string foreign_languages;
  std::string it_skills;

  // 18-20.
  std::string health;
  std::string war_invalid_grade;
  std::string martyr_family;
  std::string revolution_merit_family;
  std::string national_id;
  std::optional<Date> exempt_since;  // exempted from work and party life since

  // 21-30.
  std::vector<WorkPeriod> work_history;
  std::vector<TrainingCourse> training;
  std::string awards;
  std::string party_badges;  // "30 năm (2020)"
  std::string honorary_titles;
  std::string discipline;
  std::string history_notes;      // 27: expulsion, re-admission, legal proceedings, the former regime
  std::string foreign_relations;  // 28: trips, organizations abroad, relatives abroad
  std::vector<Relative> family;
  std::string economic_situation;  // 30

  // Printed in the 3 x 4 cm box, scaled to fit with its aspect kept; without it (or when the file cannot
  // be read) the box is printed empty. A JPEG is embedded as it is (PDF only; the PNG previews leave the
  // box empty), a PNG is decoded.
  std::optional<SheetPhoto> photo;

  // Signature block: "<place>, ngày … tháng … năm …"; blank when unknown.
  std::string signed_place;
  std::optional<Date> signed_on;
};

// One row of the printable member list.
struct MemberListLine {
  std::string full_name;
  std::string gender;  // "Nam" or "Nữ", as printed
  std::optional<Date> birth_date;
  std::optional<Date> ceremony_date;  // "ngày vào Đảng"
  std::optional<Date> official_date;
  std::string card_number;
  std::string branch;
};

// The introduction letter (giấy giới thiệu sinh hoạt đảng, rules.md §2 and rules-2.md §2.3). Texts are
// printed as given; an empty text or a missing date prints as a dotted line, to be filled in by hand.
enum class LetterKind {
  kOfficial,     // an official transfer within the province's party organization
  kOfficialOut,  // an official transfer out of it (another province, the army, the police, abroad)
  kTemporary,    // a temporary transfer
};

struct TransferLetterSheet {
  LetterKind kind = LetterKind::kOfficial;
  std::string issuer_parent;  // the committee above the issuing one (heading), may be empty
  std::string issuer;         // the issuing committee (heading, signature block)
  std::string number;         // as in the transfer book, "12/2026/GGT-TU"
  std::optional<Date> issued_on;
  std::string issued_place;  // "<place>, ngày … tháng … năm …"
  std::string addressee;     // "Kính gửi": the committee of the receiving side
  std::string full_name;     // printed in capitals
  std::string gender;        // "Nam" or "Nữ"
  std::optional<Date> birth_date;
  std::string hometown;
  std::optional<Date> ceremony_date;  // "vào Đảng ngày"
  std::optional<Date> official_date;
  std::string card_number;  // số TĐV
  std::string cv_number;    // số LL
  std::string book_number;  // số SĐV: the line in the branch's member book (often not recorded: dots)
  std::string from_org;     // the sending branch with its grassroots organization
  std::string destination;  // where the member is introduced to
  std::string decision;     // the decision that triggers the transfer, as a sentence
  std::optional<Date> temporary_until;
  std::string fees_paid_to;  // "MM/YYYY"
  std::optional<Date> present_by;
  int present_working_days = 30;
};

// One letter in the transfer book (Mẫu 10-SHĐ): the cells as printed.
struct TransferBookLine {
  std::string number;  // "12/2026/GGT-TU"
  std::optional<Date> date;
  std::string full_name;
  std::optional<Date> birth_date;
  std::optional<Date> ceremony_date;
  std::optional<Date> official_date;
  std::string card_number;
  std::string from;          // the sending branch, its grassroots organization
  std::string to;            // the receiving branch and grassroots organization, or the external destination
  std::string scope;         // official within / out of the province, temporary
  std::string fees_paid_to;  // "MM/YYYY"
};

// The introduction letter as a PDF: one A4 portrait page (the heading with the issuing committee and the
// number, "ĐẢNG CỘNG SẢN VIỆT NAM" with the place and date, the title and the kind, the addressee, the
// member's identity, card, CV and book numbers, where from and where to, the decision, "đã đóng đảng phí
// đến hết tháng …", the deadline to present it, the signature block). Returns the PDF bytes, or kInternal
// when cairo fails. Thread-safe.
Result<std::string> TransferLetterPdf(const TransferLetterSheet& data);

// A document rendered from a template (doc_template.h) as a PDF: A4 portrait, the margins of party
// documents, 13 pt body and 14 pt titles; blocks flow over pages (a table's header row is repeated after a
// break). Returns the PDF bytes, or kInternal when cairo fails. Thread-safe.
Result<std::string> DocumentPdf(const Document& doc);

// The transfer book of a committee for a year as a PDF: A4 landscape, `title` and the form code on every
// page, the columns STT, number, date, name and birth date, admission dates, card number, from, to, kind,
// fees paid; "Trang x/y" and the total. Returns the PDF bytes, or kInternal when cairo fails. Thread-safe.
// With `incoming_title` not empty, the form's second block follows on new pages: the members received with
// letters of other committees (the date column is the day of registration, the last one empty).
Result<std::string> TransferBookPdf(const std::string& title, const std::vector<TransferBookLine>& rows,
                                    const std::string& incoming_title = {},
                                    const std::vector<TransferBookLine>& incoming = {});

// The member sheet as a PDF: A4 portrait, as many pages as the contents need (usually 3), heading with
// the numbered boxes and a 3 x 4 cm photo box, items 01-30 with dotted lines, the tables of items 21,
// 22 and 29 (header row repeated after a page break), the signature blocks. Long values wrap within
// their column; a single value longer than ~25 lines is cut with "…" so that a block always fits a page.
// Returns the PDF bytes, or kInternal when cairo fails (out of memory).
// Thread-safe: each call builds its own surface; pango keeps one font map per thread.
Result<std::string> MemberSheetPdf(const MemberSheet& data);

// The member CV (lý lịch đảng viên, Mẫu 1-HSĐV) from the same contents: a cover page (the party's name,
// the title, the photo box, names, birth date, hometown, the CV and card numbers in boxes, the
// organizations), then items 01-30 laid out as on the member sheet, item 31 (self-assessment, blank lines
// for the member's hand), the pledge and the confirmations of the branch and grassroots committees.
// Returns the PDF bytes, or kInternal when cairo fails. Thread-safe.
Result<std::string> MemberCvPdf(const MemberSheet& data);

// A member list as a PDF: A4 landscape, `title` on top of every page, a table with the columns STT,
// full name, gender, birth date, ceremony date, official date, card number, branch; the header row is
// repeated on each page; "Trang x/y" at the bottom; the total after the last row. Names and branches wrap
// within their column (up to 4 lines, then "…"). An empty list prints the header and the total (0).
// Returns the PDF bytes, or kInternal when cairo fails. Thread-safe.
Result<std::string> MemberListPdf(const std::string& title, const std::vector<MemberListLine>& rows);

// The number of one-line rows that fit on one page of MemberListPdf with this title (for tests and page
// estimates). Thread-safe.
int MemberListRowsPerPage(const std::string& title);

// Previews: page `page` (0-based) of the same layout as a PNG at `dpi` (e.g. 96 for a screen), to look at
// in tests and in a web preview. Returns kInvalid ("dpi") unless 0 < dpi <= 600, kInvalid ("page") when
// the document has no such page, kInternal when cairo fails. Thread-safe.
Result<std::string> MemberSheetPng(const MemberSheet& data, int page, double dpi);
Result<std::string> MemberCvPng(const MemberSheet& data, int page, double dpi);
Result<std::string> MemberListPng(const std::string& title, const std::vector<MemberListLine>& rows, int page,
                                  double dpi);

}  // namespace tcxd::print
