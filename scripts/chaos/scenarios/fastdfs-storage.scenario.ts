/**
 * FastDFS storage stopped (every storage of the test cluster from libs/testing, which the chaos command
 * hosts), under image uploads to the images service. Files are stored first and the row written after, so an
 * upload must answer 503 and leave no image row. Figures: 503 answers out of uploads during the outage;
 * image rows the outage left behind (rows added minus uploads answered 2xx).
 */
import type { RowDataPacket } from 'mysql2/promise';
import sharp from 'sharp';
import { IMAGES_URL, SCHEMA_PREFIX } from '../chaos-settings';
import { sleep } from '../harness-cli';
import { log, type Scenario, type ScenarioContext } from '../scenario';

const OUTAGE_MS = 10_000;

/** A small PNG with random colour, so every upload is new bytes (the same bytes would answer 200). */
async function randomPng(): Promise<Buffer> {
  const channel = () => Math.floor(Math.random() * 256);
  return sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: channel(), g: channel(), b: channel() } },
  })
    .png()
    .toBuffer();
}

async function upload(token: string): Promise<number | 'network'> {
  const form = new FormData();
  form.append('file', new Blob([await randomPng()], { type: 'image/png' }), 'chaos.png');
  try {
    const response = await fetch(`${IMAGES_URL}/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'network';
  }
}

const imageRows = async (context: ScenarioContext) =>
  Number(
    (await context.db.query<RowDataPacket>(`SELECT COUNT(*) AS n FROM ${SCHEMA_PREFIX}images.image`))[0].n,
  );

export const fastdfsStorageScenario: Scenario = {
  name: 'fastdfs',
  fault: 'FastDFS storage stopped (test server)',
  bar: 'all 503, orphans 0',
  async run(context) {
    const token = await context.fixture.adminToken();
    const before = await upload(token);
    log('fastdfs', `upload with storage up: ${before}; stopping every storage server`);
    const rowsBefore = await imageRows(context);
    await Promise.all(context.fastdfs.storages.map((s) => s.stop()));
    const answers: (number | 'network')[] = [];
    const until = Date.now() + OUTAGE_MS;
    while (Date.now() < until) {
      answers.push(await upload(token));
      await sleep(200);
    }
    const rowsAfter = await imageRows(context);
    await Promise.all(context.fastdfs.storages.map((s) => s.start()));
    await sleep(1_000);
    const after = await upload(token);
    log('fastdfs', `storage back; upload: ${after}`);
    const answered503 = answers.filter((a) => a === 503).length;
    const stored = answers.filter((a) => typeof a === 'number' && a < 300).length;
    const orphans = rowsAfter - rowsBefore - stored;
    return {
      fault: this.fault,
      figures: [
        ['upload answers 503', `${answered503}/${answers.length}`],
        ['orphan rows', orphans],
      ],
      bar: this.bar,
      pass:
        answers.length > 0 &&
        answered503 === answers.length &&
        orphans === 0 &&
        before === 201 &&
        after === 201,
      notes: [
        `uploads before / after the outage: ${before} / ${after}; answers during it: ${[...new Set(answers)].join(', ')}`,
      ],
    };
  },
};
