/** A FastDFS file id: `<group>/<remote filename>`, e.g. `group1/M00/00/0A/wKgB...abc.jpg`. */
export interface FileId {
  group: string;
  remoteFilename: string;
}

export function formatFileId(id: FileId): string {
  return `${id.group}/${id.remoteFilename}`;
}

export function parseFileId(fileId: string): FileId {
  const slash = fileId.indexOf('/');
  if (slash <= 0 || slash === fileId.length - 1)
    throw new RangeError(`"${fileId}" is not a FastDFS file id (group/filename)`);
  return { group: fileId.slice(0, slash), remoteFilename: fileId.slice(slash + 1) };
}
