// A document rendered from a template (doc_template.h) as a Word file: a minimal OOXML package
// ([Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml, word/_rels/document.xml.rels,
// docProps/core.xml) zipped with minizip (docs/decisions/0011-document-templates.md). Times New Roman
// 13 pt body and 14 pt titles, A4 with the margins of party documents (20 mm top and bottom, 30 mm left,
// 15 mm right), the same blocks as the PDF: the heading and the signature as borderless two-column
// tables, tables with a repeated header row. No HTTP, no SQL.
#pragma once

#include <string>

#include "core/error.h"
#include "print/doc_template.h"

namespace tcxd::print {

// The .docx bytes, or kInternal when the zip cannot be written. Texts are XML-escaped. Thread-safe.
Result<std::string> DocumentDocx(const Document& doc);

}  // namespace tcxd::print
