import { maskPersonalData } from '../../src/writeback/maskPersonalData';
import { slackText } from '../../src/slack/slackBlocks';

describe('maskPersonalData', () => {
  it('keeps the first 6 and last 4 characters of a phone number', () => {
    expect(maskPersonalData('Usuario +573001234567 y +573009874567')).toBe(
      'Usuario +57300•••4567 y +57300•••4567',
    );
    expect(maskPersonalData('short +1234567')).toBe('short +12•••');
  });

  it('hides IPv4 and IPv6 addresses but their first part', () => {
    expect(maskPersonalData('IP: 181.49.12.7, from 2800:e2:9c00:1e1::12')).toBe(
      'IP: 181.•••.•••.•••, from 2800:•••',
    );
  });

  it('leaves times, versions and JTIs alone', () => {
    const text = 'at 10:00:00.123 spa@2026.01.2 JTI: dabd2a4c08736a21f985732a7b99a126';
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('slackText', () => {
  it('masks, then escapes what Slack mrkdwn reserves', () => {
    expect(slackText('role: CLIENT -> VIP & <b> for +573001234567')).toBe(
      'role: CLIENT -&gt; VIP &amp; &lt;b&gt; for +57300•••4567',
    );
  });
});
