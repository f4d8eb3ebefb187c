import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadImagesConfig } from '../config/images.config';

/** infra/fastdfs/http.conf must check the tokens this service signs, with the same lifetime. */
describe('infra/fastdfs/http.conf agrees with the service', () => {
  const settings = new Map(
    readFileSync(resolve(__dirname, '../../../../infra/fastdfs/http.conf'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.trim().startsWith('#'))
      .map((line) => line.split('=').map((s) => s.trim()) as [string, string]),
  );

  it('checks tokens, with token_ttl equal to IMAGES_URL_TTL_SECONDS and the secret from IMAGES_SIGNING_SECRET', () => {
    expect(settings.get('http.anti_steal.check_token')).toBe('true');
    expect(Number(settings.get('http.anti_steal.token_ttl'))).toBe(
      loadImagesConfig({ IMAGES_SIGNING_SECRET: 'a-secret-of-16-chars' }).IMAGES_URL_TTL_SECONDS,
    );
    expect(settings.get('http.anti_steal.secret_key')).toBe('${IMAGES_SIGNING_SECRET}');
  });

  it('mod_fastdfs expects the group in URLs, as the service file ids carry it', () => {
    const mod = readFileSync(resolve(__dirname, '../../../../infra/fastdfs/mod_fastdfs.conf'), 'utf8');
    expect(mod).toMatch(/^url_have_group_name = true$/m);
  });
});
