/**
 * What still looks like a phone number or an IP address in a serialized
 * Slack payload, found without the masker's rules: any seven digits however
 * grouped, any dotted quad, any colon-hex address. ISO timestamps and the
 * link targets named in `ownUrls` (ours, not anyone's data) are set aside first.
 */
export function findPersonalData(serialized: string, ownUrls: RegExp[] = []): string[] {
  let text = serialized.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, ' ');
  for (const url of ownUrls) text = text.replace(url, ' ');

  const phones = text.match(/(?:\+|%2B)?\d(?:[\s\-.()+_]{0,3}\d){6,}/gi) ?? [];
  const ipv4 = text.match(/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g) ?? [];
  const ipv6 = (text.match(/[0-9a-f]*:[0-9a-f:]*:[0-9a-f.]*/gi) ?? []).filter(
    (candidate) =>
      /\d/.test(candidate) &&
      (candidate.includes('::') || candidate.split(':').length >= 8) &&
      candidate.replace(/:/g, '').length >= 2,
  );
  return [...phones, ...ipv4, ...ipv6];
}
