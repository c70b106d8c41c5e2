import { readAffectedSessions } from '../../src/signals/readAffectedSessions';

const SESSION_A =
  "{'id': UUID('a399f82a-65aa-4c82-b9f2-48b08cb4a0d7'), 'refresh_token_jti': '984181177906159644f9794cdd933160', 'ip_address': '192.0.2.224', 'created_at': datetime.datetime(2025, 12, 15, 17, 52, 12, 380922, tzinfo=datetime.timezone.utc)}";
const SESSION_B =
  "{'id': UUID('abe19f58-03e0-4813-bdc2-ae9963d2e490'), 'refresh_token_jti': 'c21b609228ce6f2410645d51c6f8da3e', 'ip_address': '203.0.113.12', 'created_at': datetime.datetime(2025, 12, 29, 20, 45, 0, 380922, tzinfo=datetime.timezone.utc)}";

describe('readAffectedSessions', () => {
  test('reads a one-line list into id, jti, ip and ISO createdAt', () => {
    expect(readAffectedSessions(`[${SESSION_A}]`)).toEqual([
      {
        id: 'a399f82a-65aa-4c82-b9f2-48b08cb4a0d7',
        jti: '984181177906159644f9794cdd933160',
        ip: '192.0.2.224',
        createdAt: '2025-12-15T17:52:12.380922Z',
      },
    ]);
  });

  test('reads a list whose line was split inside a token (a Heroku 10 000-byte split)', () => {
    const whole = `[${SESSION_A}, ${SESSION_B}]`;
    const split = whole.replace("'c21b6092", "'c21b\n6092");
    expect(readAffectedSessions(split)).toEqual(readAffectedSessions(whole));
    expect(readAffectedSessions(split)).toHaveLength(2);
  });

  test('reads the short keys jti and ip as well as refresh_token_jti and ip_address', () => {
    expect(
      readAffectedSessions("[{'id': 7, 'jti': 'abc123...', 'ip': '10.0.0.1'}]"),
    ).toEqual([{ id: '7', jti: 'abc123', ip: '10.0.0.1', createdAt: null }]);
  });

  test('reads a list of bare JTI strings as sessions with only a jti', () => {
    expect(readAffectedSessions("['abc123def', 'xyz789abc']")).toEqual([
      { id: null, jti: 'abc123def', ip: null, createdAt: null },
      { id: null, jti: 'xyz789abc', ip: null, createdAt: null },
    ]);
  });

  test('reads the guide placeholder [...] as null, not as an empty list', () => {
    expect(readAffectedSessions('[...]')).toBeNull();
  });

  test('reads garbage as null', () => {
    expect(readAffectedSessions('<<no list here')).toBeNull();
  });
});
