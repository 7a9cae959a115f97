import type { FormInstance } from 'antd';
import type { ApiError } from '../api/client';

/**
 * Puts the server's field errors (`error.fields`, or `error.field` with `error.message`) on the form
 * fields they name. Returns true when at least one error landed on a field of the form.
 */
export function applyServerErrors<T>(form: FormInstance<T>, e: ApiError, known?: readonly string[]): boolean {
  const names = Object.keys(e.fields).filter((f) => !known || known.includes(f));
  if (names.length === 0) return false;
  form.setFields(names.map((name) => ({ name: name as never, errors: [e.fields[name]!] })));
  form.scrollToField(names[0] as never, { block: 'center' });
  return true;
}

/**
 * The form name of a server field: "verifications[1].answered" → ['verifications', 1, 'answered'] (a field
 * of a Form.List row); `drop` removes a leading segment the server adds ("candidate" in
 * "candidate.introducers[0]").
 */
export function fieldPath(field: string, drop?: string): (string | number)[] {
  const parts = field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
  const path = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return drop !== undefined && path[0] === drop ? path.slice(1) : path;
}

/**
 * Like applyServerErrors for forms with lists: each server field goes to the input at its path when its
 * first segment is one of `roots` (plain fields and list names). Returns the messages that found no input (to show above the form).
 */
export function applyServerErrorsAt<T>(form: FormInstance<T>, e: ApiError, roots: readonly string[], drop?: string): string[] {
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const [field, message] of Object.entries(e.fields)) {
    const name = fieldPath(field, drop);
    if (roots.includes(String(name[0]))) placed.push({ name, errors: [message] });
    else rest.push(message);
  }
  if (placed.length > 0) form.setFields(placed.map((f) => ({ name: f.name as never, errors: f.errors })));
  if (Object.keys(e.fields).length === 0) rest.push(e.message);
  return rest;
}

/** Clears the errors shown on the form's inputs (before sending it again: inputs without rules keep them otherwise). */
export function clearFieldErrors<T>(form: FormInstance<T>): void {
  const shown = form.getFieldsError().filter((f) => f.errors.length > 0);
  if (shown.length > 0) form.setFields(shown.map((f) => ({ name: f.name as never, errors: [] })));
}
