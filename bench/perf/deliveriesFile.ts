import { readFileSync, writeFileSync } from 'node:fs';

import type { SignedDelivery } from './webhookBodies';

// One delivery a line: thousands of 30 KB bodies as one JSON document would
// come near V8's longest string.
const BATCH = 500;

/** Writes the signed deliveries to `path` for a load child, one JSON line each. */
export function writeDeliveriesFile(path: string, deliveries: SignedDelivery[]): void {
  writeFileSync(path, '');
  for (let at = 0; at < deliveries.length; at += BATCH) {
    const lines = deliveries.slice(at, at + BATCH).map((d) => `${JSON.stringify(d)}\n`);
    writeFileSync(path, lines.join(''), { flag: 'a' });
  }
}

/** The first `limit` deliveries `writeDeliveriesFile` wrote, in order. */
export function readDeliveriesFile(path: string, limit = Infinity): SignedDelivery[] {
  const bytes = readFileSync(path);
  const deliveries: SignedDelivery[] = [];
  let from = 0;
  while (from < bytes.length && deliveries.length < limit) {
    let end = bytes.indexOf(0x0a, from);
    if (end < 0) end = bytes.length;
    if (end > from) {
      deliveries.push(JSON.parse(bytes.toString('utf8', from, end)) as SignedDelivery);
    }
    from = end + 1;
  }
  return deliveries;
}
