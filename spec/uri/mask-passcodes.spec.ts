import { applyMask, maskedOffset, maskPasscodes, withRegion } from '../../src/uri/mask-passcodes';

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
    ['no scheme u:p@h', 'no scheme u:***@h'],
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

  it.each([
    // Whatever the shape: a mistyped or missing "//", no scheme at all.
    ['tcp:/app:S3cret@mq1:61613', 'tcp:/app:***@mq1:61613'],
    ['tcp:app:S3cret@mq1:61613', 'tcp:***@mq1:61613'],
    ['tcp:///app:S3cret@mq1', 'tcp:///app:***@mq1'],
    ['stomp:u:s@h', 'stomp:***@h'],
    ['STOMP+SSL:u:s@h', 'STOMP+SSL:***@h'],
    ['stomp:u:p:ss@h', 'stomp:***@h'],
    // Login "stomp" or scheme "stomp:"? Everything after the colon is hidden either way.
    ['stomp:secret@h', 'stomp:***@h'],
    ['failover:(tcp://a:1,ssl:secret@h)', 'failover:(tcp://a:1,ssl:***@h)'],
    ['failover:( tcp:pa,)://ss@mq1:61613 ,tcp://b:2)', 'failover:( tcp:***@mq1:61613 ,tcp://b:2)'],
    ['failover:(stomp:pa,ss@h,tcp://b:2)', 'failover:(stomp:***@h,tcp://b:2)'],
    ['app:S3cret@mq1:61613', 'app:***@mq1:61613'],
    ['  app:S3cret@mq1:61613  ', '  app:***@mq1:61613  '],
    [':S3cret@mq1', ':***@mq1'],
    ['bob:p@ss@h', 'bob:***@h'],
    ['bob:p/ss,x@h:1', 'bob:***@h:1'],
    ['localhost:61613', 'localhost:61613'],
    ['[::1]:61613', '[::1]:61613'],
    ['guest@mq', 'guest@mq'],
    // Inside failover lists: each item on its own, the separators and the faulty item kept.
    ['failover:(tcp:/app:S3cret@a:1,tcp://b:2)', 'failover:(tcp:/app:***@a:1,tcp://b:2)'],
    ['failover:(tcp://a:1,tcp:/app:S3cret@b:2)', 'failover:(tcp://a:1,tcp:/app:***@b:2)'],
    ['failover:(tcp://a:1,stomp:u:s@b:2)', 'failover:(tcp://a:1,stomp:***@b:2)'],
    ['failover:(tcp://127.0.0.1:1,bob:pw@127.0.0.1:2)', 'failover:(tcp://127.0.0.1:1,bob:***@127.0.0.1:2)'],
    ['failover:(tcp://a:1, bob:pw@b:2 ,tcp://c:3)', 'failover:(tcp://a:1, bob:***@b:2 ,tcp://c:3)'],
    ['failover:tcp://a:1,bob:pw@b:2', 'failover:tcp://a:1,bob:***@b:2'],
    ['failover:(tcp://a,bob:pw@b:2)', 'failover:(tcp://a,bob:***@b:2)'],
    ['failover:(tcp://a/,bob:pw@b:2)', 'failover:(tcp://a/,bob:***@b:2)'],
    ['failover:(tcp://a:1?x=y,bob:pw@b:2)', 'failover:(tcp://a:1?x=y,bob:***@b:2)'],
    ['failover:(tcp://[::1],bob:pw@b:2)', 'failover:(tcp://[::1],bob:***@b:2)'],
    ['failover:(tcp://[::1]:1,bob:pw@b:2)', 'failover:(tcp://[::1]:1,bob:***@b:2)'],
    ['failover:(tcp://::1:61613,bob:pw@b:2)', 'failover:(tcp://::1:61613,bob:***@b:2)'],
    ['failover:(tcp://u:p@a:1,bob:pw@b:2)', 'failover:(tcp://u:***@a:1,bob:***@b:2)'],
    ['failover:(tcp://a:1,b,bob:pw@c:3)', 'failover:(tcp://a:1,b,bob:***@c:3)'],
    ['failover:(tcp://a:1,,bob:pw@c:3)', 'failover:(tcp://a:1,,bob:***@c:3)'],
    ['failover:(bob:pw@a:1,tcp://b:2)', 'failover:(bob:***@a:1,tcp://b:2)'],
    ['failover:(tcp://a:1,bob:pw@b:2,carol:pw2@c:3)', 'failover:(tcp://a:1,bob:***@b:2,carol:***@c:3)'],
    // A comma inside a passcode: the "@" after it still ends the passcode.
    ['failover:(tcp://u:p,ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p,s:s@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p,,,q@h,tcp://b)', 'failover:(tcp://u:***@h,tcp://b)'],
    ['failover:(tcp://u:p@ss,word@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p],,ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:[p],ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p@,,ss@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p@, x ,ss@h,tcp://b)', 'failover:(tcp://u:***@h,tcp://b)'],
    ['failover:(tcp://u:1234,5678@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p/x,y@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p?x,y@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:,y@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p%40ss@h,tcp://b)', 'failover:(tcp://u:***@h,tcp://b)'],
    ['failover:(tcp://u:p)s,s@h)', 'failover:(tcp://u:***@h)'],
    ['failover:(tcp://u:p,ss@h,tcp://b:1,bob:pw@c)', 'failover:(tcp://u:***@h,tcp://b:1,bob:***@c)'],
    ['failover:(tcp://u:p,ss@h:1,bob:pw@c)', 'failover:(tcp://u:***@h:1,bob:***@c)'],
    // A file: path is masked like any text.
    ['file:/tmp/u:p@x', 'file:/tmp/u:***@x'],
  ])('whatever the shape: %j → %j', (raw, masked) => {
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

  it.each([
    // regions, added, merged
    [
      [{ start: 8, end: 10 }],
      { start: 6, end: 7 },
      [
        { start: 6, end: 7 },
        { start: 8, end: 10 },
      ],
    ],
    [[{ start: 8, end: 10 }], { start: 6, end: 8 }, [{ start: 6, end: 10 }]],
    [[{ start: 8, end: 10 }], { start: 9, end: 12 }, [{ start: 8, end: 12 }]],
    [
      [
        { start: 2, end: 3 },
        { start: 8, end: 10 },
      ],
      { start: 3, end: 8 },
      [{ start: 2, end: 10 }],
    ],
    [[], { start: 1, end: 1 }, [{ start: 1, end: 1 }]],
  ])('withRegion(%j, %j) → %j', (regions, added, merged) => {
    expect(withRegion(regions, added)).toEqual(merged);
  });

  it('applies regions', () => {
    expect(
      applyMask('tcp://us:pw@h', [
        { start: 6, end: 8 },
        { start: 9, end: 11 },
      ]),
    ).toBe('tcp://***:***@h');
    expect(applyMask('tcp://h', [])).toBe('tcp://h');
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
    ['commas and colons', `failover:(tcp://u:p${',a:b'.repeat(25_000)}@h)`, 'failover:(tcp://u:***@h)'],
    [
      'scheme-less items',
      `failover:(tcp://a:1${',b:p@c:2'.repeat(12_500)})`,
      `failover:(tcp://a:1${',b:***@c:2'.repeat(12_500)})`,
    ],
    [
      'a long authority then commas',
      `failover:(tcp://u:${'p'.repeat(50_000)}${',x'.repeat(25_000)}@h)`,
      'failover:(tcp://u:***@h)',
    ],
    ['commas and at signs', `failover:(tcp://u:p${',@'.repeat(25_000)})`, 'failover:(tcp://u:***@)'],
    [
      'spaces and commas',
      `failover:(${' ,'.repeat(50_000)}a:b@c)`,
      `failover:(${' ,'.repeat(50_000)}a:***@c)`,
    ],
  ])('stays linear on %s', (_name, raw, masked) => {
    expect(maskPasscodes(raw).masked).toBe(masked);
  });
});
