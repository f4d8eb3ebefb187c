export { FastdfsClient, type FastdfsClientOptions, type UploadSource, type Download } from './fastdfs-client';
export { FastdfsProtocolError, FastdfsStatusError, FastdfsUnavailableError } from './fastdfs-errors';
export { formatFileId, parseFileId, type FileId } from './file-id';
export { ConnectionPool } from './connection/connection-pool';
export { FastdfsConnection, type ConnectionTimeouts, type Endpoint } from './connection/fastdfs-connection';
export * from './protocol/fastdfs-protocol';
