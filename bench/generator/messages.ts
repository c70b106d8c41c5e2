/** The app's log language: Spanish as in the guide, or the English build (SPEC §2). */
export type Lang = 'es' | 'en';

type Texts = Record<Lang, string>;

/** The app's session-tag templates, `%s`/`%d` as its `logger` calls pass them. */
export const MESSAGES = {
  refreshAttempt: {
    es: '[SESSION_REFRESH] Intentando refrescar token - JTI: %s, user_id: %s',
    en: '[SESSION_REFRESH] Trying to refresh token - JTI: %s, user_id: %s',
  },
  sessionFound: {
    es: '[SESSION_REFRESH] Sesión encontrada - ID: %s, User: %s, IP: %s',
    en: '[SESSION_REFRESH] Session found - ID: %s, User: %s, IP: %s',
  },
  rotated: {
    es: '[SESSION_REFRESH] Token rotado - User: %s, Old JTI: %s, New JTI: %s',
    en: '[SESSION_REFRESH] Token rotated - User: %s, Old JTI: %s, New JTI: %s',
  },
  refreshFailed: {
    es: '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: %s, user_id: %s',
    en: '[SESSION_REFRESH_FAILED] Session NOT found - JTI: %s, user_id: %s',
  },
  debug: {
    es: '[SESSION_DEBUG] Usuario %s tiene %d sesiones activas con JTIs: %s',
    en: '[SESSION_DEBUG] User %s has %d active sessions with JTIs: %s',
  },
  created: {
    es: '[SESSION_CREATED] Nueva sesión para %s - ID: %s, JTI: %s, IP: %s',
    en: '[SESSION_CREATED] New session for %s - ID: %s, JTI: %s, IP: %s',
  },
  deactivated: {
    es: '[SESSION_DEACTIVATED] Sesión %s marcada como inactiva para %s. JTI: %s. Llamado desde:\n%s',
    en: '[SESSION_DEACTIVATED] Session %s marked inactive for %s. JTI: %s. Called from:\n%s',
  },
  revokeStart: {
    es: '[REVOKE_ALL_SESSIONS] Revocando todas las sesiones para %s. Llamado desde:\n%s',
    en: '[REVOKE_ALL_SESSIONS] Revoking all sessions for %s. Called from:\n%s',
  },
  revokeDone: {
    es: '[REVOKE_ALL_SESSIONS] Usuario %s: %d tokens blacklisted, %d sesiones invalidadas. Sesiones afectadas: %s',
    en: '[REVOKE_ALL_SESSIONS] User %s: %d tokens blacklisted, %d sessions invalidated. Affected sessions: %s',
  },
  /** The guide's layout: the list starts on its own line. */
  revokeDoneNextLine: {
    es: '[REVOKE_ALL_SESSIONS] Usuario %s: %d tokens blacklisted, %d sesiones invalidadas.\nSesiones afectadas: %s',
    en: '[REVOKE_ALL_SESSIONS] User %s: %d tokens blacklisted, %d sessions invalidated.\nAffected sessions: %s',
  },
  revokeDoneNoList: {
    es: '[REVOKE_ALL_SESSIONS] Usuario %s: %d tokens blacklisted, %d sesiones invalidadas.',
    en: '[REVOKE_ALL_SESSIONS] User %s: %d tokens blacklisted, %d sessions invalidated.',
  },
  revokeError: {
    es: '[REVOKE_ALL_SESSIONS] Error al blacklist token para %s: %s',
    en: '[REVOKE_ALL_SESSIONS] Error blacklisting token for %s: %s',
  },
  userSave: {
    es: '[USER_SAVE] Usuario %s modificado. Campos cambiados: %s. Llamado desde:\n%s',
    en: '[USER_SAVE] User %s modified. Changed fields: %s. Called from:\n%s',
  },
  adminCreate: {
    es: '[ADMIN_CREATE_APPOINTMENT] Admin %s creando cita para cliente %s. Método de pago: %s',
    en: '[ADMIN_CREATE_APPOINTMENT] Admin %s creating appointment for client %s. Payment method: %s',
  },
  adminCreated: {
    es: '[ADMIN_CREATE_APPOINTMENT] Cita %s creada exitosamente para cliente %s',
    en: '[ADMIN_CREATE_APPOINTMENT] Appointment %s created successfully for client %s',
  },
} satisfies Record<string, Texts>;

export type MessageKey = keyof typeof MESSAGES;
