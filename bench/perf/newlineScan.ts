/**
 * Child process of the bench: the floor for any Node reader, a Buffer
 * `indexOf` newline count over the file with no decoding at all.
 */
import { createReadStream } from 'node:fs';

async function main(path: string): Promise<void> {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  }
  process.stdout.write(`${lines}\n`);
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
