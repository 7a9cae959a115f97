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
