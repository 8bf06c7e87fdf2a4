import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// esbuild is tsx's and vite's (0.28.2 in package-lock.json), not yet a devDependency of its own.
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build:server` (run before every `npm start*`): the server as plain JavaScript in dist/server/,
 * so the web and worker processes run on Node alone. Under tsx each process also kept tsx's loader
 * thread with its transpiled sources and source maps: about 200 MB of an idle worker's 450 MB.
 *
 * npm packages stay imports from node_modules. Code reached only through `import()` gets its own chunk
 * and loads when first used: the Express app and client assets in a worker, a summarizer provider.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_OUT_DIR = path.join(ROOT, 'dist', 'server');

/**
 * Modules find files next to their source (db/migrations, manifest/, client/): in the bundle,
 * `import.meta.url` keeps naming the source file, relative to the output so dist/ can move with the tree.
 */
const sourceImportMetaUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromOutput = path.relative(SERVER_OUT_DIR, args.path).split(path.sep).join('/');
      const contents = source.replaceAll(
        'import.meta.url',
        `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`,
      );
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Writes only what changed, each file whole (a rename): processes started from an earlier build keep
 * working, and so do two `npm start*` building at once. Chunks of earlier builds are left in place
 * because a running process may still import them; `rm -rf dist/server` clears them.
 */
async function writeChanged(files: { path: string; contents: Uint8Array }[]): Promise<void> {
  await mkdir(SERVER_OUT_DIR, { recursive: true });
  for (const file of files) {
    const current = await readFile(file.path).catch(() => null);
    if (current?.equals(file.contents)) continue;
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
}

export async function buildServer(): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'server/main.ts' },
    outdir: SERVER_OUT_DIR,
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    // Stack traces name dist/server lines; run with --enable-source-maps to see the .ts lines instead.
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [sourceImportMetaUrl],
  });
  await writeChanged(result.outputFiles);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
