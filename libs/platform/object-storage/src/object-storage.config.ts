import { ConfigError, env, z } from '@harvest/platform/config';
import { FastdfsObjectStorage } from './fastdfs-object-storage.adapter';
import { LocalDiskObjectStorage } from './local-disk-object-storage.adapter';
import type { ObjectStorage } from './object-storage.port';

/** Environment read by createObjectStorage; a service spreads it into its own shape. */
export const objectStorageEnvShape = {
  OBJECT_STORAGE_DRIVER: env.oneOf(['local', 'fastdfs'], 'local'),
  /** Where the local driver keeps files (relative to the working directory). */
  OBJECT_STORAGE_LOCAL_DIR: env.string('.cache/run/objects'),
  /** Every tracker, e.g. "10.0.1.11:22122,10.0.1.12:22122"; required by the fastdfs driver. */
  FASTDFS_TRACKERS: env.optionalHostList(),
  FASTDFS_CONNECT_TIMEOUT_MS: env.int(2000, 1),
  FASTDFS_NETWORK_TIMEOUT_MS: env.int(10_000, 1),
  /** How long a tracker or storage that failed is tried only after the others. */
  FASTDFS_DOWN_COOLDOWN_MS: env.int(10_000, 0),
};

export type ObjectStorageEnv = z.infer<z.ZodObject<typeof objectStorageEnvShape>>;

/** The settings as given, checked for what the chosen driver needs: ConfigError naming FASTDFS_TRACKERS when fastdfs has none. */
export function objectStorageConfigFromEnv(config: ObjectStorageEnv): ObjectStorageEnv {
  if (config.OBJECT_STORAGE_DRIVER === 'fastdfs' && config.FASTDFS_TRACKERS.length === 0) {
    throw new ConfigError([
      { variable: 'FASTDFS_TRACKERS', message: 'required when OBJECT_STORAGE_DRIVER=fastdfs' },
    ]);
  }
  return config;
}

/** The configured storage; throws ConfigError naming FASTDFS_TRACKERS when the fastdfs driver has none. */
export function createObjectStorage(settings: ObjectStorageEnv): ObjectStorage {
  const config = objectStorageConfigFromEnv(settings);
  if (config.OBJECT_STORAGE_DRIVER === 'local')
    return new LocalDiskObjectStorage(config.OBJECT_STORAGE_LOCAL_DIR);
  return new FastdfsObjectStorage({
    trackers: config.FASTDFS_TRACKERS,
    connectTimeoutMs: config.FASTDFS_CONNECT_TIMEOUT_MS,
    networkTimeoutMs: config.FASTDFS_NETWORK_TIMEOUT_MS,
    downCooldownMs: config.FASTDFS_DOWN_COOLDOWN_MS,
  });
}
