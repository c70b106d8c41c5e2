import { RecentKeys } from '../../src/readers/RecentKeys';

describe('RecentKeys', () => {
  it('finds keys added in time order, including several in one millisecond', () => {
    const keys = new RecentKeys();
    for (let ms = 0; ms < 5000; ms++) keys.add(ms, ms * 7);
    keys.add(4999, 1);
    expect(keys.has(10, 70)).toBe(true);
    expect(keys.has(4999, 1)).toBe(true);
    expect(keys.has(4999, 4999 * 7)).toBe(true);
    expect(keys.has(10, 71)).toBe(false);
    expect(keys.has(6000, 1)).toBe(false);
  });

  it('keeps a key that arrives out of order', () => {
    const keys = new RecentKeys();
    keys.add(100, 1);
    keys.add(50, 2);
    expect(keys.has(50, 2)).toBe(true);
    expect(keys.has(100, 1)).toBe(true);
  });

  it('forgets keys older than asked', () => {
    const keys = new RecentKeys();
    keys.add(10, 1);
    keys.add(20, 2);
    keys.add(30, 3);
    keys.add(15, 4);
    keys.forgetBefore(25);
    expect(keys.has(10, 1)).toBe(false);
    expect(keys.has(15, 4)).toBe(false);
    expect(keys.has(20, 2)).toBe(false);
    expect(keys.has(30, 3)).toBe(true);
  });
});
