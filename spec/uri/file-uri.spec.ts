import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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

  it('rejects a directory with the I/O error as cause', () => {
    const error = uriError(() => parseUri(`file:${dir}`));
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EISDIR');
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
});
