import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { gunzipSync } from 'node:zlib';

import { type Envelope, parseEnvelope } from '@sentry/core';

export const ORG = 'acme';
export const API_TOKEN = 'sentry-test-token';

/** An answer the fake gives instead of the normal one. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ReceivedEnvelope {
  envelope: Envelope;
  gzipped: boolean;
  /** The event payload of the envelope's `event` item, when it has one. */
  event: Record<string, unknown> | null;
  status: number;
}

export interface ReceivedComment {
  issueId: string;
  text: string;
  id: string;
}

export interface FakeSentry {
  url: string;
  dsn: string;
  envelopes: ReceivedEnvelope[];
  /** Event envelopes answered 200, in arrival order. */
  acceptedEvents(): Record<string, unknown>[];
  comments: ReceivedComment[];
  /** Every REST request line, to assert pagination and waits. */
  requests: string[];
  /** Answers for the next envelopes, in order, before normal service resumes. */
  scriptIntake(answers: ScriptedAnswer[]): void;
  /** Answers for the next REST calls (any path), in order. */
  scriptRest(answers: ScriptedAnswer[]): void;
  /** Answers for the next comment posts, given after the comment was stored (a lost answer). */
  scriptCommentAfterStore(answers: ScriptedAnswer[]): void;
  /** Every answer waits this long; a client gone meanwhile is recorded as status -1. */
  setDelay(ms: number): void;
  /** Holds every envelope unanswered until `release` (a hung intake). */
  holdIntake(): void;
  release(): void;
  /** Issues and their events (REST shape) for the listings. */
  setIssueEvents(events: Record<string, unknown>[]): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for Sentry: the envelope intake (parsed with the SDK's own
 * `parseEnvelope`, gzipped or plain), and the REST paths write-back and
 * re-analysis use, paginated with `Link` headers like the real API.
 */
export async function startFakeSentry(
  options: { perPage?: number; publicKey?: string } = {},
): Promise<FakeSentry> {
  const perPage = options.perPage ?? 100;
  const envelopes: ReceivedEnvelope[] = [];
  const comments: ReceivedComment[] = [];
  const requests: string[] = [];
  let intakeScript: ScriptedAnswer[] = [];
  let restScript: ScriptedAnswer[] = [];
  let afterStoreScript: ScriptedAnswer[] = [];
  let held: (() => void)[] | null = null;
  let eventsByIssue = new Map<string, Record<string, unknown>[]>();
  let base = '';
  let delayMs = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
    // The client went away (killed) before the answer: the effect is unknown to it.
    const gone = () => res.destroyed || req.socket.destroyed;

    if (req.method === 'POST' && /^\/api\/\d+\/envelope\/$/.test(url.pathname)) {
      if (held) await new Promise<void>((done) => held?.push(done));
      const gzipped = req.headers['content-encoding'] === 'gzip';
      const envelope = parseEnvelope(gzipped ? gunzipSync(body) : body);
      const scripted = intakeScript.shift();
      const status = scripted?.status ?? 200;
      const eventItem = envelope[1].find(([header]) => header.type === 'event');
      envelopes.push({
        envelope,
        gzipped,
        event: (eventItem?.[1] as Record<string, unknown> | undefined) ?? null,
        status: gone() ? -1 : status,
      });
      send(
        res,
        scripted ?? { status: 200, body: JSON.stringify({ id: envelope[0].event_id }) },
      );
      return;
    }

    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${API_TOKEN}`) {
      send(res, { status: 401, body: '{"detail":"Invalid token"}' });
      return;
    }
    const scripted = restScript.shift();
    if (scripted) {
      send(res, scripted);
      return;
    }

    const orgPath = `/api/0/organizations/${ORG}`;
    const comment = new RegExp(`^${orgPath}/issues/([^/]+)/comments/$`).exec(
      url.pathname,
    );
    if (comment?.[1] && req.method === 'POST') {
      const text = (JSON.parse(body.toString('utf8')) as { text: string }).text;
      const issueId = comment[1];
      // Sentry refuses the same text twice within an hour.
      if (comments.some((c) => c.issueId === issueId && c.text === text)) {
        send(res, {
          status: 400,
          body: '{"detail": "You have already posted that comment."}',
        });
        return;
      }
      const id = String(comments.length + 1);
      comments.push({ issueId, text, id });
      const lost = afterStoreScript.shift();
      if (lost) {
        send(res, lost);
        return;
      }
      // Like Sentry: stored even if the answer never reaches the client.
      send(res, { status: 201, body: JSON.stringify({ id, data: { text } }) });
      return;
    }
    if (comment?.[1] && req.method === 'GET') {
      const notes = comments
        .filter((c) => c.issueId === comment[1])
        .map((c) => ({ id: c.id, type: 'note', data: { text: c.text } }));
      paginate(res, url, notes);
      return;
    }

    const events = new RegExp(`^${orgPath}/issues/([^/]+)/events/$`).exec(url.pathname);
    if (events?.[1] && req.method === 'GET') {
      const start = Date.parse(url.searchParams.get('start') ?? '') || -Infinity;
      const end = Date.parse(url.searchParams.get('end') ?? '') || Infinity;
      const list = (eventsByIssue.get(events[1]) ?? []).filter((event) => {
        const at = Date.parse(String(event.dateCreated));
        return at >= start && at <= end;
      });
      paginate(res, url, list);
      return;
    }

    if (url.pathname === `${orgPath}/issues/` && req.method === 'GET') {
      const start = Date.parse(url.searchParams.get('start') ?? '');
      const end = Date.parse(url.searchParams.get('end') ?? '');
      const issues = [...eventsByIssue].flatMap(([id, list]) => {
        const inRange = list.some((event) => {
          const at = Date.parse(String(event.dateCreated));
          return at >= start && at <= end;
        });
        return inRange ? [{ id, title: String(list[0]?.title ?? '') }] : [];
      });
      paginate(res, url, issues);
      return;
    }

    send(res, { status: 404, body: '{"detail":"not found"}' });
  }

  function paginate(res: ServerResponse, url: URL, items: unknown[]) {
    const size = Math.min(
      perPage,
      Number(url.searchParams.get('per_page') ?? perPage) || perPage,
    );
    const offset = Number(url.searchParams.get('cursor')?.split(':')[1] ?? 0);
    const page = items.slice(offset, offset + size);
    const more = offset + size < items.length;
    const next = new URL(url.toString());
    next.searchParams.set('cursor', `0:${offset + size}:0`);
    const previous = new URL(url.toString());
    previous.searchParams.set('cursor', `0:${Math.max(0, offset - size)}:1`);
    send(res, {
      status: 200,
      headers: {
        link: `<${previous}>; rel="previous"; results="${offset > 0}"; cursor="0:${Math.max(0, offset - size)}:1", <${next}>; rel="next"; results="${more}"; cursor="0:${offset + size}:0"`,
      },
      body: JSON.stringify(page),
    });
  }

  function release() {
    const waiting = held ?? [];
    held = null;
    for (const done of waiting) done();
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: String(error) });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    dsn: `http://${options.publicKey ?? 'publickey'}@127.0.0.1:${port}/1`,
    envelopes,
    acceptedEvents: () =>
      envelopes
        .filter((e) => e.status === 200 && e.event !== null)
        .map((e) => e.event as Record<string, unknown>),
    comments,
    requests,
    scriptIntake(answers) {
      intakeScript = [...answers];
    },
    scriptRest(answers) {
      restScript = [...answers];
    },
    scriptCommentAfterStore(answers) {
      afterStoreScript = [...answers];
    },
    holdIntake() {
      held = [];
    },
    release,
    setDelay(ms) {
      delayMs = ms;
    },
    setIssueEvents(list) {
      eventsByIssue = new Map();
      for (const event of list) {
        const id = String(event.groupID);
        const group = eventsByIssue.get(id) ?? [];
        group.push(event);
        eventsByIssue.set(id, group);
      }
    },
    close() {
      release();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

function send(res: ServerResponse, answer: ScriptedAnswer) {
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(answer.body ?? '');
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
