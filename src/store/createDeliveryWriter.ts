import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';

import type { DeliveryWriterData, SaveReply, SaveRequest } from './deliveryWriterThread';
import { packRecords } from './packRecords';
import { startWorkerThread } from './startWorkerThread';
import type { DeliveryStore } from './Store';

export interface DeliveryWriter {
  saveDelivery: DeliveryStore['saveDelivery'];
  /** Waits for the saves in flight, then stops the thread. */
  close(): Promise<void>;
}

interface Waiting {
  resolve: (reply: SaveReply) => void;
}

/**
 * Saves deliveries from a thread of their own, with its own connection to
 * the SQLite file: deliveries sent close together are committed in one
 * transaction there, and each promise resolves once its commit is on disk.
 * The thread that answers webhooks never waits for the disk. A thread that
 * dies fails the saves in flight (their webhooks answer 500, Sentry retries)
 * and is started again by the next save.
 */
export function createDeliveryWriter(path: string): DeliveryWriter {
  const data: DeliveryWriterData = { path };
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let worker: Worker | null = null;
  let idle: (() => void) | null = null;

  function start(): Worker {
    const started = startWorkerThread(
      join(__dirname, `deliveryWriterThread${extname(__filename)}`),
      data,
    );
    started.on('message', (reply: SaveReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      entry.resolve(reply);
      if (waiting.size === 0) idle?.();
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      for (const [id, entry] of waiting) {
        entry.resolve({ id, error: `delivery writer exited (code ${code})` });
      }
      waiting.clear();
      idle?.();
    });
    return started;
  }

  return {
    async saveDelivery(delivery, records) {
      const thread = (worker ??= start());
      const request: SaveRequest = {
        id: nextId++,
        delivery,
        records: packRecords(records),
      };
      const reply = await new Promise<SaveReply>((resolve) => {
        waiting.set(request.id, { resolve });
        thread.postMessage(request);
      });
      if ('error' in reply) throw new Error(reply.error);
      return reply.result;
    },
    async close() {
      if (waiting.size > 0) await new Promise<void>((done) => (idle = done));
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
