import { createServer, type Server } from 'node:http';

import type { ScriptedAnswer } from './fakeSentry';

export interface FakeSlack {
  /** The incoming-webhook URL to configure. */
  url: string;
  /** Block Kit payloads answered 200, in order. */
  messages: Record<string, unknown>[];
  /** Every payload received, answered or not. */
  received: Record<string, unknown>[];
  script(answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

/** A local Slack incoming webhook that records the Block Kit payloads it gets. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const messages: Record<string, unknown>[] = [];
  const received: Record<string, unknown>[] = [];
  let script: ScriptedAnswer[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<
        string,
        unknown
      >;
      received.push(payload);
      const answer = script.shift();
      if (answer) {
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.body ?? '');
        return;
      }
      messages.push(payload);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    messages,
    received,
    script(answers) {
      script = [...answers];
    },
    close() {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
