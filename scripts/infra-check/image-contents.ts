/**
 * What a service image runs: docker/build-service.js compiles the service's production sources into dist/,
 * the image keeps dist/ and the production dependencies (`npm prune --omit=dev`). This builds each service
 * the same way (no Docker) and lists what must not be there: test support (testing/, test-support/,
 * libs/testing, specs), test code (describe/it/expect/jest calls, fake servers), a require of a package that
 * is not a production dependency (Jest, fast-check, @nestjs/testing... are pruned, so the service would crash)
 * and a relative require of a file the bundle does not hold (production code leaning on excluded test support).
 *
 *   node -r @swc-node/register scripts/infra-check/image-contents.ts   (npm run infra:check; image-contents.spec.ts)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

interface BuildServiceModule {
  buildService(root: string, service: string, outDir?: string): string[];
  TEST_SUPPORT_DIRS: Set<string>;
}
// docker/build-service.js is plain CommonJS run by the image build; this is the same module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const buildServiceModule = require('../../docker/build-service') as BuildServiceModule;
export const { buildService, TEST_SUPPORT_DIRS } = buildServiceModule;

export const ROOT = resolve(__dirname, '../..');

/** The services docker/build-images.sh builds (docker/services.txt: "<service> <port>" per line). */
export function imageServices(root = ROOT): string[] {
  return readFileSync(join(root, 'docker/services.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0])
    .filter(Boolean);
}

/** Calls of a test framework in compiled code: `describe('…'`, `it.each(…)('…'`, `expect(`, `jest.fn(`. */
const TEST_CODE = [
  /(?<![\w$.])(describe|it|test)(\.(only|skip|each|todo|concurrent))?\(\s*['"`]/,
  /(?<![\w$.])expect\(/,
  /(?<![\w$.])jest\.\w+\(/,
  /\bclass Fake\w*/,
];
const REQUIRE = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function bundleHolds(bundleDir: string, target: string): boolean {
  if (!resolve(target).startsWith(resolve(bundleDir) + '/')) return false;
  return [target, `${target}.js`, join(target, 'index.js')].some(
    (candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false,
  );
}

/**
 * Problems of one compiled bundle (a dist/ directory), one line each naming the file; [] when clean.
 * `dependencies` are the production dependencies of package.json, the only packages the image installs.
 */
export function bundleProblems(bundleDir: string, dependencies: Iterable<string>): string[] {
  const installed = new Set(dependencies);
  const problems: string[] = [];
  for (const file of filesUnder(bundleDir)) {
    const name = relative(bundleDir, file);
    const segments = name.split('/');
    if (segments.some((segment) => TEST_SUPPORT_DIRS.has(segment)) || name.startsWith('libs/testing/'))
      problems.push(`${name}: test support in the image`);
    if (/\.spec\.js(\.map)?$/.test(name)) problems.push(`${name}: a spec in the image`);
    if (!name.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const pattern of TEST_CODE) {
      const match = pattern.exec(code);
      if (match) problems.push(`${name}: test code (${match[0].trim()})`);
    }
    for (const [, , specifier] of code.matchAll(REQUIRE)) {
      if (specifier.startsWith('.')) {
        if (!bundleHolds(bundleDir, join(dirname(file), specifier)))
          problems.push(`${name}: requires ${specifier}, which the image does not hold`);
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        if (!installed.has(packageName(specifier)))
          problems.push(
            `${name}: requires ${specifier}, not a production dependency (pruned from the image)`,
          );
      }
    }
  }
  return problems;
}

/** The production dependencies of `root`'s package.json. */
export function productionDependencies(root = ROOT): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(pkg.dependencies ?? {});
}

/** Builds `service` from `root` into a temporary dist/ as the image build does, and checks it. */
export function checkServiceImage(
  service: string,
  root = ROOT,
): { files: string[]; mainJs: boolean; problems: string[] } {
  const outDir = mkdtempSync(join(tmpdir(), `image-contents-${service}-`));
  try {
    const files = buildService(root, service, outDir).map((file) => relative(outDir, file));
    return {
      files,
      mainJs: files.includes(`apps/${service}/src/main.js`),
      problems: bundleProblems(outDir, productionDependencies(root)),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  let failed = false;
  for (const service of imageServices()) {
    const { files, mainJs, problems } = checkServiceImage(service);
    if (!mainJs) problems.unshift(`apps/${service}/src/main.js was not built`);
    console.log(`image-contents: ${service}: ${files.length} files, ${problems.length} problems`);
    for (const problem of problems) console.error(`  ${problem}`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
