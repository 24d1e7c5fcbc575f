import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, documentationFiles, type CodeBlock, typescriptExamples } from './code-blocks';
import { type ExampleError, packagePaths, typecheckExamples } from './typecheck-examples';

const root = join(__dirname, '..', '..');

// Examples that must fail, checked in the same program as the real ones: the
// check itself has to be able to fail, at the right line.
const broken: CodeBlock[] = [
  {
    file: 'broken.md',
    line: 10,
    lang: 'ts',
    flags: [],
    code: "import { connect } from 'stomp-connection';\n\nconst n: number = await connect('tcp://a');",
  },
  { file: 'broken.md', line: 20, lang: 'ts', flags: [], code: "import { conect$ } from 'stomp-connection';" },
  { file: 'broken.md', line: 30, lang: 'ts', flags: [], code: 'const socket = connect("tcp://a");' },
  {
    file: 'broken.md',
    line: 40,
    lang: 'ts',
    flags: [],
    code: "import { parseUri } from 'stomp-connection';",
  },
];

describe('the TypeScript examples of README.md and docs/', () => {
  let examples: CodeBlock[];
  let errors: ExampleError[];

  beforeAll(() => {
    examples = typescriptExamples(root);
    errors = typecheckExamples(root, [...examples, ...broken]);
  }, 120_000);

  it('are found in both README.md and docs/', () => {
    const files = new Set(examples.map((block) => block.file));
    expect(files.has('README.md')).toBe(true);
    expect([...files].some((file) => file.startsWith('docs/'))).toBe(true);
  });

  it('compile against the package types, each complete with its imports', () => {
    expect(errors.filter((error) => !error.at.startsWith('broken.md:'))).toEqual([]);
  });

  it('would be reported at their file and line when they do not compile', () => {
    expect(errors.filter((error) => error.at.startsWith('broken.md:'))).toEqual([
      {
        at: 'broken.md:12',
        message: expect.stringMatching(/^TS2322 Type 'Socket' is not assignable to type 'number'/),
      },
      {
        at: 'broken.md:20',
        message: expect.stringMatching(/^TS2724 .*has no exported member named 'conect\$'/),
      },
      { at: 'broken.md:30', message: expect.stringMatching(/^TS2304 Cannot find name 'connect'/) },
    ]);
  });
});

describe('packagePaths', () => {
  it("maps the package's name to the source of its main types", () => {
    expect(packagePaths(root)['stomp-connection']).toEqual([join(root, 'src', 'index.ts')]);
  });
});

describe('the documentation pages', () => {
  const pages = documentationFiles(root).map((file) => ({
    file,
    text: readFileSync(join(root, file), 'utf8'),
  }));

  it('have no table wider than 100 characters', () => {
    const wide = pages.flatMap(({ file, text }) =>
      text
        .split('\n')
        .map((row, index) => ({ at: `${file}:${index + 1}`, width: [...row].length, row }))
        .filter(({ row, width }) => row.startsWith('|') && width > 100)
        .map(({ at, width }) => `${at}: ${width} characters`),
    );
    expect(wide).toEqual([]);
  });

  it('close every code fence', () => {
    for (const { file, text } of pages) expect(() => codeBlocks(file, text)).not.toThrow();
  });

  it('list every design decision note in docs/decisions/README.md', () => {
    const index = readFileSync(join(root, 'docs', 'decisions', 'README.md'), 'utf8');
    const notes = readdirSync(join(root, 'docs', 'decisions')).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    expect(notes.filter((note) => !index.includes(`](${note})`) && !index.includes(`](./${note})`))).toEqual(
      [],
    );
  });
});
