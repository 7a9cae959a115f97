// Pure helpers of the template editor (mẫu văn bản).
import { ApiError } from '../api/client';
import type { DocTemplateField } from '../api/types';

export interface Location {
  line: number; // 1-based
  column: number; // 1-based, in characters
}

/** Where the server found a mistake in a template (its 422 names the line and column), or null. */
export function errorLocation(e: unknown): Location | null {
  if (!(e instanceof ApiError) || e.field !== 'text') return null;
  const line = Number(e.fields.line);
  const column = Number(e.fields.column);
  if (!Number.isInteger(line) || line < 1 || !Number.isInteger(column) || column < 1) return null;
  return { line, column };
}

/**
 * The offsets [start, end) in `text` (UTF-16, as a textarea selects) of line `line`, from its column
 * `column` (in characters) to the line's end; the end of the text when the line does not exist.
 */
export function lineRange(text: string, { line, column }: Location): [number, number] {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return [text.length, text.length];
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const end = nl < 0 ? text.length : nl;
  // Columns count characters (code points): walk them.
  let at = start;
  for (let c = 1; c < column && at < end; c++) at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  return [at, end];
}

export interface FieldRow {
  tag: string; // what to write in the template
  label: string;
  depth: number;
}

/** The declared fields as rows to show beside the editor: texts as {{name}}, lists as {{#name}} with their items. */
export function fieldRows(fields: DocTemplateField[], depth = 0): FieldRow[] {
  return fields.flatMap((f) =>
    f.list
      ? [
          { tag: `{{#${f.name}}} … {{/${f.name}}}`, label: f.label, depth },
          { tag: '{{stt}}', label: '', depth: depth + 1 }, // the item's number; labelled by the page
          ...fieldRows(f.items ?? [], depth + 1),
        ]
      : [{ tag: `{{${f.name}}}`, label: f.label, depth }],
  );
}
