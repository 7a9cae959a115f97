// What an account may do, as the web app shows it (the server decides again on every request).
import type { Account } from '../api/types';

/**
 * Adding, editing, importing and exporting member records: every role but a member (who sees only their
 * own record). The server's CanWriteMembers adds the account's scope, which the tree already limits.
 */
export const canWriteMembers = (a: Pick<Account, 'role'>) => a.role !== 'member';

/**
 * Opening and closing a yearly dossier supplement campaign: the committees (administrators, province and
 * grassroots staff), not a branch secretary. The server checks again (403).
 */
export const canRunSupplements = (a: Pick<Account, 'role'>) => a.role === 'admin' || a.role === 'province' || a.role === 'grassroots';

/** The catalogs screen (danh mục): every staff role reads it; a member only sees their own record. */
export const canSeeCatalogs = (a: Pick<Account, 'role'>) => a.role !== 'member';

/** Adding, retiring and deleting catalog entries: administrators only. The server checks again (403). */
export const canEditCatalogs = (a: Pick<Account, 'role'>) => a.role === 'admin';

/**
 * Recording a member's leaving (xóa tên, xin ra khỏi Đảng, khai trừ, từ trần): committees' staff (grassroots
 * or higher). A branch secretary records exemptions and reductions only. The server checks again (403).
 */
export const canRecordLeaving = (a: Pick<Account, 'role'>) => a.role === 'admin' || a.role === 'province' || a.role === 'grassroots';

/**
 * Setting which committee decides admissions for a subtree (cấp ủy có thẩm quyền): administrators and
 * provincial staff. The server checks again (403).
 */
export const canSetCompetence = (a: Pick<Account, 'role'>) => a.role === 'admin' || a.role === 'province';

/** Editing the working-day calendar (years, days off, weekend days worked): administrators only (403 otherwise). */
export const canEditCalendar = (a: Pick<Account, 'role'>) => a.role === 'admin';

/** Editing, resetting and previewing document templates (mẫu văn bản): administrators only. The server checks again (403). */
export const canEditTemplates = (a: Pick<Account, 'role'>) => a.role === 'admin';
