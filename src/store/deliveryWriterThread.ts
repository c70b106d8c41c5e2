/**
 * The delivery writer's thread (see `createDeliveryWriter`): saves each
 * delivery it is sent through group commit on its own connection, and
 * answers once the group holding it has committed. The WAL sync of each
 * commit waits here, not in the thread that answers webhooks.
 */
import { parentPort, workerData } from 'node:worker_threads';

import Database from 'better-sqlite3';

import { createGroupCommit } from './createGroupCommit';
import { prepareDeliveryStatements, saveDelivery } from './saveDelivery';
import { type PackedRecords, unpackRecords } from './packRecords';
import type { NewDelivery, SaveDeliveryResult } from './Store';
import { tuneConnection } from './tuneConnection';

export interface DeliveryWriterData {
  path: string;
}

export interface SaveRequest {
  id: number;
  delivery: NewDelivery;
  /** Packed by the sender: one string clones far cheaper than nested records. */
  records: PackedRecords;
}

export type SaveReply =
  { id: number; result: SaveDeliveryResult } | { id: number; error: string };

const port = parentPort;
if (port === null) throw new Error('deliveryWriterThread runs as a worker thread');

const sqlite = new Database((workerData as DeliveryWriterData).path, {
  fileMustExist: true,
});
tuneConnection(sqlite);
const statements = prepareDeliveryStatements(sqlite);
const group = createGroupCommit(sqlite, () => {
  // Each caller is rejected with the error and answers 500; nothing to add here.
});

port.on('message', (request: SaveRequest) => {
  group
    .run(() => saveDelivery(statements, request.delivery, unpackRecords(request.records)))
    .then(
      (result) => port.postMessage({ id: request.id, result } satisfies SaveReply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies SaveReply),
    );
});
