import type { SignalBody } from '../model/Signal';
import { cleanJti } from './cleanJti';
import { cleanValue } from './cleanValue';
import type { TaggedMessage } from './TagReader';
import { anyOf, words } from './words';

const CLIENT = '(?: (?:para|for)(?: (?:el|the))?(?: (?:cliente|client))?)';
const CREATING = words(
  `^admin (\\S+) (?:creando(?: una)? cita|creating(?: an?)? appointment)${CLIENT} (\\S+)`,
);
const CREATED = words(
  '^(?:cita|appointment) (\\S+) (?:creada|created)',
  `(?: ${anyOf('exitosamente', 'con {e}xito', 'successfully')})?`,
  `${CLIENT} (\\S+)`,
);
const PAYMENT = words('(?:m{e}todo de pago|payment method)\\s*[:=]\\s*(\\S+)');

/** `[ADMIN_CREATE_APPOINTMENT]`: an admin's action on a client, in progress or done. */
export function readAdminAppointment({ head }: TaggedMessage): SignalBody | null {
  const creating = CREATING.exec(head);
  if (creating) {
    return {
      kind: 'admin_appointment',
      phase: 'creating',
      admin: cleanValue(creating[1]),
      user: cleanValue(creating[2]),
      paymentMethod: cleanValue(PAYMENT.exec(head)?.[1]),
      appointmentId: null,
    };
  }

  const created = CREATED.exec(head);
  if (created) {
    return {
      kind: 'admin_appointment',
      phase: 'created',
      admin: null,
      user: cleanValue(created[2]),
      paymentMethod: null,
      appointmentId: cleanJti(created[1]) ?? cleanValue(created[1]),
    };
  }
  return null;
}
