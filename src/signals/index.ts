export { parseSignal } from './parseSignal';
export { parseStack, type StackHints } from './parseStack';
export { detectStackOrder, type StackOrder } from './detectStackOrder';
export {
  isInAppPath,
  appRelativePath,
  normaliseAppRoot,
  DEFAULT_APP_ROOT,
} from './isInAppPath';
export { jtiMatches, MIN_JTI_PREFIX } from './jtiMatches';
export { cleanJti, isAbbreviatedJti } from './cleanJti';
export { cleanValue } from './cleanValue';
export { parsePythonRepr, type PythonReprResult } from './parsePythonRepr';
export type { PyValue, PyDict } from './PyValue';
export { readAffectedSessions } from './readAffectedSessions';
export { readFieldChanges } from './readFieldChanges';
export { stripAppPrefix } from './stripAppPrefix';
