// One line of the member book (sổ danh sách đảng viên, Mẫu 7-HSĐV; rules §2, rules-2 §2.1): its 14
// columns, from the register, the dossier in force and the member's transfers. Pure domain: the app layer
// reads the facts, this writes the line as the book's instructions ask.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "domain/dossier.h"
#include "domain/member.h"

namespace tcxd {

// A transfer as the book writes it: the day and the party organization on the other side.
struct BookTransfer {
  Date on;
  std::string other_side;  // "Đảng bộ xã X" (the grassroots organization), or the destination as written
};

struct BookFacts {
  const Member* member = nullptr;         // REQUIRES: set
  const Dossier* dossier = nullptr;       // the version in force on the book's day; nullptr: none recorded
  std::optional<BookTransfer> moved_out;  // column 10: the member left the book's organization by transfer
  std::optional<BookTransfer> moved_in;   // column 11: the member came from another organization
};

// The 14 columns, each a text with one item per line:
//  1 line number; 2 birth name; 3 gender, ethnicity, religion; 4 hometown;
//  5 general education, political theory, professional qualifications (level and field), languages;
//  6 the occupation before joining (the work-history line covering the admission decision) and now;
//  7 admission and official dates; 8 card, CV and badge numbers (the highest badge and its decision);
//  9 army, police, retirement (with their dates); 10 transferred out (date, to where); 11 transferred in
//  (date, from where); 12 death date; 13 date and form of leaving (removal, expulsion, withdrawal);
//  14 notes (probationary, exempt, temporarily registered).
std::vector<std::string> MemberBookLine(int no, const BookFacts& f);

// The non-empty parts, one per line (a cell of the book or of a form).
std::string JoinLines(std::initializer_list<std::string> parts);

}  // namespace tcxd
