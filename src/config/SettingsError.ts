/** A configuration problem; the message names the file, key or flag. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}
