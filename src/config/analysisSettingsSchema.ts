import { z } from 'zod';

/**
 * The analysis settings of SPEC §7. Every key has a default, so an empty
 * config file (or none) is a valid configuration.
 */
export const analysisSettingsSchema = z
  .object({
    raceWindowSeconds: z.number().positive().max(3600).default(10),
    lookbackHours: z
      .number()
      .positive()
      .max(24 * 90)
      .default(24),
    expectedTriggers: z.array(z.string().min(1)).default(['logout', 'password']),
    machineryFunctions: z
      .array(z.string().min(1))
      .default([
        'revoke_all_sessions',
        'deactivate_session_for_jti',
        'log_user_session_changes',
      ]),
    appRoot: z
      .string()
      .min(1)
      .default('/app/')
      .transform((root) => (root.endsWith('/') ? root : `${root}/`)),
    timezone: z.string().min(1).default('UTC').refine(isKnownTimeZone, {
      message: 'not an IANA time zone (e.g. UTC, America/Bogota)',
    }),
  })
  .strict();

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
