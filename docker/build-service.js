#!/usr/bin/env node
// Compiles one service ahead of time for its image: every .ts under apps/<service>/src and libs/**/src
// (tests excluded) to dist/ with @swc/core, the same compiler and decorator settings as jest.config.js.
// swc's jsc.paths rewrites the tsconfig aliases (@harvest/platform/...) into relative requires, so the
// image runs plain `node dist/apps/<service>/src/main.js`: no TypeScript, swc or path hooks at run time.
//
//   node docker/build-service.js catalog        -> dist/apps/catalog/src/main.js (+ dist/libs/...)
const { readdirSync, mkdirSync, writeFileSync, readFileSync, statSync } = require('node:fs');
const { join, dirname, relative } = require('node:path');
const { transformFileSync } = require('@swc/core');

const root = join(__dirname, '..');
const service = process.argv[2];
if (!service || !statSync(join(root, 'apps', service, 'src', 'main.ts'), { throwIfNoEntry: false })) {
  console.error(`build-service: no apps/${service ?? '<service>'}/src/main.ts`);
  process.exit(1);
}

const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'testing' || entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

// Every library, not only those this service imports today: the set is small and a new import must not
// need a Dockerfile change. libs/testing is test support and stays out of images.
const files = [join(root, 'apps', service, 'src'), join(root, 'libs')]
  .flatMap(sources)
  .filter((file) => !relative(root, file).startsWith(join('libs', 'testing')));

for (const file of files) {
  const { code, map } = transformFileSync(file, {
    swcrc: false,
    sourceMaps: true,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      baseUrl: root,
      paths,
    },
    module: { type: 'commonjs' },
  });
  const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
  writeFileSync(`${out}.map`, map);
}
process.stdout.write(`build-service: ${service}: ${files.length} files compiled to dist/\n`);
