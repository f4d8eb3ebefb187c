import { env, loadConfig, z, type Env } from '@harvest/platform/config';

/** The images service's own settings; the platform's (database, HTTP, object storage, ...) are loaded by the runtime. */
export const imagesConfigShape = {
  /** FastDFS's http.anti_steal.secret_key: the same value on nginx (infra/fastdfs/http.conf) and here. No default: a known secret would let anyone sign URLs. */
  IMAGES_SIGNING_SECRET: env.string().pipe(z.string().min(16, 'must be at least 16 characters')),
  /** FastDFS's http.anti_steal.token_ttl: how long a signed URL works after it was issued. */
  IMAGES_URL_TTL_SECONDS: env.int(900, 1),
  IMAGES_MAX_UPLOAD_BYTES: env.int(10 * 1024 * 1024, 1),
  /** Width × height above which an image is refused before it is decoded (decompression bombs). */
  IMAGES_MAX_PIXELS: env.int(25_000_000, 1),
  /** An upload that sends no bytes for this long is abandoned (400). */
  IMAGES_UPLOAD_IDLE_TIMEOUT_MS: env.int(30_000, 1),
  /** How often the GC job deletes orphaned files; 0 turns it off (tests run it by hand). */
  IMAGES_GC_INTERVAL_MS: env.int(60_000, 0),
  /** How long a file an upload stored is safe from GC before the upload's row claims it (a crash in between). */
  IMAGES_GC_GRACE_MS: env.int(15 * 60_000, 0),
  /** Where temporary upload files go while an upload is checked (never held whole in memory). */
  IMAGES_TMP_DIR: env.string('.cache/run/images-tmp'),
};

export type ImagesConfig = z.infer<z.ZodObject<typeof imagesConfigShape>>;

export const IMAGES_CONFIG = Symbol('IMAGES_CONFIG');

export function loadImagesConfig(source: Env): ImagesConfig {
  return loadConfig(imagesConfigShape, source);
}
