import { ExpiringMap } from '../../src/engine/ExpiringMap';

describe('ExpiringMap', () => {
  test('an entry set again lives until its latest time', () => {
    const map = new ExpiringMap<string, number>();
    map.set('a', 1, 1);
    map.set('a', 2, 10);
    map.forgetBefore(5);
    expect(map.get('a')).toBe(2);
    map.forgetBefore(11);
    expect(map.has('a')).toBe(false);
  });

  test('restart moves the clock of a present entry and returns its value', () => {
    const map = new ExpiringMap<string, string>();
    map.set('user', 'kept copy', 1);

    expect(map.restart('user', 10)).toBe('kept copy');
    map.forgetBefore(5);
    expect(map.get('user')).toBe('kept copy');
    map.forgetBefore(11);
    expect(map.has('user')).toBe(false);
  });

  test('restart sets nothing for a missing key', () => {
    const map = new ExpiringMap<string, string>();

    expect(map.restart('user', 10)).toBeUndefined();
    expect(map.has('user')).toBe(false);
  });

  test('an entry restarted without a time never expires', () => {
    const map = new ExpiringMap<string, string>();
    map.set('user', 'kept copy', 1);
    map.restart('user', null);
    map.forgetBefore(1_000);

    expect(map.get('user')).toBe('kept copy');
  });
});
