import { format, inspect } from 'node:util';
import { lastValueFrom, tap, throwError, type Observable } from 'rxjs';
import { connect$ } from '../../src/connect';
import { ConnectError } from '../../src/errors/connect-error';
import type { ConnectEvent, Peer } from '../../src/types';
import { parseUri } from '../../src/uri/parse-uri';
import { makePeer, targetPlan } from '../../src/uri/peer';

const LOGIN = 'QZVlogin';
const PASSCODE = 'JKWpasscode';
const SECRETS = /QZV|JKW/;

/** Every way a program or a logger shows an object. */
function shownForms(value: unknown): string[] {
  return [
    inspect(value),
    inspect(value, { showHidden: true, depth: 10 }),
    inspect(value, { showHidden: true, getters: true, depth: 10 }),
    inspect(value, { getters: true, depth: 10 }),
    format('%o', value),
    format('%O', value),
    format('%j', value),
    format('%s', value),
    JSON.stringify(value) ?? '',
    inspect({ ...(value as object) }, { showHidden: true, getters: true }),
    inspect(Object.getOwnPropertyDescriptors(value), { showHidden: true, getters: true, depth: 10 }),
    inspect(Reflect.ownKeys(value as object)),
    inspect(cloned(value), { showHidden: true, getters: true, depth: 10 }),
  ];
}

/** `structuredClone(value)`, or what it throws (an Error's own fields may not clone). */
function cloned(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch (error) {
    return error;
  }
}

describe('Peer credentials: readable, never shown', () => {
  const peers: Array<[string, Peer]> = [
    [
      'makePeer',
      makePeer({ scheme: 'stomp+ssl', host: '::1', port: 61614, login: LOGIN, passcode: PASSCODE }),
    ],
    ['a simple URI', parseUri(`stomp://${LOGIN}:${PASSCODE}@mq`).peers[0] as Peer],
    ['a failover URI', parseUri(`failover:(tcp://a,ssl://${LOGIN}:${PASSCODE}@b)`).peers[1] as Peer],
  ];

  it.each(peers)('%s: login and passcode read through peer.login / peer.passcode', (_from, peer) => {
    expect(peer.login).toBe(LOGIN);
    expect(peer.passcode).toBe(PASSCODE);
  });

  it.each(peers)(
    '%s: no inspection shows them (showHidden, getters, %%o, JSON, spread, descriptors)',
    (_f, peer) => {
      for (const text of shownForms(peer)) expect(text).not.toMatch(SECRETS);
      for (const text of shownForms({ peers: [peer], nested: { peer } })) expect(text).not.toMatch(SECRETS);
    },
  );

  it.each(peers)('%s: they are not own properties, and cannot be changed', (_from, peer) => {
    expect(Object.getOwnPropertyNames(peer)).not.toEqual(expect.arrayContaining(['login']));
    expect(Object.getOwnPropertyDescriptor(peer, 'passcode')).toBeUndefined();
    expect({ ...peer }).not.toHaveProperty('passcode');
    expect(Object.isFrozen(peer)).toBe(true);
    expect(() => Object.defineProperty(peer, 'passcode', { value: 'x' })).toThrow(TypeError);
    expect(() => {
      (peer as { passcode?: string }).passcode = 'x';
    }).toThrow(TypeError);
    expect(peer.passcode).toBe(PASSCODE);
  });

  it('shows like a plain object', () => {
    const peer = makePeer({ scheme: 'tcp', host: 'mq', port: 1, login: LOGIN, passcode: PASSCODE });
    expect(inspect(peer, { showHidden: true, getters: true, breakLength: Infinity })).toBe(
      "{ scheme: 'tcp', host: 'mq', port: 1, tls: false, uri: 'tcp://mq:1' }",
    );
    expect(peer.constructor).toBe(Object);
  });

  it('gives undefined for credentials not written, and the prototype alone reads none', () => {
    const [peer] = parseUri('tcp://user@mq').peers;
    expect(peer?.login).toBe('user');
    expect(peer?.passcode).toBeUndefined();
    expect(targetPlan({ host: 'mq', port: 1 }).peers[0]?.login).toBeUndefined();
    const prototype: unknown = Object.getPrototypeOf(peers[0]?.[1]);
    expect((prototype as Peer).passcode).toBeUndefined();
    expect(inspect(prototype, { showHidden: true, getters: true })).not.toMatch(SECRETS);
  });

  it('no ConnectEvent, AttemptError or ConnectError of a run shows them', async () => {
    const uri = `failover:(tcp://${LOGIN}:${PASSCODE}@a:1,ssl://${LOGIN}:${PASSCODE}@b:2)?maxReconnectAttempts=1&initialReconnectDelay=0`;
    const events: ConnectEvent[] = [];
    const transport = (): Observable<never> => throwError(() => new Error('no network in this test'));
    const error: unknown = await lastValueFrom(
      connect$(uri, {}, { transport }).pipe(tap((event) => events.push(event))),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectError);
    expect(events.map((event) => event.type)).toEqual(['attempt', 'failed', 'attempt', 'failed']);
    expect(events[0]?.peer.passcode).toBe(PASSCODE);
    for (const value of [...events, error, { events, error }]) {
      for (const text of shownForms(value)) expect(text).not.toMatch(SECRETS);
    }
  });
});
