#!/usr/bin/env node
// Compiles one service ahead of time for its image: the production .ts under apps/<service>/src and
// libs/**/src to dist/ with @swc/core, the same compiler and decorator settings as jest.config.js.
// swc's jsc.paths rewrites the tsconfig aliases (@harvest/platform/...) into relative requires, so the
// image runs plain `node dist/apps/<service>/src/main.js`: no TypeScript, swc or path hooks at run time.
//
//   node docker/build-service.js catalog        -> dist/apps/catalog/src/main.js (+ dist/libs/...)
//
// Only production sources: specs, test kits (apps/<svc>/testing is outside src and never read), every
// `testing/` and `test-support/` folder (libs/platform/*/src/testing, a fake vendor server) and libs/testing
// stay out of images. Demo data (`demo/`, `demo-data/`) stays in: docker/compose.yaml starts the services
// with SEED_DEMO_DATA=true. scripts/infra-check/image-contents.spec.ts builds every service this way and
// fails when a bundle holds test support or requires a package the image does not install.
const { readdirSync, mkdirSync, writeFileSync, readFileSync, statSync } = require('node:fs');
const { join, dirname, relative } = require('node:path');
const { transformFileSync } = require('@swc/core');

/** Folder names whose contents are test support wherever they are. */
const TEST_SUPPORT_DIRS = new Set(['testing', 'test-support']);

function isProductionSource(name) {
  return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts');
}

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return TEST_SUPPORT_DIRS.has(entry.name) || entry.name === 'node_modules' ? [] : sources(path);
    return isProductionSource(entry.name) ? [path] : [];
  });
}

/**
 * The files an image of `service` is compiled from, absolute paths under `root`. Every library, not only those
 * the service imports today: the set is small and a new import must not need a Dockerfile change.
 * libs/testing is test support and stays out.
 */
function productionSources(root, service) {
  return [join(root, 'apps', service, 'src'), join(root, 'libs')]
    .flatMap(sources)
    .filter((file) => !relative(root, file).startsWith(join('libs', 'testing') + '/'));
}

/** Compiles the service's production sources into `outDir` (dist/ for the image); returns the files written. */
function buildService(root, service, outDir = join(root, 'dist')) {
  if (!statSync(join(root, 'apps', service, 'src', 'main.ts'), { throwIfNoEntry: false })) {
    throw new Error(`build-service: no apps/${service}/src/main.ts`);
  }
  const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  const written = [];
  for (const file of productionSources(root, service)) {
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
    const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    writeFileSync(`${out}.map`, map);
    written.push(out);
  }
  return written;
}

module.exports = { buildService, productionSources, TEST_SUPPORT_DIRS };

if (require.main === module) {
  const service = process.argv[2];
  try {
    const files = buildService(join(__dirname, '..'), service ?? '<service>');
    process.stdout.write(`build-service: ${service}: ${files.length} files compiled to dist/\n`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
