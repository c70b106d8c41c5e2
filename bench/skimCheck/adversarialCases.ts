import type { SkimCheckCase } from './SkimCheckCase';

const T = '2026-01-03T10:00:00';
const DAY = '2026-01-03T10';

/** A Heroku app line at second `s` and microsecond `us` of the day's hour. */
function app(at: string, dyno: string, message: string): string {
  return `${at}+00:00 app[${dyno}]: ${message}`;
}

function router(at: string, message: string): string {
  return `${at}+00:00 heroku[router]: ${message}`;
}

/** `10:MM:SS.uuuuuu`, minute and second counted from the hour. */
function time(second: number, micros = 0): string {
  const mm = String(Math.floor(second / 60)).padStart(2, '0');
  const ss = String(second % 60).padStart(2, '0');
  return `${DAY}:${mm}:${ss}.${String(micros).padStart(6, '0')}`;
}

const REFRESH = '/api/v1/auth/token/refresh/';
const FAILED = (jti: string, user: string) =>
  `INFO users.signals [SESSION_REFRESH_FAILED] Session NOT found - JTI: ${jti}, user_id: ${user}`;
const CREATED = (jti: string, user: string) =>
  `INFO users.signals [SESSION_CREATED] New session for ${user} - ID: s-${jti}, JTI: ${jti}, IP: 10.0.0.9`;
const ACCESS = (n: number) =>
  `INFO gunicorn.access 10.0.0.${n % 250} - - "GET /api/v1/spa/${n}/ HTTP/1.1" 200`;
const lines = (list: string[]) => `${list.join('\n')}\n`;

function sentryEvent(
  id: number,
  at: string,
  message: string,
  breadcrumbs: { timestamp: string; message: string }[] = [],
): string {
  const eventId = id.toString(16).padStart(32, '0');
  return JSON.stringify({
    event_id: eventId,
    issue_id: String(7000 + id),
    timestamp: `${at}Z`,
    level: 'info',
    message,
    user: { id: `admin-${id}` },
    breadcrumbs: { values: breadcrumbs.map((crumb) => ({ ...crumb, level: 'info' })) },
  });
}

/** Filler copied between a Heroku log and a Sentry export: equal, longer and shorter copies. */
function herokuAndSentry(): SkimCheckCase[] {
  const heroku: string[] = [];
  const sentry: string[] = [];
  // Copies exactly as long as their Heroku line: the full reader keeps the Heroku one.
  const equal: string[] = [];
  for (let i = 0; i < 40; i++) {
    const at = time(i, 100_000 + i);
    heroku.push(app(at, `web.${1 + (i % 3)}`, ACCESS(i)));
    const message = ACCESS(i).slice('INFO gunicorn.access '.length);
    if (i % 4 === 0) equal.push(sentryEvent(i + 1, at, message));
    // A multi-line Heroku record; its Sentry copy is longer or shorter than it.
    if (i % 4 === 1) {
      heroku.push(app(at, `web.${1 + (i % 3)}`, '  more of it'));
      heroku.push(app(at, `web.${1 + (i % 3)}`, '   '));
      heroku.push(app(at, `web.${1 + (i % 3)}`, '\u00a0\u3000'));
      const tail = i % 8 === 1 ? '  more of it!' : '  more of i';
      sentry.push(sentryEvent(i + 1, at, `${message}\n${tail}`));
    }
    if (i % 4 === 2) {
      const crumb = { timestamp: `${at}Z`, message: ACCESS(i) };
      sentry.push(sentryEvent(i + 1, time(i + 1), 'an error elsewhere', [crumb]));
    }
  }
  heroku.push(app(time(50), 'web.1', FAILED('a1b2c3d4e5f6', '+573001110001')));
  const files = {
    'heroku.log': lines(heroku),
    'sentry.ndjson': lines(sentry),
  };
  sentry.push(...equal);
  return [
    { name: 'heroku and sentry export', files },
    {
      name: 'heroku and a sentry export of its own lines',
      files: { 'heroku.log': files['heroku.log'], 'copies.ndjson': lines(equal) },
    },
    {
      name: 'sentry export and heroku',
      files: {
        'a-sentry.ndjson': files['sentry.ndjson'],
        'b-heroku.log': files['heroku.log'],
      },
    },
    {
      name: 'sentry events inside a heroku log',
      files: { 'mixed.log': lines([...sentry.slice(0, 6), ...heroku]) },
    },
  ];
}

/** Router lines: 401s, 401 elsewhere, no status, and copies of app lines. */
function routerLines(): SkimCheckCase {
  const list: string[] = [];
  const routerText = (status: string, path = REFRESH, dyno = 'dyno=web.1 ') =>
    `at=info method=POST path="${path}" host=a.example ${dyno}connect=1ms service=5ms status=${status} bytes=10`;
  const cases = [
    routerText('401'),
    routerText('200'),
    routerText('200', '/api/v1/auth/token/refresh/401/'),
    routerText('0401'),
    routerText('401', '/api/v1/spa/'),
    routerText('200', REFRESH, ''),
    `at=info method=GET path="/api/v1/spa/" host=a.example dyno=web.2 bytes=10`,
    `[SESSION_CREATED] New session for +573001110002 - ID: s1, JTI: ffeeddccbbaa dyno=web.1`,
  ];
  cases.forEach((text, i) => {
    const at = time(i, 200_000);
    list.push(router(at, text));
    // The same text as an app line, before and after the router line.
    list.push(app(at, 'web.1', text));
    list.push(router(time(i, 300_000), text));
    list.push(app(time(i, 300_000), 'web.1', text));
    list.push(app(time(i, 300_000), 'web.2', text));
    // A drain retry: the router line twice.
    list.push(router(time(i, 400_000), text));
    list.push(router(time(i, 400_000), text));
  });
  list.push(`${time(20, 1)}+00:00 heroku[web.1]: State changed from up to down`);
  list.push(app(time(20, 1), 'web.1', 'State changed from up to down'));
  list.push(app(time(21), 'web.1', FAILED('0a1b2c3d4e5f', '+573001110003')));
  return { name: 'router lines', files: { 'router.log': lines(list) } };
}

/** CR LF line ends, a second CR, and a lone CR at the end of the input. */
function crlf(): SkimCheckCase {
  const list = [
    app(time(1), 'web.1', CREATED('1234abcd5678', '+573001110004')),
    app(time(2), 'web.1', ACCESS(1)),
    `${app(time(3), 'web.1', ACCESS(2))}\r`,
    app(time(4), 'web.2', 'Traceback (most recent call last):'),
    app(time(4), 'web.2', '  File "/app/spa/views.py", line 3, in get'),
    app(time(5), 'web.1', FAILED('1234abcd5678', '+573001110004')),
    app(time(6), 'web.1', ACCESS(3)),
  ];
  return {
    name: 'CR LF',
    files: {
      'crlf.log': `${list.join('\r\n')}\r\n${app(time(7), 'web.1', ACCESS(4))}\r`,
    },
  };
}

/** Colour codes around levels, inside tags and in filler, next to plain copies. */
function ansi(): SkimCheckCase {
  const list = [
    app(
      time(1),
      'web.1',
      `\x1b[32mINFO\x1b[0m gunicorn.access 10.0.0.1 - - "GET / HTTP/1.1" 200`,
    ),
    app(time(1), 'web.1', `INFO gunicorn.access 10.0.0.1 - - "GET / HTTP/1.1" 200`),
    app(
      time(2),
      'web.1',
      `INFO users.signals \x1b[1m[SESSION_CREATED]\x1b[0m New session for +573001110005 - ID: s2, JTI: abcabcabcabc, IP: 1.2.3.4`,
    ),
    app(time(3), 'web.2', `INFO a b plain \x1b]8;;http://x\x07link\x1b]8;;\x07 text`),
    app(
      time(4),
      'web.1',
      `INFO users.signals [\x1b[0mSESSION_REFRESH_FAILED] Session NOT found - JTI: abcabcabcabc, user_id: +573001110005`,
    ),
    `\x1b[2m${time(5)}Z\x1b[0m docker-ish line with a coloured time`,
  ];
  return { name: 'ANSI codes', files: { 'ansi.log': lines(list) } };
}

/** Characters past ASCII in every place, a BOM, and bytes that are not UTF-8. */
function nonAscii(): SkimCheckCase {
  const list = [
    app(time(1), 'web.1', 'INFO a b señal recibida ñandú 😀'),
    app(time(1), 'web.1', '  continuación ñ'),
    app(time(1), 'web.1', '\u00a0'),
    app(time(2), 'wéb.1', 'INFO a b a source with an accent'),
    app(time(3), 'web.1', 'ÑINFO a b starts past ASCII'),
    app(time(4), 'web.1', 'INFO a b line\u2028separator inside'),
    app(time(5), 'web.1', 'INFO users.signals [\u212aEY] a Kelvin sign'),
    app(time(6), 'web.2', 'INFO a b 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text'),
    app(time(6), 'web.2', '   \u3000'),
    app(time(7), 'web.1', FAILED('fedcba987654', '+573001110006')),
    app(time(8), 'web.1', 'INFO a b \u00e9\u0301 combining'),
  ];
  const text = `\ufeff${lines(list)}`;
  const bad = Buffer.concat([
    Buffer.from(`${app(time(9), 'web.1', 'INFO a b bad bytes ')}`),
    Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0x20, 0xff, 0xf0, 0x9f, 0x98]),
    Buffer.from('\n'),
    Buffer.from(`${app(time(10), 'web.1', 'INFO a b after')}\n`),
    Buffer.from([0xe2, 0x82]),
  ]);
  return {
    name: 'non-ASCII',
    files: { 'utf8.log': Buffer.concat([Buffer.from(text), bad]) },
  };
}

/** Lines longer than a 64 KiB piece (and than the cap, with `giant`). */
function longLines(giant: boolean): SkimCheckCase {
  const list = [
    app(time(1), 'web.1', `INFO a b ${'x'.repeat(200_000)}`),
    app(time(2), 'web.1', `INFO a b ${'ñ'.repeat(100_000)}`),
    app(time(3), 'web.1', `INFO a b ${'😀'.repeat(50_000)}`),
    app(time(4), 'web.1', `INFO users.signals [X_Y] ${'€'.repeat(70_000)}`),
    app(time(5), 'web.2', 'Traceback (most recent call last):'),
    app(time(5), 'web.2', `  ${'y'.repeat(150_000)}`),
    `${'z'.repeat(100_000)} without a time`,
    app(time(6), 'web.1', ACCESS(1)),
  ];
  if (giant) {
    // Past the 32 Mi-unit cap: the full reader cuts it (and takes seconds).
    list.push(app(time(7), 'web.1', `INFO a b ${'é'.repeat(33 * 1024 * 1024)}`));
    list.push(app(time(8), 'web.1', ACCESS(2)));
  }
  return {
    name: giant ? 'long lines (giant)' : 'long lines',
    files: { 'long.log': lines(list) },
  };
}

/** Lines with no time, empty and blank lines, and a last line without its newline. */
function noTime(): SkimCheckCase {
  const list = [
    'a bare line before any time',
    app(time(1), 'web.1', 'INFO a b first'),
    '  File "/app/x.py", line 1, in f',
    '',
    '    ',
    app(time(2), 'web.1', FAILED('00aa11bb22cc', '+573001110007')),
    'Traceback (most recent call last):',
    `${T}+00:00 app[web.1]:`,
    `${T}+00:00 app[web.1]: `,
    `${T}.5Z`,
    `${T}Z `,
    'INFO users.signals [SESSION_CREATED] New session for +573001110008 - ID: s9, JTI: 99aa88bb77cc, IP: 1.2.3.4',
  ];
  return {
    name: 'lines without a time',
    files: {
      'notime.log': `${list.join('\n')}\n${app(time(3), 'web.1', 'INFO a b last')}`,
    },
  };
}

/** The same time without and with a zone, read in a zone that is not UTC. */
function zones(): SkimCheckCase {
  const list = [
    `${T}.123000 app[web.1]: INFO a b local`,
    `${T}.123000Z app[web.1]: INFO a b UTC`,
    `${T}.123000 docker line, local`,
    `${T}.123000Z docker line, UTC`,
    `${T}.123000z docker line, lower-case z`,
    `2026-01-03 10:00:00,123 INFO users.signals [SESSION_REFRESH_FAILED] Session NOT found - JTI: 77aa88bb99cc, user_id: +573001110009`,
  ];
  return {
    name: 'zones',
    files: { 'zones.log': lines(list) },
    timezone: 'America/Bogota',
  };
}

/** Hand-made inputs where the skimming reader and the full one could part. */
export function adversarialCases(giant = false): SkimCheckCase[] {
  return [
    ...herokuAndSentry(),
    routerLines(),
    crlf(),
    ansi(),
    nonAscii(),
    longLines(false),
    ...(giant ? [longLines(true)] : []),
    noTime(),
    zones(),
  ];
}
