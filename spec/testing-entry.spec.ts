import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as root from '../src/index';
import * as testing from '../src/testing';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
  exports: Record<string, Record<string, string> | string>;
};

describe('the entry point stomp-connection/testing', () => {
  it('holds startStompResponder, which the main entry does not', () => {
    expect(Object.keys(testing)).toEqual(['startStompResponder']);
    expect(Object.keys(root)).not.toContain('startStompResponder');
  });

  it('starts a responder that answers CONNECT', async () => {
    const responder = await testing.startStompResponder();
    try {
      const socket = await root.connect(responder.uri, {}, { verify: root.stompHandshake() });
      socket.destroy();
      expect(responder.frames[0]?.command).toBe('CONNECT');
    } finally {
      await responder.close();
    }
  });

  it.each([
    ['.', 'dist/index'],
    ['./stompjs', 'dist/stompjs/index'],
    ['./testing', 'dist/testing/index'],
  ])('package.json exports %s with types, import and require (%s)', (subpath, base) => {
    expect(pkg.exports[subpath]).toEqual({
      types: `./${base}.d.ts`,
      import: `./${base}.mjs`,
      require: `./${base}.js`,
    });
  });
});
