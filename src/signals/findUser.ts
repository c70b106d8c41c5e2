import { cleanValue } from './cleanValue';

// A phone number in international form (the app's user ids), whole or as the
// guide abbreviates it (`+57301...`).
const PHONE = /(?<![\w+])\+\d{5,15}(?:\.{2,}|…)?(?!\d)/;
const USER_FIELD = /\b(?:user(?:_id)?|usuario)\s*[:=]\s*(\S+)/i;

/**
 * The user a message of unknown shape names, if any: the first phone-like
 * value, else a `user_id:` field. Null when neither is there.
 */
export function findUser(text: string): string | null {
  const phone = PHONE.exec(text);
  if (phone) return cleanValue(phone[0]);
  return cleanValue(USER_FIELD.exec(text)?.[1]);
}
