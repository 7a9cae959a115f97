// Pure helpers of the import screen: the checks made before sending a file, the issues as a CSV file,
// and which confirm step a report allows.
import type { ImportIssue, ImportReport } from '../api/types';
import { formatNumber } from '../format';
import { t } from '../i18n';
import { csvDocument } from './csv';

/** The server's upload limit (`max_upload_bytes`, 64 MiB): a bigger file is refused before sending. */
export const MAX_IMPORT_MB = 64;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
/** What the file picker offers; the server reads the content, whatever the name says. */
export const IMPORT_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Why `file` is not sent (in Vietnamese, as the server would say it), or null when it may go. */
export function importFileProblem(file: { size: number }): string | null {
  return file.size > MAX_IMPORT_BYTES ? t('member.import.tooLarge', { max: MAX_IMPORT_MB }) : null;
}

/** "850 byte", "12,3 KB", "4,5 MB" (units of 1024). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return t('member.import.sizeBytes', { n: formatNumber(bytes) });
  if (bytes < 1024 * 1024) return t('member.import.sizeKb', { n: formatNumber(bytes / 1024, 1) });
  return t('member.import.sizeMb', { n: formatNumber(bytes / (1024 * 1024), 1) });
}

/** The issues as a spreadsheet file: Dòng, Cột, Giá trị, Lỗi (UTF-8 with BOM, formulas neutralized). */
export function issuesCsv(issues: readonly ImportIssue[]): string {
  const head = [t('member.import.issueRow'), t('member.import.issueColumn'), t('member.import.issueValue'), t('member.import.issueMessage')];
  return csvDocument([head, ...issues.map((i) => [String(i.row), i.column, i.value, i.message])]);
}

/** The issues file's name for the organization `code` (T01.B00009 → loi-nhap-dang-vien-T01-B00009.csv). */
export function issuesFileName(code: string): string {
  return t('member.import.issuesFile', { code: code.replace(/[^A-Za-z0-9_-]/g, '-') });
}

/**
 * The confirm step a preview allows: `all` — every row is valid, "Nhập N dòng"; `validOnly` — some rows
 * are bad, only "Chỉ nhập N dòng hợp lệ" (after a confirmation); `none` — no valid row, nothing to import.
 */
export type ImportChoice = 'all' | 'validOnly' | 'none';

export function importChoice(r: Pick<ImportReport, 'valid_rows' | 'bad_rows'>): ImportChoice {
  if (r.valid_rows <= 0) return 'none';
  return r.bad_rows > 0 ? 'validOnly' : 'all';
}
