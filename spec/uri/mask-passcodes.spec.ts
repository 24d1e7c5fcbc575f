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

  it('stays linear on many markers', () => {
    const raw = '://a:b@'.repeat(20_000);
    const { masked, regions } = maskPasscodes(raw);
    expect(regions).toHaveLength(20_000);
    expect(masked).toBe('://a:***@'.repeat(20_000));
  });
});
