import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { bundleProblems, buildService, checkServiceImage, imageServices, ROOT } from './image-contents';

// Each service image's code, built as docker/Dockerfile builds it (docker/build-service.js), holds no test
// support, no test code and requires only what the pruned image installs.
describe('service image contents', () => {
  it('covers the six services of docker/services.txt', () => {
    expect(imageServices()).toEqual(['catalog', 'orders', 'fulfillment', 'callcenter', 'images', 'identity']);
  });

  it.each(imageServices())('%s: production code only', (service) => {
    const { files, mainJs, problems } = checkServiceImage(service);
    expect(mainJs).toBe(true);
    expect(files.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});

// The same build and check on a small made-up workspace: what the build leaves out, and that the check
// fails on a bundle leaning on test support.
describe('the image build and its check, on a workspace with test support', () => {
  let root: string;
  let outDir: string;
  const write = (path: string, code: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'image-contents-workspace-'));
    outDir = join(root, 'dist');
    cpSync(join(ROOT, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
    write('package.json', JSON.stringify({ dependencies: { '@nestjs/common': '^11.0.0' } }));
    write('libs/platform/http/src/index.ts', "export const http = 'http';\n");
    write('libs/platform/http/src/testing/http-test-app.ts', 'export const testApp = 1;\n');
    write('libs/testing/src/index.ts', 'export const harness = 1;\n');
    write('apps/leaky/testing/index.ts', 'export const kit = 1;\n');
    write('apps/leaky/src/test-support/fake-vendor.server.ts', 'export class FakeVendor {}\n');
    write(
      'apps/leaky/src/calls/calls.spec.ts',
      "describe('calls', () => it('runs', () => expect(1).toBe(1)));\n",
    );
    write('apps/leaky/src/demo/demo-data.ts', 'export const demo = [];\n');
    write(
      'apps/leaky/src/main.ts',
      "import { Injectable } from '@nestjs/common';\nimport { http } from '@harvest/platform/http';\n" +
        'export const main = [Injectable, http];\n',
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('compiles production sources and demo data, never specs, testing/, test-support/ or libs/testing', () => {
    const files = buildService(root, 'leaky', outDir).map((file) => relative(outDir, file));
    expect(files.sort()).toEqual([
      'apps/leaky/src/demo/demo-data.js',
      'apps/leaky/src/main.js',
      'libs/platform/http/src/index.js',
    ]);
    expect(bundleProblems(outDir, ['@nestjs/common'])).toEqual([]);
  });

  it('fails a bundle whose production code uses test support, Jest or a dev dependency', () => {
    write(
      'apps/leaky/src/calls/calls.service.ts',
      "import { harness } from '@harvest/testing';\nimport { expect } from '@jest/globals';\n" +
        "import { FakeVendor } from '../test-support/fake-vendor.server';\nimport fc from 'fast-check';\n" +
        "describe('leaked', () => undefined);\nexport const calls = [harness, expect, FakeVendor, fc];\n",
    );
    buildService(root, 'leaky', outDir);
    const file = 'apps/leaky/src/calls/calls.service.js';
    expect(bundleProblems(outDir, ['@nestjs/common']).sort()).toEqual(
      [
        `${file}: requires ../../../../libs/testing/src, which the image does not hold`,
        `${file}: requires @jest/globals, not a production dependency (pruned from the image)`,
        `${file}: requires ../test-support/fake-vendor.server, which the image does not hold`,
        `${file}: requires fast-check, not a production dependency (pruned from the image)`,
        `${file}: test code (describe(')`,
      ].sort(),
    );
  });

  it('fails a bundle that holds test support or a spec (a build that stopped excluding them)', () => {
    buildService(root, 'leaky', outDir);
    write(
      'dist/apps/leaky/src/test-support/fake-vendor.server.js',
      'class FakeVendor {}\nexports.FakeVendor = FakeVendor;\n',
    );
    write(
      'dist/apps/leaky/src/calls/calls.spec.js',
      "describe('calls', () => it('runs', () => expect(1).toBe(1)));\n",
    );
    write('dist/libs/testing/src/index.js', 'exports.harness = 1;\n');
    expect(bundleProblems(outDir, ['@nestjs/common']).sort()).toEqual(
      [
        'apps/leaky/src/calls/calls.spec.js: a spec in the image',
        "apps/leaky/src/calls/calls.spec.js: test code (describe(')",
        'apps/leaky/src/calls/calls.spec.js: test code (expect()',
        'apps/leaky/src/test-support/fake-vendor.server.js: test support in the image',
        'apps/leaky/src/test-support/fake-vendor.server.js: test code (class FakeVendor)',
        'libs/testing/src/index.js: test support in the image',
      ].sort(),
    );
  });
});
