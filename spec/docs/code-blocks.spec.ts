import { codeBlocks } from './code-blocks';

describe('codeBlocks', () => {
  it('gives each fenced block with its language, flags and the line of its first code line', () => {
    const markdown = [
      '# Title', //                 1
      '',
      '```ts',
      'const a = 1;', //            4
      'const b = 2;',
      '```',
      'text',
      '```sh',
      'npm test', //                9
      '```',
      '```ts no-check',
      'a.b;', //                    12
      '```',
      '```',
      'plain', //                   15
      '```',
    ].join('\n');
    expect(codeBlocks('x.md', markdown)).toEqual([
      { file: 'x.md', line: 4, lang: 'ts', flags: [], code: 'const a = 1;\nconst b = 2;' },
      { file: 'x.md', line: 9, lang: 'sh', flags: [], code: 'npm test' },
      { file: 'x.md', line: 12, lang: 'ts', flags: ['no-check'], code: 'a.b;' },
      { file: 'x.md', line: 15, lang: '', flags: [], code: 'plain' },
    ]);
  });

  it('removes the indentation of a block inside a list item', () => {
    const markdown = ['- item', '', '  ```ts', '  if (x) {', '    y();', '  }', '  ```'].join('\n');
    expect(codeBlocks('x.md', markdown)).toEqual([
      { file: 'x.md', line: 4, lang: 'ts', flags: [], code: 'if (x) {\n  y();\n}' },
    ]);
  });

  it.each([
    ['a shorter fence inside a longer one', ['````md', '```ts', 'x', '```', '````'], '```ts\nx\n```'],
    ['a tilde fence inside a backtick one', ['```md', '~~~', 'x', '~~~', '```'], '~~~\nx\n~~~'],
  ])('keeps %s as code', (_, lines, code) => {
    expect(codeBlocks('x.md', lines.join('\n')).map((block) => block.code)).toEqual([code]);
  });

  it('reads CRLF line ends and upper-case languages', () => {
    expect(codeBlocks('x.md', '```TypeScript\r\nlet a;\r\n```\r\n')).toEqual([
      { file: 'x.md', line: 2, lang: 'typescript', flags: [], code: 'let a;' },
    ]);
  });

  it('takes a line of inline code for text, not for a fence', () => {
    expect(codeBlocks('x.md', '```ts x``` is inline\ntext')).toEqual([]);
  });

  it('refuses a fence that is never closed, naming its line', () => {
    expect(() => codeBlocks('docs/x.md', 'a\n\n```ts\nconst a = 1;\n')).toThrow(
      'docs/x.md:3: code fence never closed',
    );
  });
});
