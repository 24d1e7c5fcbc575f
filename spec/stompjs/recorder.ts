// Records what a stompjsSocket reports through its four callbacks, for the tests.
import type {
  StompjsCloseEvent,
  StompjsErrorEvent,
  StompjsMessageEvent,
  StompjsSocket,
} from '../../src/stompjs';
import { until } from '../helpers/connect-peer-helpers';

export interface Recording {
  /** `open 1`, `message`, `error ConnectError`, `close 1006 3`: each callback with readyState. */
  readonly log: string[];
  readonly messages: StompjsMessageEvent['data'][];
  readonly errors: StompjsErrorEvent[];
  readonly closes: StompjsCloseEvent[];
  /** Resolves at the first onclose. */
  readonly closed: Promise<StompjsCloseEvent>;
  readonly opened: Promise<void>;
  /** Resolves once `count` messages have arrived. */
  messagesArrived(count: number): Promise<void>;
}

export function record(socket: StompjsSocket): Recording {
  const log: string[] = [];
  const messages: StompjsMessageEvent['data'][] = [];
  const errors: StompjsErrorEvent[] = [];
  const closes: StompjsCloseEvent[] = [];
  let opened!: () => void;
  let closed!: (event: StompjsCloseEvent) => void;
  const recording: Recording = {
    log,
    messages,
    errors,
    closes,
    opened: new Promise((resolve) => (opened = resolve)),
    closed: new Promise((resolve) => (closed = resolve)),
    messagesArrived: (count) => until(() => messages.length >= count, `${count} messages`),
  };
  socket.onopen = () => {
    log.push(`open ${socket.readyState}`);
    opened();
  };
  socket.onmessage = (event) => {
    log.push('message');
    messages.push(event.data);
  };
  socket.onerror = (event) => {
    log.push(`error ${event.error.name}`);
    errors.push(event);
  };
  socket.onclose = (event) => {
    log.push(`close ${event.code} ${socket.readyState}`);
    closes.push(event);
    closed(event);
  };
  return recording;
}

/** The bytes of an ArrayBuffer or string message, as text. */
export function text(data: StompjsMessageEvent['data']): string {
  return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
}

/** Resolves on the next turns of the event loop: time for a late callback to show up. */
export async function turns(count = 10): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}
