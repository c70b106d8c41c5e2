import { verifySentrySignature } from '../../webhook/verifySentrySignature';
import { sign } from './signBody';

const secret = 'client-secret';
const body = Buffer.from('{"action":"triggered","data":{"x":"Sesi\\u00f3n","t":1.0}}');

describe('verifySentrySignature', () => {
  it('accepts the hex HMAC-SHA256 of the exact bytes', () => {
    expect(verifySentrySignature(body, sign(body, secret), secret)).toBe(true);
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    expect(
      verifySentrySignature(body, ` ${sign(body, secret).toUpperCase()} `, secret),
    ).toBe(true);
  });

  it('refuses the signature of the re-serialised body', () => {
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')));
    expect(reserialised).not.toBe(body.toString('utf8'));
    expect(verifySentrySignature(body, sign(reserialised, secret), secret)).toBe(false);
  });

  it('refuses another secret, a tampered body, and values that are not a digest', () => {
    expect(verifySentrySignature(body, sign(body, 'other'), secret)).toBe(false);
    expect(
      verifySentrySignature(Buffer.from(`${body} `), sign(body, secret), secret),
    ).toBe(false);
    expect(verifySentrySignature(body, 'abc', secret)).toBe(false);
    expect(verifySentrySignature(body, `sha256=${sign(body, secret)}`, secret)).toBe(
      false,
    );
  });
});
