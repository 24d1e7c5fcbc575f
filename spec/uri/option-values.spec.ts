import {
  attemptsValue,
  booleanValue,
  delayValue,
  integerValue,
  jitterValue,
  MAX_DELAY_MS,
  multiplierValue,
} from '../../src/uri/option-values';

describe('option value types', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['false', false],
    ['1', undefined],
    ['yes', undefined],
    ['', undefined],
    [' true', undefined],
  ])('booleanValue %j → %j', (text, value) => {
    expect(booleanValue.parse(text)).toBe(value);
  });

  it.each([
    ['0', 0],
    ['10', 10],
    ['007', 7],
    [String(MAX_DELAY_MS), MAX_DELAY_MS],
    [String(MAX_DELAY_MS + 1), undefined],
    ['-1', undefined],
    ['1.0', undefined],
    ['1e3', undefined],
    ['0x10', undefined],
    ['+5', undefined],
    ['', undefined],
    ['-', undefined],
    ['9'.repeat(400), undefined],
    // A sign means nothing for a delay: -0 would be stored as a negative zero.
    ['-0', undefined],
    ['-00', undefined],
    ['+0', undefined],
    ['-5', undefined],
    ['+', undefined],
    ['\u22121', undefined],
    ['１', undefined],
  ])('delayValue %j → %j', (text, value) => {
    expect(delayValue.parse(text)).toBe(value);
  });

  it.each([
    ['-1', -1],
    ['0', 0],
    ['3', 3],
    ['-2', undefined],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
    ['9007199254740993', undefined],
    // -1 is the only value written with a sign: -0 would turn "forever" into "once".
    ['-0', undefined],
    ['-00', undefined],
    ['-01', undefined],
    ['+1', undefined],
    ['+0', undefined],
    ['--1', undefined],
    ['-', undefined],
    ['-1 ', undefined],
  ])('attemptsValue %j → %j', (text, value) => {
    expect(attemptsValue.parse(text)).toBe(value);
  });

  it('never yields a negative zero', () => {
    for (const type of [delayValue, attemptsValue, multiplierValue, integerValue(0, 10)]) {
      for (const text of ['0', '00', '0.0', '-0', '-00', '-0.0', '+0']) {
        expect(Object.is(type.parse(text), -0)).toBe(false);
      }
    }
  });

  it('integerValue describes its range, and that no sign is written', () => {
    expect(integerValue(0, 10).expected).toBe('expected an integer from 0 to 10, written without a sign');
    expect(delayValue.expected).toBe('expected an integer from 0 to 2147483647, written without a sign');
    expect(attemptsValue.expected).toBe('expected -1 (unlimited) or an integer >= 0 written without a sign');
  });

  it.each([
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['1.5', 1.5],
    ['0.0', 0],
    ['10.25', 10.25],
    ['0.5', undefined],
    ['0.999', undefined],
    ['-2', undefined],
    ['.5', undefined],
    ['2.', undefined],
    ['1e2', undefined],
    ['1,5', undefined],
    ['', undefined],
    [`1${'0'.repeat(400)}`, undefined],
    ['-0', undefined],
    ['-0.0', undefined],
    ['+2', undefined],
    ['+1.5', undefined],
  ])('multiplierValue %j → %j', (text, value) => {
    expect(multiplierValue.parse(text)).toBe(value);
  });

  it.each([
    ['none', 'none'],
    ['FULL', 'full'],
    ['Equal', 'equal'],
    ['half', undefined],
    ['', undefined],
  ])('jitterValue %j → %j', (text, value) => {
    expect(jitterValue.parse(text)).toBe(value);
  });
});
