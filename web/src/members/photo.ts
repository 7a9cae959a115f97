// Pure helpers of the member's photo: the checks made before sending a file, with the limit of the
// server's rule set (rules/default.json: member.photo.max_bytes), which checks again by the file's bytes.
import { ruleInt, ruleKey } from '../common/rules';
import { todayIso } from '../format';
import { t } from '../i18n';

/** member.photo.max_bytes in force today (the rule set read at build time). */
export const PHOTO_MAX_BYTES = ruleInt(ruleKey.photoMaxBytes, todayIso(), 2 * 1024 * 1024);
/** The types the server accepts (it reads the bytes, not the name or the type the browser gives). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,image/jpeg,image/png';

/** Why `file` is not sent (in Vietnamese, as the server would say it), or null when it may go. */
export function photoFileProblem(file: { size: number; type: string }): string | null {
  if (file.size === 0) return t('member.photo.empty');
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return t('member.photo.notImage');
  if (file.size > PHOTO_MAX_BYTES) return t('member.photo.tooLarge', { max: PHOTO_MAX_BYTES / 1024 });
  return null;
}
