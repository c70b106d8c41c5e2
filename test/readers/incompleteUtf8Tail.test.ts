import { StringDecoder } from 'node:string_decoder';

import { Prng } from '../../bench/generator/Prng';
import { incompleteUtf8Tail } from '../../src/readers/incompleteUtf8Tail';

// Bytes that make valid characters of every length, and invalid ones.
const BYTES = [
  0x41, 0x0a, 0x80, 0x9f, 0xbf, 0xc0, 0xc2, 0xc3, 0xb1, 0xe2, 0x82, 0xac, 0xed, 0xef,
  0xf0, 0x9f, 0x98, 0xf4, 0xf8, 0xff,
];

describe('incompleteUtf8Tail', () => {
  test.each([
    ['ASCII', [0x41], 0],
    ['a whole ñ', [0xc3, 0xb1], 0],
    ['the first byte of ñ', [0x41, 0xc3], 1],
    ['two bytes of €', [0xe2, 0x82], 2],
    ['three bytes of an emoji', [0xf0, 0x9f, 0x98], 3],
    ['a whole emoji', [0xf0, 0x9f, 0x98, 0x80], 0],
    ['a stray continuation byte', [0x41, 0x80], 0],
    ['a byte that leads nothing', [0xf8], 0],
  ])('%s: %j holds %i', (_, bytes, held) => {
    expect(incompleteUtf8Tail(Uint8Array.from(bytes), bytes.length)).toBe(held);
  });

  it('holds back what a StringDecoder holds, so cut text decodes the same', () => {
    const prng = new Prng(7);
    const some = (max: number) =>
      Buffer.from(
        Array.from(
          { length: prng.int(0, max) },
          () => BYTES[prng.int(0, BYTES.length - 1)] as number,
        ),
      );
    for (let i = 0; i < 20_000; i++) {
      const first = some(9);
      const second = some(9);
      const decoder = new StringDecoder('utf8');
      const streamed = [decoder.write(first), decoder.write(second) + decoder.end()];

      const cut = first.length - incompleteUtf8Tail(first, first.length);
      const rest = Buffer.concat([first.subarray(cut), second]);
      expect([first.toString('utf8', 0, cut), rest.toString('utf8')]).toEqual(streamed);
    }
  });
});
