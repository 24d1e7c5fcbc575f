import { credentialMask, NO_MASK } from '../../src/stomp/credential-mask';
import type { StompFrame } from '../../src/stomp/frame';

describe('credentialMask: the text a broker echoes credentials in', () => {
  it.each<[string, (string | undefined)[], string, string]>([
    ["the issue's echo", ['app', 'S3cret'], 'login failed for app/S3cret', 'login failed for ***/***'],
    ['another letter case', ['Alice7', 'S3cret'], 'user ALICE7 / s3CRET', 'user *** / ***'],
    ['percent-encoded', ['app', 'p@ss w/rd'], 'tcp://app:p%40ss%20w%2Frd@h', 'tcp://***:***@h'],
    ['percent-encoded, lower-case hex', ['u', 'p@ss w/rd'], 'got p%40ss%20w%2frd', 'got ***'],
    ['JSON-escaped', ['u', 'a"b\\c'], '{"passcode":"a\\"b\\\\c"}', '{"passcode":"***"}'],
    ['a passcode holding the login: hidden whole', ['app', 'app123'], 'app123 then app', '*** then ***'],
    ['a long credential glued to a word', ['guest', 'x'], 'guests', '***s'],
    [
      'a one-letter passcode: only where it is a word',
      ['guest', 'a'],
      'Bad CONNECT: passcode a refused for guest',
      'Bad CONNECT: passcode *** refused for ***',
    ],
    [
      'a two-letter login: only where it is a word',
      ['ab', 'longpass'],
      'abc ab ab_ ab. ab1',
      'abc *** ab_ ***. ab1',
    ],
    ['a short credential of punctuation: anywhere', ['u', '!?'], 'wow!?!', 'wow***!'],
    ['regular-expression characters, literally', ['.*', '(a|b)+'], 'abc .* (a|b)+ ab', 'abc *** *** ab'],
    ['non-ASCII, any case', ['jürgen', 'пароль'], 'JÜRGEN: ПАРОЛЬ wrong', '***: *** wrong'],
    [
      'no echo: nothing changes',
      ['app', 'S3cret'],
      "Access refused for user 'guest'",
      "Access refused for user 'guest'",
    ],
    ['no credentials at all', [undefined, ''], 'login failed for app/S3cret', 'login failed for app/S3cret'],
  ])('%s', (_name, secrets, text, masked) => {
    expect(credentialMask(secrets).text(text)).toBe(masked);
  });

  it.each([
    ['got S3cr', 'got ***'],
    ['got s3', 'got ***'],
    ['got S', 'got S'], // one letter tells nothing
    ['got S3cret-Pw and S3', 'got *** and ***'],
    ['got p%40s', 'got ***'], // the start of the percent-encoded form
    ['got Alic', 'got ***'],
  ])('with cut, also hides the start of a credential at the end of %j', (text, masked) => {
    const mask = credentialMask(['Alice7', 'S3cret-Pw', 'p@ss']);
    expect(mask.text(text, true)).toBe(masked);
    expect(mask.bytes(Buffer.from(text), true).toString()).toBe(masked);
    expect(mask.bytes(Buffer.concat([Buffer.from([0xff]), Buffer.from(text)]), true)).toEqual(
      Buffer.concat([Buffer.from([0xff]), Buffer.from(masked)]),
    );
  });

  it('without cut, leaves the start of a credential alone', () => {
    expect(credentialMask(['S3cret-Pw']).text('got S3cr')).toBe('got S3cr');
  });

  // A search that backtracks would take hours here: the test timeout catches it.
  // (Compared as booleans: a failure must not print megabytes.)
  it('stays linear on a hostile 1 MiB body and a self-similar 20 000-character passcode', () => {
    const mask = credentialMask(['x', `${'a'.repeat(20000)}b`]);
    const body = Buffer.alloc(1024 * 1024, 'a');
    const cut = mask.bytes(body, true).toString();
    expect(cut === `${'a'.repeat(body.length - 20000)}***`).toBe(true); // the tail may be its start
    expect(mask.text(`${'a'.repeat(100000)}b`) === `${'a'.repeat(80000)}***`).toBe(true);
    expect(credentialMask(['aaaa']).text('a'.repeat(1024 * 1024))).toBe('***'); // overlapping echoes merge
    expect(
      credentialMask(['aa'])
        .text(`${'a'.repeat(1024 * 1024)} aa`)
        .endsWith(' ***'),
    ).toBe(true);
  });

  it('hides nothing without credentials', () => {
    expect(credentialMask([undefined, undefined])).toBe(NO_MASK);
  });

  it('masks a frame: header names and values, a UTF-8 body, a body that is not UTF-8', () => {
    const mask = credentialMask(['Alice7', 'S3cret-Pw']);
    const frame: StompFrame = {
      command: 'ERROR',
      headers: { message: 'bad passcode S3cret-Pw', 'x-Alice7': 'alice7', 'content-type': 'text/plain' },
      body: Buffer.from('user Alice7, passcode S3cret-Pw ✓'),
    };
    expect(mask.frame(frame)).toEqual({
      command: 'ERROR',
      headers: { message: 'bad passcode ***', 'x-***': '***', 'content-type': 'text/plain' },
      body: Buffer.from('user ***, passcode *** ✓'),
    });
    const latin1 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('s3cret-pw:'), Buffer.from([0xe9])]);
    expect(mask.frame({ ...frame, body: latin1 }).body).toEqual(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('***:'), Buffer.from([0xe9])]),
    );
    expect(frame.headers.message).toBe('bad passcode S3cret-Pw'); // a copy: the original is left alone
  });
});
