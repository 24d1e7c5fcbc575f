import { UriError } from '../../src/errors/uri-error';

/** Catches the UriError `fn` throws (failing the test when it throws anything else, or nothing). */
export function uriError(fn: () => unknown): UriError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UriError);
    return error as UriError;
  }
  throw new Error('expected a UriError, got none');
}
