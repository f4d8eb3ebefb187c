import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// One Node everywhere: .node-version pins it, scripts/ensure-node.sh puts it first on PATH for every npm
// command (bringing it from the npm registry where the machine's own Node differs), and the image, engines
// and @types/node follow it. This spec runs inside a jest worker, so the suite run on another Node (say
// `npx jest` from a shell on the machine's Node 20) fails here instead of passing on a runtime we do not ship.
const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pinned = read('.node-version').trim();
const [major, minor] = pinned.split('.');
const packageJson = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const onWrongNode = `run the suite with npm test, or first: source scripts/ensure-node.sh (pinned Node ${pinned})`;

describe('the Node runtime', () => {
  it('runs this jest worker on the pinned Node', () => {
    if (process.version !== `v${pinned}`)
      throw new Error(`running on Node ${process.version}: ${onWrongNode}`);
  });

  it('is also the `node` a child process finds on PATH (npx, scripts, tools that spawn node by name)', () => {
    const version = execFileSync('node', ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    if (version !== `v${pinned}`) throw new Error(`\`node\` on PATH is ${version}: ${onWrongNode}`);
  });

  it('is the Node that package.json engines asks for', () => {
    expect(packageJson.engines.node).toBe(`>=${pinned} <${Number(major) + 1}`);
  });

  it('has type definitions of the same major', () => {
    expect(packageJson.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${major}\\.`));
  });

  it('is the minor the service images are built on', () => {
    expect(read('docker/Dockerfile')).toMatch(
      new RegExp(`^ARG NODE_IMAGE=node:${major}\\.${minor}-bookworm-slim$`, 'm'),
    );
  });
});
