import { readAdminAppointment } from './readAdminAppointment';
import {
  readRefreshFailed,
  readSessionDebug,
  readSessionRefresh,
} from './readRefreshMessages';
import { readRevokeAllSessions } from './readRevokeAllSessions';
import { readSessionCreated, readSessionDeactivated } from './readSessionLifecycle';
import { readUserSave } from './readUserSave';
import type { TagReader } from './TagReader';

/** The tags of SPEC §2 and the reader of each one's message shapes. */
export const tagReaders: ReadonlyMap<string, TagReader> = new Map([
  ['SESSION_REFRESH', readSessionRefresh],
  ['SESSION_REFRESH_FAILED', readRefreshFailed],
  ['SESSION_DEBUG', readSessionDebug],
  ['SESSION_CREATED', readSessionCreated],
  ['SESSION_DEACTIVATED', readSessionDeactivated],
  ['REVOKE_ALL_SESSIONS', readRevokeAllSessions],
  ['USER_SAVE', readUserSave],
  ['ADMIN_CREATE_APPOINTMENT', readAdminAppointment],
]);
