import { gzipSync } from 'node:zlib';

import { removeTempDirs, TOKEN, type TestService } from '../webhook/serviceHarness';
import { startWritebackService } from './writebackHarness';

function post(url: string, body: string | Buffer, contentType?: string) {
  return fetch(`${url}/api/reanalyze`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    body,
  });
}

async function errorOf(response: Response): Promise<[number, string]> {
  return [response.status, ((await response.json()) as { error: string }).error];
}

describe('POST /api/reanalyze refusals name what is wrong', () => {
  let running: TestService;

  beforeAll(async () => {
    running = await startWritebackService({ env: { MAX_BODY_BYTES: '2000' } });
  });

  afterAll(async () => {
    await running.service.close();
    removeTempDirs();
  });

  it.each([
    ['{}', 'one of issue_id, issue_ids, since/until or a text/plain upload is required'],
    [
      '{"since":"yesterday","until":"2026-01-03T10:00:00Z"}',
      /^since: must be an ISO 8601 time/,
    ],
    ['{"since":"2026-01-03T10:00:00Z"}', 'until is required with since'],
    ['{"issue":1}', /^unknown field issue: /],
    ['{"issue_id":"1","colour":"red"}', /^unknown field colour: /],
    ['{"issue_ids":[]}', 'issue_ids: must hold at least one issue id'],
    [
      '{"issue_id":"1","issue_ids":["2"]}',
      'give only one of issue_id, issue_ids or since/until',
    ],
    ['[1]', 'body must be a JSON object'],
    ['{"issue_id":', /^body is not valid JSON/],
  ])('answers 400 to %s', async (body, message) => {
    const [status, error] = await errorOf(
      await post(running.url, body, 'application/json'),
    );
    expect(status).toBe(400);
    expect(error).toMatch(message);
  });

  it('answers 415 naming Content-Type to a type it cannot read', async () => {
    const [status, error] = await errorOf(
      await post(running.url, '<issue/>', 'application/xml'),
    );
    expect(status).toBe(415);
    expect(error).toMatch(
      /^Content-Type must be application\/json .* got "application\/xml"$/,
    );
  });

  it('answers 413 naming MAX_BODY_BYTES to a body over it', async () => {
    const [status, error] = await errorOf(
      await post(running.url, 'x'.repeat(5000), 'text/plain'),
    );
    expect(status).toBe(413);
    expect(error).toBe('body is larger than MAX_BODY_BYTES (2000 bytes)');
  });

  it('answers 400 "not valid gzip" to a gzip upload that does not inflate', async () => {
    const broken = gzipSync('2026-01-03 a line\n'.repeat(20));
    broken.fill(0x41, 12, 30);
    const [status, error] = await errorOf(await post(running.url, broken, 'text/plain'));
    expect(status).toBe(400);
    expect(error).toMatch(/^the uploaded log is not valid gzip/);
  });
});
