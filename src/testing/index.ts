// The entry point `stomp-connection/testing` (SPEC §11): a loopback STOMP responder for users'
// own tests, kept out of the main entry as `rxjs/testing` keeps TestScheduler out of `rxjs`, so
// that a service's code cannot start one by accident and its bundle does not carry it.
export {
  startStompResponder,
  type StompResponder,
  type StompResponderOptions,
} from '../stomp/stomp-responder';
export type { StompFrame } from '../stomp/frame';
