import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './code-blocks';

/** A compiler error in an example, placed at its line in the Markdown file. */
export interface ExampleError {
  /** `docs/tls.md:42` */
  readonly at: string;
  /** `TS2305 Module '"stomp-connection"' has no exported member 'foo'.` */
  readonly message: string;
}

/**
 * `paths` that resolve the package's own name and subpath entries, as its
 * package.json `exports` declare them, to the sources the types are built
 * from (`./dist/x.d.ts` → `src/x.ts`, by tsconfig.build.json's outDir and
 * rootDir). The examples so check against the same declarations users get,
 * without needing a build first.
 *
 * @example
 * ```ts
 * packagePaths(root); // { 'stomp-connection': ['/…/src/index.ts'], … }
 * ```
 */
export function packagePaths(root: string): Record<string, string[]> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const build = ts.readConfigFile(join(root, 'tsconfig.build.json'), ts.sys.readFile).config as {
    compilerOptions: { outDir: string; rootDir: string };
  };
  const outDir = `./${build.compilerOptions.outDir.replace(/^\.\//, '')}/`;
  const paths: Record<string, string[]> = {};
  for (const [subpath, entry] of Object.entries(pkg.exports)) {
    const types = typesOf(entry);
    if (types === undefined) continue; // ./package.json
    if (!types.startsWith(outDir) || !types.endsWith('.d.ts')) {
      throw new Error(`package.json exports["${subpath}"].types is not under ${outDir}: ${types}`);
    }
    const source = join(
      root,
      build.compilerOptions.rootDir,
      types.slice(outDir.length).replace(/\.d\.ts$/, '.ts'),
    );
    if (!existsSync(source))
      throw new Error(`exports["${subpath}"].types has no source: ${relative(root, source)}`);
    paths[pkg.name + subpath.slice(1)] = [source];
  }
  return paths;
}

// The first `types` condition of an exports entry, however deeply nested.
function typesOf(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  for (const [condition, value] of Object.entries(entry)) {
    if (condition === 'types' && typeof value === 'string') return value;
    const nested = typesOf(value);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/**
 * Typechecks each block as an ES module file of its own, with the package's
 * compiler options (strict and the rest; unused names allowed, since an
 * example may show a value it does not use) and Node's types, the package
 * resolved by {@link packagePaths}. Returns every error found in the blocks
 * (errors in the package's own sources are `npm run typecheck`'s), each at
 * its file and line; `[]` when all compile.
 *
 * @example
 * ```ts
 * typecheckExamples(root, typescriptExamples(root)); // [] or [{ at: 'README.md:40', message: 'TS2305 …' }]
 * ```
 */
export function typecheckExamples(root: string, blocks: readonly CodeBlock[]): ExampleError[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('cannot read tsconfig.json');
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    types: ['node'],
    noUnusedLocals: false,
    noUnusedParameters: false,
    paths: packagePaths(root),
  };
  // Virtual files beside the package.json, so that 'rxjs' and the other
  // dependencies resolve from its node_modules; `.mts` allows top-level await.
  const files = new Map<string, CodeBlock>();
  blocks.forEach((block, index) => {
    const name = `${block.file.replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}-${index}.mts`;
    files.set(join(root, '.doc-examples', name), block);
  });
  const host = ts.createCompilerHost(options, true);
  const source = (path: string): string | undefined => {
    const block = files.get(path);
    return block && `${block.code}\nexport {};\n`; // a module even without imports
  };
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (path, language, ...rest) => {
    const text = source(path);
    return text === undefined
      ? getSourceFile.call(host, path, language, ...rest)
      : ts.createSourceFile(path, text, language);
  };
  host.fileExists = (path) => files.has(path) || fileExists.call(host, path);
  host.readFile = (path) => source(path) ?? readFile.call(host, path);

  const program = ts.createProgram([...files.keys()], options, host);
  const setup = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (setup.length > 0) {
    throw new Error(setup.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('\n'));
  }
  const errors: ExampleError[] = [];
  for (const [path, block] of files) {
    const file = program.getSourceFile(path);
    if (!file) throw new Error(`the program lost ${path}`);
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    for (const diagnostic of diagnostics) {
      const line = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      errors.push({
        at: `${block.file}:${block.line + line}`,
        message: `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
      });
    }
  }
  return errors;
}
