import { ownCopy } from '../../src/engine/ownCopy';

describe('ownCopy', () => {
  test('gives an equal string for long, short and empty text', () => {
    const line = `${'x'.repeat(200)} JTI: aaaaaaaa11111111aaaaaaaa11111111, tail`;
    const jti = line.slice(206, 238);

    expect(ownCopy(jti)).toBe('aaaaaaaa11111111aaaaaaaa11111111');
    expect(ownCopy('web.1')).toBe('web.1');
    expect(ownCopy('')).toBe('');
  });

  test('passes null and undefined through', () => {
    expect(ownCopy(null)).toBeNull();
    expect(ownCopy(undefined)).toBeUndefined();
  });
});
