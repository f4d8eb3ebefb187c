// Flat config: typescript-eslint's recommended rules, with formatting left to Prettier, and the module
// boundaries of docs/architecture.md ("Module boundaries", "Domain rules are pure") as lint errors.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import devkit from '@nx/devkit';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// @nx/enforce-module-boundaries reads the project graph Nx caches in .nx/workspace-data and silently skips
// every file when there is none (a fresh clone) or checks an old one (imports changed since). Computing it
// here, on every run, keeps `npx eslint .` self-sufficient and current; without the daemon it takes seconds.
await devkit.createProjectGraphAsync({ exitOnError: true });

// One path segment of a relative import inside domain/: a file name with its role suffixes
// (`slot-rules`, `delivery-slot.errors`), never `..`.
const SEGMENT = '[\\w-]+(\\.[\\w-]+)*';

// Every service's test kit (apps/<svc>/testing, tsconfig.base.json). A spec may start another service with
// that service's kit (fulfillment's and callcenter's specs place orders with orders'): Nx would report it as
// an app importing an app, so these aliases skip the project check; the rule below keeps them out of
// production files instead.
const TEST_KITS = '^@harvest/(catalog|orders|fulfillment|callcenter|images|identity)/testing$';

// Test support and test tooling, which production files (everything under a src/ that is not a spec or a
// testing folder) never import; the image build leaves them out (docker/build-service.js). The first pattern
// covers libs/testing, every test kit alias, testing/ and test-support/ folders and @nestjs/testing.
const TEST_SUPPORT_IMPORTS = {
  patterns: [
    {
      regex: '(^|/)(testing|test-support)(/|$)',
      message:
        'Test support (libs/testing, test kits, testing/, test-support/) is for specs and test kits only.',
    },
    { regex: '^(jest|@jest/.*|fast-check)$', message: 'Test tooling is for specs and test kits only.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.cache/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      // New in ESLint 10's recommended set: a rethrown error should carry the caught one as `cause`. Off until
      // the 17 existing sites (mostly test support and int specs, several in apps being reshaped) adopt it in
      // one follow-up change; `npx eslint . --rule 'preserve-caught-error: error'` lists them.
      'preserve-caught-error': 'off',
    },
  },
  {
    // Project tags (project.json): apps are service:<name>; libs are type:platform (with a layer),
    // type:contracts, type:lib (fastdfs) and type:test-support (libs/testing). Apps never import apps (Nx
    // refuses that whatever the tags), libs never import apps, platform libraries only import downwards:
    //   layer:core (errors, config, observability, health, scheduling)  imports no platform library
    //   layer:adapter (database, cache, search, object-storage, http)   imports core only
    //   layer:composed (events, idempotency)                            imports adapters and core
    //   layer:runtime (runtime)                                         composes them all
    // Any project may depend on type:test-support for its specs; production files are held back by the
    // no-restricted-imports rules below. Files outside a project (scripts/, bench/) are not checked.
    files: ['**/*.ts', '**/*.js'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [TEST_KITS],
          // Libraries' specs use libs/testing, which builds on database and http: a cycle through test
          // support only, never through production code (no-restricted-imports below).
          ignoredCircularDependencies: [
            ['testing', 'tag:type:platform'],
            ['testing', 'tag:type:lib'],
          ],
          depConstraints: [
            {
              sourceTag: '/^service:/',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:lib', 'type:test-support'],
            },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['layer:core', 'type:test-support'] },
            {
              sourceTag: 'type:test-support',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:lib'],
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:lib', 'type:test-support'],
            },
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:core', 'type:test-support'] },
            {
              sourceTag: 'layer:adapter',
              onlyDependOnLibsWithTags: ['layer:core', 'type:lib', 'type:test-support'],
            },
            {
              sourceTag: 'layer:composed',
              onlyDependOnLibsWithTags: [
                'layer:core',
                'layer:adapter',
                'type:contracts',
                'type:test-support',
              ],
            },
            {
              sourceTag: 'layer:runtime',
              onlyDependOnLibsWithTags: [
                'layer:core',
                'layer:adapter',
                'layer:composed',
                'type:contracts',
                'type:test-support',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'libs/platform/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', '**/test-support/**', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', TEST_SUPPORT_IMPORTS] },
  },
  {
    // Domain rules are pure (docs/architecture.md): the errors library, the contracts, each other (./), another
    // feature's domain (../../<feature>/domain/), node:crypto for hashing, and the feature's entities as types
    // only (the shape of a row the rule plans; `import type` carries no TypeORM at run time). No Nest, TypeORM,
    // HTTP or platform adapter.
    files: ['apps/*/src/**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?!(@harvest/platform/errors|@harvest/contracts(/[\\w-]+)?|\\./${SEGMENT}(/${SEGMENT})*|\\.\\./\\.\\./[\\w-]+/domain/${SEGMENT}|\\.\\./entities/[\\w.-]+|node:crypto)$)`,
              message:
                'domain/ imports only @harvest/platform/errors, @harvest/contracts, node:crypto, other domain files and entity types (docs/architecture.md).',
            },
            {
              regex: '^\\.\\./entities/',
              allowTypeImports: true,
              message: 'domain/ may use an entity only as a type (import type): no TypeORM at run time.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain CommonJS tooling files (Jest config, small scripts) run directly under Node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**', 'bench/**', '**/*.spec.ts', 'libs/testing/**'],
    rules: { 'no-console': 'off' },
  },
);
