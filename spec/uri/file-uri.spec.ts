import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { UriError } from '../../src/errors/uri-error';
import { MAX_URI_FILE_BYTES } from '../../src/uri/file-uri';
import { parseUri } from '../../src/uri/parse-uri';
import { uriError } from '../helpers/uri-error';

describe('parseUri: file:PATH', () => {
  let dir: string;
  let count = 0;
  /** Writes `content` to a new file in the temporary directory and returns its path. */
  const file = (content: string): string => {
    count += 1;
    const path = join(dir, `uris-${count}.txt`);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stomp-uri-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses a single line as any URI, failover included', () => {
    const path = file('# brokers\n\n  failover:( tcp://a:1 ,\ttcp://b:2 )?randomize=false  # prod\n\n');
    const plan = parseUri(`file:${path}`);
    expect(plan.peers.map((peer) => peer.uri)).toEqual(['tcp://a:1', 'tcp://b:2']);
    expect(plan.failover?.randomize).toBe(false);
  });

  it('parses a single simple line as a plan without failover', () => {
    const plan = parseUri(`file:${file('ssl://u:p@broker?soTimeout=1\n')}`);
    expect(plan.peers.map((peer) => [peer.uri, peer.login, peer.passcode])).toEqual([
      ['ssl://broker:61614', 'u', 'p'],
    ]);
    expect(plan.failover).toBeNull();
    expect(plan.ignored).toEqual(['soTimeout']);
  });

  it('parses several lines as simple URIs, in order, with no failover', () => {
    const path = file('tcp://a:1 # first\r\n\r\n   # comment only\nt c p : / / b : 2\nssl://c?x=1\n');
    const plan = parseUri(`  file:${path}  `);
    expect(plan.peers.map((peer) => peer.uri)).toEqual(['tcp://a:1', 'tcp://b:2', 'ssl://c:61614']);
    expect(plan.failover).toBeNull();
    expect(plan.ignored).toEqual(['x']);
    expect(Object.isFrozen(plan.peers)).toBe(true);
  });

  it('reads a relative path from the working directory', () => {
    const path = file('tcp://relative:7\n');
    expect(parseUri(`file:${relative(process.cwd(), path)}`).peers[0]?.uri).toBe('tcp://relative:7');
  });

  it('matches file: case-insensitively', () => {
    expect(parseUri(`FILE:${file('tcp://a\n')}`).peers).toHaveLength(1);
  });

  it.each([
    ['', 'no URI in the file'],
    ['# only a comment\n\n   \n', 'no URI in the file'],
  ])('rejects a file with no URI: %j', (content, fragment) => {
    const path = file(content);
    const error = uriError(() => parseUri(`file:${path}`));
    expect(error.message).toContain(fragment);
    expect(error.message).toContain(JSON.stringify(path));
    expect(error.input).toBe(`file:${path}`);
  });

  it('rejects a missing path', () => {
    const error = uriError(() => parseUri('file:'));
    expect(error.position).toBe(5);
    expect(error.message).toContain('expected a file path after "file:"');
  });

  it('rejects an unreadable file with the I/O error as cause', () => {
    const path = join(dir, 'does-not-exist.txt');
    const error = uriError(() => parseUri(`file:${path}`));
    expect(error.message).toBe(
      `cannot read the URI file ${JSON.stringify(path)}: ENOENT: no such file or directory`,
    );
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(error.position).toBeUndefined();
  });

  it('rejects a file it may not read with the I/O error as cause', () => {
    const path = file('tcp://a\n');
    chmodSync(path, 0o000);
    try {
      // Root reads it anyway: then it parses.
      const result = (() => {
        try {
          return parseUri(`file:${path}`);
        } catch (error) {
          return error;
        }
      })();
      if (result instanceof UriError) {
        expect(result.message).toContain('EACCES');
        expect((result.cause as NodeJS.ErrnoException).code).toBe('EACCES');
      } else {
        expect(process.getuid?.()).toBe(0);
      }
    } finally {
      chmodSync(path, 0o600);
    }
  });

  it.each([
    // content, position in the line, message fragment, input (the cleaned line, masked)
    [
      'tcp://a:1\nfile:/etc/other\n',
      0,
      'a URI file cannot name another URI file at position 0 (line 2 of',
      'file:/etc/other',
    ],
    [
      `file:/etc/other\n`,
      0,
      'a URI file cannot name another URI file at position 0 (line 1 of',
      'file:/etc/other',
    ],
    [
      'tcp://a:1\nfailover:(tcp://b)\n',
      0,
      'a failover: URI must be the only URI of its file at position 0',
      'failover:(tcp://b)',
    ],
    ['\n\ntcp://u:s3cr3t@a:x\n', 14, 'unexpected "x" in the port at position 14', 'tcp://u:***@a:x'],
    ['tcp:/app:s3cr3t@mq1:61613\n', 4, 'expected "//" after "tcp:" at position 4', 'tcp:/app:***@mq1:61613'],
    [
      'tcp://a:1\napp:s3cr3t@mq1:61613 # no scheme\n',
      0,
      'missing scheme in "app:***@mq1:61613" at position 0: write tcp://app:***@mq1:61613',
      'app:***@mq1:61613',
    ],
    // A "#" in a passcode starts a comment: what stays of the passcode is still hidden.
    ['tcp://app:s3cr3t#x@mq1:61613\n', 10, 'unexpected "***" in the port at position 10', 'tcp://app:***'],
    ['tcp://app:s3cr3t#@mq1\n', 10, 'in the port', 'tcp://app:***'],
    [
      'failover:(tcp://a:1,app:s3cr3t#x@mq1:61613)\n',
      27,
      'expected ")" to end the failover list at position 27',
      'failover:(tcp://a:1,app:***',
    ],
    [
      'failover:(tcp:/app:s3cr3t@a:1,tcp://b:2)\n',
      14,
      'expected "//" after "tcp:" at position 14',
      'failover:(tcp:/app:***@a:1,tcp://b:2)',
    ],
    ['tcp://a\nstmp://b\n', 0, 'unknown scheme "stmp" at position 0', 'stmp://b'],
    [
      'failover:(tcp://a)?randomise=false',
      19,
      'did you mean randomize? (line 1 of',
      'failover:(tcp://a)?randomise=false',
    ],
  ])('rejects a bad line: %j', (content, position, fragment, input) => {
    const path = file(content);
    const error = uriError(() => parseUri(`file:${path}`));
    expect(error.message).toContain(fragment);
    expect(error.message).toContain(JSON.stringify(path));
    expect(error.message).not.toContain('s3cr3t');
    expect(error.position).toBe(position);
    expect(error.input).toBe(input);
  });

  describe('only a regular file of at most 1 MiB, checked before reading', () => {
    /** Open file descriptors of this process (Linux). */
    const openFds = (): number => readdirSync('/proc/self/fd').length;

    it.each([
      ['a directory', () => dir, 'is a directory'],
      ['a FIFO without a writer', () => fifo(), 'is a FIFO (named pipe)'],
      ['/dev/zero', () => '/dev/zero', 'is a character device'],
      ['/dev/null', () => '/dev/null', 'is a character device'],
      ['a symbolic link to a FIFO', () => link(fifo()), 'is a FIFO (named pipe)'],
      ['a symbolic link to /dev/zero', () => link('/dev/zero'), 'is a character device'],
    ])('refuses %s, saying what it is', (_name, target, kind) => {
      const path = target();
      const fds = openFds();
      const error = uriError(() => parseUri(`file:${path}`));
      expect(error.message).toBe(
        `the URI file ${JSON.stringify(path)} ${kind}: expected a regular file of at most 1 MiB, one URI a line`,
      );
      expect(error.input).toBe(`file:${path}`);
      expect(openFds()).toBe(fds);
    });

    it('refuses a Unix socket, saying what it is', async () => {
      const path = join(dir, 'socket');
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(path, resolve));
      try {
        expect(uriError(() => parseUri(`file:${path}`)).message).toContain(
          `the URI file ${JSON.stringify(path)} is a socket: expected a regular file`,
        );
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('refuses a FIFO at once, even one with a writer waiting', () => {
      const path = fifo();
      const writer = spawn('sh', ['-c', `printf 'tcp://a\\n' > "$1"`, 'sh', path], { stdio: 'ignore' });
      try {
        expect(uriError(() => parseUri(`file:${path}`)).message).toContain('is a FIFO (named pipe)');
      } finally {
        writer.kill();
      }
    });

    it('refuses a file over 1 MiB before reading it, naming its size', () => {
      const path = file(`tcp://a:1\n${' '.repeat(MAX_URI_FILE_BYTES)}`);
      const fds = openFds();
      const error = uriError(() => parseUri(`file:${path}`));
      expect(error.message).toBe(
        `the URI file ${JSON.stringify(path)} is ${MAX_URI_FILE_BYTES + 10} bytes: expected a regular file of at most 1 MiB (1048576 bytes), one URI a line`,
      );
      expect(error.cause).toBeUndefined();
      expect(openFds()).toBe(fds);
    });

    it('reads a file whose size the system gives as 0 (as /proc does) to its end', () => {
      // Its first line is "Name:\t<the process name>": read whole, not as the 1 byte its size suggests.
      expect(uriError(() => parseUri('file:/proc/self/status')).message).toContain(
        'unknown scheme "Name" at position 0',
      );
    });

    it('reads a file of exactly 1 MiB', () => {
      const line = 'tcp://a:1\n';
      expect(MAX_URI_FILE_BYTES).toBe(1024 * 1024);
      const path = file(`${line}${' '.repeat(MAX_URI_FILE_BYTES - line.length)}`);
      expect(parseUri(`file:${path}`).peers.map((peer) => peer.uri)).toEqual(['tcp://a:1']);
    });

    // Quadratic work on these would run past the test timeout (no time bound here: it would measure the machine).
    it.each([
      ['white space', () => ' \t'.repeat(MAX_URI_FILE_BYTES / 2), 'no URI in the file'],
      ['white space between every character', () => 'x '.repeat(MAX_URI_FILE_BYTES / 2), 'expected "://"'],
      ['a comment', () => `#${'x'.repeat(MAX_URI_FILE_BYTES - 1)}`, 'no URI in the file'],
      ['one long host', () => `tcp://${'a'.repeat(MAX_URI_FILE_BYTES - 6)}`, 'host name too long'],
      ['many "@" and ":"', () => `tcp://${'a:@'.repeat(MAX_URI_FILE_BYTES / 3 - 2)}`, 'at position'],
      ['empty lines', () => '\n'.repeat(MAX_URI_FILE_BYTES), 'no URI in the file'],
      ['many short lines', () => 'x\n'.repeat(MAX_URI_FILE_BYTES / 2), 'expected "://" after "x"'],
    ])('parses or refuses a 1 MiB file of %s in linear time', (_name, content, fragment) => {
      const text = content();
      expect(text.length).toBeLessThanOrEqual(MAX_URI_FILE_BYTES);
      const error = uriError(() => parseUri(`file:${file(text)}`));
      expect(error.message).toContain(fragment);
      expect(error.message.length).toBeLessThan(1000);
    });

    it('parses a 1 MiB one-line failover list', () => {
      const item = 'tcp://u:p@a:1?x=1,';
      const count = Math.floor((MAX_URI_FILE_BYTES - 20) / item.length);
      const plan = parseUri(`file:${file(`failover:(${item.repeat(count)})`)}`);
      expect(plan.peers).toHaveLength(count);
    });
  });

  let fifos = 0;
  /** A new FIFO in the temporary directory, with no writer. */
  function fifo(): string {
    fifos += 1;
    const path = join(dir, `fifo-${fifos}`);
    execFileSync('mkfifo', [path]);
    return path;
  }
  /** A new symbolic link to `target`. */
  function link(target: string): string {
    fifos += 1;
    const path = join(dir, `link-${fifos}`);
    symlinkSync(target, path);
    return path;
  }
});
