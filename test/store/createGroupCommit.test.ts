import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

import Database from 'better-sqlite3';

import { createGroupCommit } from '../../src/store/createGroupCommit';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

const failed = () => {};

describe('createGroupCommit', () => {
  let writer: Database.Database;
  let reader: Database.Database;

  beforeEach(() => {
    const path = join(makeTempDir(), 'group.sqlite');
    writer = new Database(path);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table t (n integer primary key)');
    reader = new Database(path, { readonly: true });
  });

  afterEach(() => {
    reader.close();
    writer.close();
    removeTempDirs();
  });

  const count = () =>
    (reader.prepare('select count(*) as c from t').get() as { c: number }).c;

  it('writes queued in one turn share one transaction, committed before any resolves', async () => {
    const group = createGroupCommit(writer, failed);
    const seenByOthers: number[] = [];
    const saves = [1, 2, 3].map((n) =>
      group.run(() => {
        writer.prepare('insert into t (n) values (?)').run(n);
        // Another connection sees none of the group while it is open.
        seenByOthers.push(count());
        return n * 10;
      }),
    );
    expect(count()).toBe(0);

    const settled: number[] = [];
    saves.forEach((save) => void save.then(() => settled.push(count())));
    expect(await Promise.all(saves)).toEqual([10, 20, 30]);
    expect(seenByOthers).toEqual([0, 0, 0]);
    // Each promise resolved only once all three rows were durable.
    expect(settled).toEqual([3, 3, 3]);
  });

  it('rolls back a write that throws alone and keeps the others', async () => {
    const group = createGroupCommit(writer, failed);
    const insert = (n: number) => () =>
      writer.prepare('insert into t (n) values (?)').run(n);
    const first = group.run(insert(1));
    const failing = group.run(() => {
      insert(2)();
      throw new Error('bad delivery');
    });
    const third = group.run(insert(3));

    await expect(failing).rejects.toThrow('bad delivery');
    await first;
    await third;
    expect(reader.prepare('select n from t order by n').all()).toEqual([
      { n: 1 },
      { n: 3 },
    ]);
  });

  it('never commits inside a transaction someone else holds open', async () => {
    const group = createGroupCommit(writer, failed);
    writer.exec('begin');
    let done = false;
    const save = group
      .run(() => writer.prepare('insert into t (n) values (7)').run())
      .then(() => {
        done = true;
      });
    await nextTurn();
    await nextTurn();
    expect(done).toBe(false);
    writer.exec('rollback');

    await save;
    expect(count()).toBe(1);
  });
});
