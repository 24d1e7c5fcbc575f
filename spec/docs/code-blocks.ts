import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the package root (`docs/tls.md`). */
  readonly file: string;
  /** 1-based line, in that file, of the block's first code line. */
  readonly line: number;
  /** The info string's first word, lower-case (`ts`, `sh`, `''` for none). */
  readonly lang: string;
  /** The info string's other words (`['no-check']`). */
  readonly flags: readonly string[];
  /** The code, its fence's indentation removed. */
  readonly code: string;
}

/** Languages whose blocks are typechecked. */
export const TYPESCRIPT_LANGS: ReadonlySet<string> = new Set(['ts', 'typescript']);

/** The info-string flag of a TypeScript block that is a fragment on purpose. */
export const NO_CHECK = 'no-check';

const FENCE = /^( *)(`{3,}|~{3,})(.*)$/;

/**
 * The fenced code blocks of one Markdown text (CommonMark fences: three or
 * more backticks or tildes, closed by a fence of the same character at least
 * as long; indented as a list item indents them). An unclosed fence is an
 * error, since it silently swallows the rest of the page.
 *
 * @example
 * ```ts
 * codeBlocks('README.md', '# x\n```ts\nconst a = 1;\n```\n'); // [{ file: 'README.md', line: 3, lang: 'ts', … }]
 * ```
 */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    if (fence.startsWith('`') && info.includes('`')) continue; // an inline code span, not a fence
    const words = info.trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let close = index + 1;
    for (; close < lines.length; close++) {
      const text = lines[close] ?? '';
      const closing = /^ *(`{3,}|~{3,})\s*$/.exec(text)?.[1] ?? '';
      if (closing[0] === fence[0] && closing.length >= fence.length) break;
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    if (close >= lines.length) throw new Error(`${file}:${index + 1}: code fence never closed`);
    blocks.push({
      file,
      line: index + 2,
      lang: (words[0] ?? '').toLowerCase(),
      flags: words.slice(1),
      code: body.join('\n'),
    });
    index = close;
  }
  return blocks;
}

/**
 * The package's documentation pages: README.md and every `.md` under docs/,
 * as paths relative to `root`, sorted.
 *
 * @example
 * ```ts
 * documentationFiles(root); // ['README.md', 'docs/cli.md', 'docs/decisions/README.md', …]
 * ```
 */
export function documentationFiles(root: string): string[] {
  const found: string[] = ['README.md'];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no docs/ yet
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(relative(root, path));
    }
  };
  walk(join(root, 'docs'));
  return found.sort();
}

/**
 * Every TypeScript block of the documentation that is not marked `no-check`.
 *
 * @example
 * ```ts
 * typescriptExamples(root).length; // the blocks to typecheck
 * ```
 */
export function typescriptExamples(root: string): CodeBlock[] {
  return documentationFiles(root)
    .flatMap((file) => codeBlocks(file, readFileSync(join(root, file), 'utf8')))
    .filter((block) => TYPESCRIPT_LANGS.has(block.lang) && !block.flags.includes(NO_CHECK));
}
