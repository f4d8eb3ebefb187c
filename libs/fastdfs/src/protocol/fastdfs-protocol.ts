// Byte layouts of the FastDFS tracker and storage protocol (tracker/tracker_proto.h of FastDFS).
// Pure functions: no sockets here, so each layout is unit-tested against literal bytes.

export const HEADER_LENGTH = 10;
export const GROUP_NAME_LENGTH = 16;
export const IP_ADDRESS_LENGTH = 15;
/** Source IP in the file-info response is 16 bytes (IP_ADDRESS_SIZE), one more than in tracker answers. */
export const FILE_INFO_IP_LENGTH = 16;
export const EXTENSION_LENGTH = 6;
export const PORT_LENGTH = 8;

export const Command = {
  response: 100,
  trackerQueryStoreWithoutGroup: 101,
  trackerQueryFetchOne: 102,
  trackerQueryUpdate: 103,
  trackerQueryStoreWithGroup: 104,
  storageUpload: 11,
  storageDelete: 12,
  storageDownload: 14,
  storageQueryFileInfo: 22,
  activeTest: 111,
  quit: 82,
} as const;

/** errno values a server puts in the status byte. */
export const Status = { ok: 0, notFound: 2, invalid: 22, noSpace: 28 } as const;

export interface Header {
  bodyLength: bigint;
  command: number;
  status: number;
}

export interface StorageTarget {
  group: string;
  host: string;
  port: number;
}

export interface StoreTarget extends StorageTarget {
  storePathIndex: number;
}

export interface FileInfo {
  size: bigint;
  createdAt: Date;
  crc32: number;
  sourceIp: string;
}

export function encodeHeader(bodyLength: number | bigint, command: number, status = 0): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeBigInt64BE(BigInt(bodyLength), 0);
  header.writeUInt8(command, 8);
  header.writeUInt8(status, 9);
  return header;
}

export function decodeHeader(bytes: Buffer): Header {
  if (bytes.length !== HEADER_LENGTH)
    throw new RangeError(`a header is ${HEADER_LENGTH} bytes, got ${bytes.length}`);
  const bodyLength = bytes.readBigInt64BE(0);
  if (bodyLength < 0n) throw new RangeError(`negative body length ${bodyLength}`);
  return { bodyLength, command: bytes.readUInt8(8), status: bytes.readUInt8(9) };
}

/** A fixed-width field, NUL-padded; a value longer than the field is an error rather than silently cut. */
export function fixedField(value: string, width: number): Buffer {
  const bytes = Buffer.from(value, 'latin1');
  if (bytes.length > width) throw new RangeError(`"${value}" does not fit in ${width} bytes`);
  const field = Buffer.alloc(width);
  bytes.copy(field);
  return field;
}

export function readFixedField(bytes: Buffer, offset: number, width: number): string {
  const field = bytes.subarray(offset, offset + width);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? width : end).toString('latin1');
}

export function int64(value: number | bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(value));
  return bytes;
}

/** A whole request: header then body parts. */
export function frame(command: number, ...body: Buffer[]): Buffer {
  const length = body.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([encodeHeader(length, command), ...body]);
}

/** group16 + filename: the body of 102, 103, 12 and 22. */
export function fileRequestBody(group: string, remoteFilename: string): Buffer {
  return Buffer.concat([fixedField(group, GROUP_NAME_LENGTH), Buffer.from(remoteFilename, 'latin1')]);
}

/** The part of an upload (11) before the file bytes: header + store path index u8 + size int64 + ext6. */
export function uploadPreamble(storePathIndex: number, size: number, extension: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from([storePathIndex]),
    int64(size),
    fixedField(extension, EXTENSION_LENGTH),
  ]);
  return Buffer.concat([encodeHeader(fields.length + size, Command.storageUpload), fields]);
}

export function downloadRequest(group: string, remoteFilename: string, offset = 0, length = 0): Buffer {
  return frame(Command.storageDownload, int64(offset), int64(length), fileRequestBody(group, remoteFilename));
}

/** 101 answer: group16 + ip15 + port int64 + store path index u8 (40 bytes). */
export function decodeStoreTarget(body: Buffer): StoreTarget {
  expectLength(body, GROUP_NAME_LENGTH + IP_ADDRESS_LENGTH + PORT_LENGTH + 1, 'query store');
  return { ...decodeStorageTarget(body.subarray(0, 39)), storePathIndex: body.readUInt8(39) };
}

/** 102/103 answer: group16 + ip15 + port int64 (39 bytes). */
export function decodeStorageTarget(body: Buffer): StorageTarget {
  expectLength(body, GROUP_NAME_LENGTH + IP_ADDRESS_LENGTH + PORT_LENGTH, 'query fetch');
  return {
    group: readFixedField(body, 0, GROUP_NAME_LENGTH),
    host: readFixedField(body, GROUP_NAME_LENGTH, IP_ADDRESS_LENGTH),
    port: Number(body.readBigInt64BE(GROUP_NAME_LENGTH + IP_ADDRESS_LENGTH)),
  };
}

export function encodeStoreTarget(target: StoreTarget): Buffer {
  return Buffer.concat([encodeStorageTarget(target), Buffer.from([target.storePathIndex])]);
}

export function encodeStorageTarget(target: StorageTarget): Buffer {
  return Buffer.concat([
    fixedField(target.group, GROUP_NAME_LENGTH),
    fixedField(target.host, IP_ADDRESS_LENGTH),
    int64(target.port),
  ]);
}

/** 11 answer: group16 + remote filename (the rest of the body). */
export function decodeUploadResponse(body: Buffer): { group: string; remoteFilename: string } {
  if (body.length <= GROUP_NAME_LENGTH)
    throw new RangeError(`upload answer of ${body.length} bytes has no filename`);
  return {
    group: readFixedField(body, 0, GROUP_NAME_LENGTH),
    remoteFilename: body.subarray(GROUP_NAME_LENGTH).toString('latin1'),
  };
}

/** 22 answer: size int64 + create timestamp int64 + crc32 int64 + source ip16 (40 bytes). */
export function decodeFileInfo(body: Buffer): FileInfo {
  expectLength(body, 24 + FILE_INFO_IP_LENGTH, 'query file info');
  return {
    size: body.readBigInt64BE(0),
    createdAt: new Date(Number(body.readBigInt64BE(8)) * 1000),
    crc32: Number(body.readBigInt64BE(16)),
    sourceIp: readFixedField(body, 24, FILE_INFO_IP_LENGTH),
  };
}

export function encodeFileInfo(info: FileInfo): Buffer {
  return Buffer.concat([
    int64(info.size),
    int64(Math.floor(info.createdAt.getTime() / 1000)),
    int64(info.crc32),
    fixedField(info.sourceIp, FILE_INFO_IP_LENGTH),
  ]);
}

function expectLength(body: Buffer, expected: number, what: string): void {
  if (body.length !== expected)
    throw new RangeError(`${what} answer must be ${expected} bytes, got ${body.length}`);
}
