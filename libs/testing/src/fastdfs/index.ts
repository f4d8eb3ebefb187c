export { startFastdfsTestCluster, type FastdfsTestCluster } from './fastdfs-test-cluster';
export { FastdfsStorageTestServer } from './fastdfs-storage.test-server';
export { FastdfsTrackerTestServer } from './fastdfs-tracker.test-server';
