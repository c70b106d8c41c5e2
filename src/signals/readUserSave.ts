import type { SignalBody } from '../model/Signal';
import { cleanValue } from './cleanValue';
import { parseStack } from './parseStack';
import { readFieldChanges } from './readFieldChanges';
import type { TaggedMessage } from './TagReader';
import { anyOf, words } from './words';

const SAVED = words(
  '^(?:usuario|user) (\\S+) ',
  anyOf('modificad[oa]', 'modified', 'updated', 'actualizad[oa]', 'guardad[oa]', 'saved'),
  '\\b',
);
const CHANGES = words(
  '(?:campos cambiados|changed fields|fields changed|cambios|changes)\\s*:\\s*',
);
const STACK_MARKER = words('\\.?\\s*(?:llamado desde|called from)\\s*:');

/** `[USER_SAVE]`: a change to a user row, with the stack that saved it. */
export function readUserSave({ head, body, appRoot }: TaggedMessage): SignalBody | null {
  const saved = SAVED.exec(head);
  if (!saved) return null;

  const rest = head.slice(saved[0].length);
  const changes = CHANGES.exec(rest);
  let changeText = changes ? rest.slice(changes.index + changes[0].length) : '';
  const marker = STACK_MARKER.exec(changeText);
  if (marker) changeText = changeText.slice(0, marker.index);

  return {
    kind: 'user_save',
    user: cleanValue(saved[1]),
    changes: readFieldChanges(changeText),
    // A save can come from framework code alone (the admin site, a shell),
    // so a stack without in-app frames is not by itself a cut one.
    stack: parseStack(body, { appRoot }),
  };
}
