import { maskedOffset, maskPasscodes } from '../../src/uri/mask-passcodes';

describe('maskPasscodes', () => {
  it.each([
    ['tcp://host:1', 'tcp://host:1'],
    ['tcp://guest@host', 'tcp://guest@host'],
    ['tcp://guest:pw@host', 'tcp://guest:***@host'],
    ['tcp://guest:@host', 'tcp://guest:***@host'],
    ['tcp://:pw@host', 'tcp://:***@host'],
    ['tcp://u:p@ss@host', 'tcp://u:***@host'],
    ['tcp://u:p/w@host', 'tcp://u:***@host'],
    ['tcp://h:1?x=a@b', 'tcp://h:***@b'],
    ['failover:(tcp://a:pw@x,ssl://b:qq@y)', 'failover:(tcp://a:***@x,ssl://b:***@y)'],
    ['failover:(tcp://h:1,tcp://b:qq@y)', 'failover:(tcp://h:1,tcp://b:***@y)'],
    ['no scheme u:p@h', 'no scheme u:p@h'],
    ['://:@', '://:***@'],
    // A "://" inside a passcode does not start another URI.
    ['tcp://u:pa://ss@h', 'tcp://u:***@h'],
    ['stomp://user:pa://ss@mq', 'stomp://user:***@mq'],
    ['tcp://u:pa,x://ss@h', 'tcp://u:***@h'],
    ['tcp://u:pa x://ss@h', 'tcp://u:***@h'],
    ['tcp://a:pw@x,ssl://b:qq@y', 'tcp://a:***@y'],
    ['://a:b@://c:d@', '://a:***@'],
    ['failover:(tcp://u:pa://ss@x,ssl://b:qq@y)', 'failover:(tcp://u:***@x,ssl://b:***@y)'],
    ['failover:(tcp://u:pa(x://ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:pa x://ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:pafailover:tcp://ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:tcp://u:pa://ss@x,ssl://b:qq@y', 'failover:tcp://u:***@x,ssl://b:***@y'],
    // Where the list really starts another URI: after "failover:", "(" or ",", white space allowed.
    ['FailOver:tcp://a:pw@x', 'FailOver:tcp://a:***@x'],
    [' failover: tcp://a:pw@x', ' failover: tcp://a:***@x'],
    ['failover://(tcp://a:pw@x,ssl://b:qq@y)', 'failover://(tcp://a:***@x,ssl://b:***@y)'],
    ['failover:( tcp://a:pw@x ,\tssl://b:qq@y )', 'failover:( tcp://a:***@x ,\tssl://b:***@y )'],
    [
      'failover:(stomp+ssl://a:pw@x,Stomp+SSL://b:qq@y)',
      'failover:(stomp+ssl://a:***@x,Stomp+SSL://b:***@y)',
    ],
  ])('%j → %j', (raw, masked) => {
    expect(maskPasscodes(raw).masked).toBe(masked);
  });

  it('maps raw offsets to masked ones', () => {
    const { regions } = maskPasscodes('tcp://u:secret@h:1');
    // 'secret' (8..14) became '***' (8..11)
    expect(maskedOffset(regions, 7)).toBe(7);
    expect(maskedOffset(regions, 8)).toBe(8);
    expect(maskedOffset(regions, 10)).toBe(8);
    expect(maskedOffset(regions, 10, true)).toBe(11);
    expect(maskedOffset(regions, 14)).toBe(11);
    expect(maskedOffset(regions, 17)).toBe(14);
  });

  it('maps offsets around an empty passcode', () => {
    const { regions } = maskPasscodes('tcp://u:@h');
    expect(maskedOffset(regions, 7)).toBe(7);
    expect(maskedOffset(regions, 8)).toBe(11);
    expect(maskedOffset(regions, 9)).toBe(12);
  });

  it('stays linear on many URIs of a failover list', () => {
    const raw = `failover:(${'tcp://a:b@h,'.repeat(20_000)})`;
    const { masked, regions } = maskPasscodes(raw);
    expect(regions).toHaveLength(20_000);
    expect(masked).toBe(`failover:(${'tcp://a:***@h,'.repeat(20_000)})`);
  });

  // Quadratic work here would run past the test timeout (no time bound: it would measure the machine).
  it.each([
    ['markers that start no URI', '://a:b@'.repeat(20_000), '://a:***@'],
    ['markers in one passcode', `failover:(tcp://u:${'x://'.repeat(50_000)}@h)`, 'failover:(tcp://u:***@h)'],
    [
      'scheme names and spaces',
      `failover:(tcp://u:p${' a+b.c-d://'.repeat(20_000)}@h)`,
      'failover:(tcp://u:***@h)',
    ],
    ['commas without markers', `failover:(tcp://u:p${','.repeat(100_000)}@h)`, 'failover:(tcp://u:***@h)'],
  ])('stays linear on %s', (_name, raw, masked) => {
    expect(maskPasscodes(raw).masked).toBe(masked);
  });
});
