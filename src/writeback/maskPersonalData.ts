// `+` and 7 to 15 digits: the app's user ids are E.164 phone numbers.
const PHONE = /\+\d{7,15}\b/g;
const IPV4 = /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g;
// Candidates: hex groups joined by at least two colons; checked further below.
const IPV6 = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi;
const CLOCK_TIME = /^\d{1,2}:\d{2}(?::\d{2})?$/;

/**
 * Hides phone numbers and IP addresses in text bound for Slack: a phone keeps
 * its first 6 and last 4 characters (`+57300•••4567`), an IPv4 address its
 * first octet, an IPv6 address its first group.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(PHONE, (phone) =>
      phone.length <= 10
        ? `${phone.slice(0, 3)}•••`
        : `${phone.slice(0, 6)}•••${phone.slice(-4)}`,
    )
    .replace(IPV4, (_ip, first: string) => `${first}.•••.•••.•••`)
    .replace(IPV6, (ip: string) => {
      const groups = ip.split(':');
      const address = !CLOCK_TIME.test(ip) && (ip.includes('::') || groups.length === 8);
      return address ? `${groups[0] ?? ''}:•••` : ip;
    });
}
