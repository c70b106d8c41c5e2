import { JtiIndex, JtiTable, jtiKey } from '../../src/engine/JtiIndex';

type Entry = { time: number | null; name: string };

describe('JtiIndex', () => {
  test('finds a whole JTI by its abbreviation and an abbreviation by the whole JTI', () => {
    const index = new JtiIndex<Entry>();
    index.add('abc123def456', { time: 1, name: 'whole' });
    index.add('abc123...', { time: 2, name: 'short' });

    expect(index.find('abc123def456').map((e) => e.name)).toEqual(['whole', 'short']);
    expect(index.find('abc123').map((e) => e.name)).toEqual(['whole', 'short']);
  });

  test('does not match a JTI whose prefix only shares its hash bucket', () => {
    const index = new JtiIndex<Entry>();
    // `Aa` and `BB` hash alike (65 * 31 + 97 = 66 * 31 + 66), so these share a bucket.
    index.add('BB1234abcdef', { time: 1, name: 'other' });
    index.add('Aa1234abcdef', { time: 2, name: 'mine' });

    expect(index.find('Aa1234').map((e) => e.name)).toEqual(['mine']);
    expect(index.find('Aa1234abcdef').map((e) => e.name)).toEqual(['mine']);
    expect(index.find('BB1234').map((e) => e.name)).toEqual(['other']);
  });

  test('forgets entries older than the cutoff and keeps those without a time', () => {
    const index = new JtiIndex<Entry>();
    index.add('aaaaaa111111', { time: 1, name: 'old' });
    index.add('aaaaaa222222', { time: 10, name: 'new' });
    index.forgetBefore(5);

    expect(index.find('aaaaaa111111')).toEqual([]);
    expect(index.find('aaaaaa').map((e) => e.name)).toEqual(['new']);
  });
});

describe('JtiIndex.renew', () => {
  const sameName = (name: string) => (latest: Entry) => latest.name === name;

  test('renews the latest value in place when it is the same, and files a new one when not', () => {
    const index = new JtiIndex<Entry>();
    index.renew('aaaaaa111111', 1, sameName('ana'), () => ({ time: 1, name: 'ana' }));
    index.renew('aaaaaa111111', 10, sameName('ana'), () => ({ time: 10, name: 'ana' }));
    expect(index.find('aaaaaa111111')).toEqual([{ time: 10, name: 'ana' }]);

    index.renew('aaaaaa111111', 12, sameName('bob'), () => ({ time: 12, name: 'bob' }));
    expect(index.find('aaaaaa111111').map((e) => e.name)).toEqual(['ana', 'bob']);
  });

  test('a renewed value expires at its latest time, as the later of two filed values would', () => {
    const index = new JtiIndex<Entry>();
    index.renew('aaaaaa111111', 1, sameName('ana'), () => ({ time: 1, name: 'ana' }));
    index.renew('aaaaaa111111', 10, sameName('ana'), () => ({ time: 10, name: 'ana' }));

    index.forgetBefore(5);
    expect(index.find('aaaaaa111111').map((e) => e.name)).toEqual(['ana']);
    index.forgetBefore(11);
    expect(index.find('aaaaaa111111')).toEqual([]);
  });

  test('values without a time are filed, never renewed, and hold back expiry behind them', () => {
    const index = new JtiIndex<Entry>();
    index.renew('aaaaaa111111', null, sameName('ana'), () => ({
      time: null,
      name: 'ana',
    }));
    index.renew('aaaaaa111111', null, sameName('ana'), () => ({
      time: null,
      name: 'ana',
    }));
    index.add('bbbbbb222222', { time: 1, name: 'bob' });
    index.forgetBefore(5);

    expect(index.find('aaaaaa111111')).toHaveLength(2);
    expect(index.find('bbbbbb222222')).toHaveLength(1);
  });
});

describe('JtiTable', () => {
  test("one index's values are not another's, and each expires on its own", () => {
    const table = new JtiTable();
    const first = table.index<Entry>();
    const second = table.index<Entry>();
    first.add('aaaaaa111111', { time: 1, name: 'first' });
    second.add('aaaaaa111111', { time: 20, name: 'second' });

    expect(first.find('aaaaaa111111').map((e) => e.name)).toEqual(['first']);
    expect(second.find('aaaaaa111111').map((e) => e.name)).toEqual(['second']);

    first.forgetBefore(10);
    expect(first.find('aaaaaa111111')).toEqual([]);
    expect(second.find('aaaaaa111111').map((e) => e.name)).toEqual(['second']);
    second.forgetBefore(30);
    expect(second.find('aaaaaa')).toEqual([]);
  });

  test('lists prefix matches in the order each index first filed under them, not the order the table met them', () => {
    const table = new JtiTable();
    const first = table.index<Entry>();
    const second = table.index<Entry>();
    first.add('abc123aaaaaa', { time: 1, name: 'A' });
    first.add('abc123bbbbbb', { time: 2, name: 'B' });
    second.add('abc123bbbbbb', { time: 3, name: 'B' });
    second.add('abc123aaaaaa', { time: 4, name: 'A' });

    expect(first.find('abc123').map((e) => e.name)).toEqual(['A', 'B']);
    expect(second.find('abc123').map((e) => e.name)).toEqual(['B', 'A']);
  });

  test('a JTI filed again after it expired goes to the end of the prefix order', () => {
    const index = new JtiIndex<Entry>();
    index.add('abc123aaaaaa', { time: 1, name: 'A' });
    index.add('abc123bbbbbb', { time: 10, name: 'B' });
    index.forgetBefore(5);
    index.add('abc123aaaaaa', { time: 11, name: 'A again' });

    expect(index.find('abc123').map((e) => e.name)).toEqual(['B', 'A again']);
  });

  test('JTIs whose integer keys collide are told apart', () => {
    // Found by a search over `jti-` and eight base-36 digits.
    const [a, b] = ['jti-00003yzx', 'jti-0000a6ad'];
    expect(jtiKey(a)).toBe(jtiKey(b));

    const index = new JtiIndex<Entry>();
    index.add(a, { time: 1, name: 'a' });
    index.add(b, { time: 2, name: 'b' });

    expect(index.find(a).map((e) => e.name)).toEqual(['a']);
    expect(index.find(b).map((e) => e.name)).toEqual(['b']);
    index.forgetBefore(1.5);
    expect(index.find(a)).toEqual([]);
    expect(index.find(b).map((e) => e.name)).toEqual(['b']);
  });
});
