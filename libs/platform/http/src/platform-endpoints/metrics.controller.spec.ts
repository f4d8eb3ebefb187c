import { createTestApp, type TestApp } from '../testing/http-test-app';

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.app.close());

  const scrape = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('serves default process metrics', async () => {
    expect(await scrape()).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('counts a request in the duration histogram under its route template and status', async () => {
    const countLine =
      /^http_server_request_duration_seconds_count\{method="GET",route="\/backoffice",status_code="401"\} (\d+)$/m;
    const before = Number(countLine.exec(await scrape())?.[1] ?? 0);
    await t.app.inject({ method: 'GET', url: '/backoffice?page=2' });
    const after = Number(countLine.exec(await scrape())?.[1]);
    expect(after).toBe(before + 1);
  });

  it('labels requests that match no route as one series, whatever their path', async () => {
    await t.app.inject({ method: 'GET', url: '/random-1' });
    await t.app.inject({ method: 'GET', url: '/random-2' });
    const body = await scrape();
    expect(body).toMatch(
      /^http_server_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 2$/m,
    );
    expect(body).not.toContain('random-1');
  });
});
