import { JtiIndex } from '../../src/engine/JtiIndex';

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
