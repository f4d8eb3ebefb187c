export {
  ObjectStorage,
  bufferSource,
  fileSource,
  type ObjectSource,
  type StoredObjectRead,
} from './object-storage.port';
export { ObjectNotFoundError, ObjectStorageUnavailableError } from './object-storage.errors';
export { LocalDiskObjectStorage } from './local-disk-object-storage.adapter';
export { FastdfsObjectStorage } from './fastdfs-object-storage.adapter';
export {
  createObjectStorage,
  objectStorageConfigFromEnv,
  objectStorageEnvShape,
  type ObjectStorageEnv,
} from './object-storage.config';
export { ObjectStorageHealthIndicator } from './object-storage-health.indicator';
export { ObjectStorageModule } from './object-storage.module';
