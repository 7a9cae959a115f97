import type { Dayjs } from 'dayjs';

/** The typed forms the date pickers accept, Vietnamese order first (the first one is shown). */
export const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'];

/** A picked day as YYYY-MM-DD; null when none or invalid. */
export function isoDay(d: Dayjs | null | undefined): string | null {
  return d && d.isValid() ? d.format('YYYY-MM-DD') : null;
}
