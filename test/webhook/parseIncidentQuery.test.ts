import { encodeIncidentCursor } from '../../webhook/incidentCursor';
import { parseIncidentQuery } from '../../webhook/parseIncidentQuery';

function query(params: Record<string, unknown>) {
  const parsed = parseIncidentQuery(params);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.query;
}

function error(params: Record<string, unknown>) {
  const parsed = parseIncidentQuery(params);
  return parsed.ok ? null : parsed.error;
}

describe('parseIncidentQuery', () => {
  it('defaults to 100 current incidents from the newest', () => {
    expect(query({})).toEqual({ limit: 100, after: null, includeSuperseded: false });
  });

  it('reads a leading space in user as the + that an unescaped query turned into it', () => {
    expect(query({ user: ' 573001234567' }).user).toBe('+573001234567');
    expect(query({ user: '+573001234567' }).user).toBe('+573001234567');
  });

  it.each([
    ['2026-01-03T10:00:00Z', '2026-01-03T10:00:00.000Z'],
    ['2026-01-03T10:00:00', '2026-01-03T10:00:00.000Z'],
    ['2026-01-03T12:00:00.5+02:00', '2026-01-03T10:00:00.500Z'],
    ['2026-01-03T12:00:00 02:00', '2026-01-03T10:00:00.000Z'],
    ['2026-01-03', '2026-01-03T00:00:00.000Z'],
  ])('reads since=%s as %s', (since, iso) => {
    expect(query({ since }).since).toBe(Date.parse(iso));
  });

  it('round-trips a cursor it gave out', () => {
    const cursor = encodeIncidentCursor({ lastSeenMs: 1767434400000, id: 'abc' });
    expect(query({ cursor }).after).toEqual({ lastSeenMs: 1767434400000, id: 'abc' });
  });

  it.each([
    [{ limit: '0' }, /^limit must be a whole number from 1 to 1000 \(got "0"\)$/],
    [{ limit: '1001' }, /^limit /],
    [{ limit: 'ten' }, /^limit /],
    [{ limit: ['1', '2'] }, /^limit must be given once/],
    [{ since: 'yesterday' }, /^since must be an ISO 8601 time/],
    [{ since: '2026-13-45T99:00:00Z' }, /^since /],
    [{ cursor: 'not-a-cursor' }, /^cursor /],
    [{ cause: 'aliens' }, /^cause must be one of backend_revocation, /],
    [{ status: 'open' }, /^status must be one of confirmed, suspected/],
    [{ include_superseded: 'yes' }, /^include_superseded must be true or false/],
  ])('refuses %p naming the parameter', (params, message) => {
    expect(error(params)).toMatch(message);
  });
});
