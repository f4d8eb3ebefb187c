#!/usr/bin/env node
// Structural check of the service images (no Docker engine here, so nothing is built): every Dockerfile
// under the given directory is multi-stage, ends as a non-root USER, has a HEALTHCHECK on /health/live,
// does not use `npm ci` (see scripts/ensure-node-modules.sh); and docker/compose.yaml builds every service
// of docker/services.txt with its port. Prints one line per problem and exits 1 if there is any.
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const dir = process.argv[2] ?? 'docker';
const problems = [];

/** Joins continuation lines and drops comments, so each entry is one instruction. */
function instructions(text) {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => ({
      op: line.split(/\s+/)[0].toUpperCase(),
      args: line.slice(line.split(/\s+/)[0].length).trim(),
    }));
}

const dockerfiles = readdirSync(dir).filter((f) => f === 'Dockerfile' || f.endsWith('.Dockerfile'));
if (dockerfiles.length === 0) problems.push(`${dir}: no Dockerfile`);
for (const file of dockerfiles) {
  const steps = instructions(readFileSync(join(dir, file), 'utf8'));
  const froms = steps.filter((s) => s.op === 'FROM');
  if (froms.length < 2) problems.push(`${file}: not multi-stage (${froms.length} FROM)`);
  const lastFrom = steps.lastIndexOf(froms[froms.length - 1]);
  const finalStage = steps.slice(lastFrom);
  const users = finalStage.filter((s) => s.op === 'USER');
  const user = users.length ? users[users.length - 1].args.split(':')[0] : 'root';
  if (user === 'root' || user === '0') problems.push(`${file}: the final stage runs as root`);
  const health = finalStage.find((s) => s.op === 'HEALTHCHECK');
  if (!health || !health.args.includes('/health/live'))
    problems.push(`${file}: no HEALTHCHECK on /health/live in the final stage`);
  if (steps.some((s) => s.op === 'RUN' && /\bnpm\s+ci\b/.test(s.args)))
    problems.push(`${file}: uses npm ci (rejects our lock, npm/cli#9846)`);
  if (!finalStage.some((s) => s.op === 'CMD' || s.op === 'ENTRYPOINT'))
    problems.push(`${file}: final stage has no CMD`);
  console.log(`${file}: ${froms.length} stages, USER ${user}, HEALTHCHECK ${health ? 'yes' : 'no'}`);
}

const composeFile = join(dir, 'compose.yaml');
const servicesFile = join(dir, 'services.txt');
if (existsSync(composeFile) && existsSync(servicesFile)) {
  const compose = JSON.parse(
    execFileSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], {
      input: readFileSync(composeFile, 'utf8'),
      encoding: 'utf8',
    }),
  );
  for (const line of readFileSync(servicesFile, 'utf8').split('\n').filter(Boolean)) {
    const [name, port] = line.trim().split(/\s+/);
    const service = compose.services?.[name];
    const args = service?.build?.args ?? {};
    if (!service) problems.push(`compose.yaml: no service ${name}`);
    else if (args.SERVICE !== name || String(args.PORT) !== port)
      problems.push(`compose.yaml: ${name} is not built with SERVICE=${name} PORT=${port}`);
    else if (!existsSync(join(dir, '..', service.build.dockerfile)))
      problems.push(`compose.yaml: ${name} builds missing ${service.build.dockerfile}`);
  }
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (/SECRET|PASSWORD|TOKEN/.test(key) && !/^\$\{[A-Z0-9_]+(:\?[^}]*)?\}$/.test(String(value))) {
        problems.push(
          `compose.yaml: ${name} sets ${key} to a literal (take it from the environment: \${VAR:?...})`,
        );
      }
    }
  }
  console.log(`compose.yaml: ${Object.keys(compose.services ?? {}).length} services`);
}

for (const problem of problems) console.log(`  problem: ${problem}`);
if (problems.length) process.exit(1);
