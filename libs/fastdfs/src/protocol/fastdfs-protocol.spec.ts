import {
  decodeFileInfo,
  decodeHeader,
  decodeStorageTarget,
  decodeStoreTarget,
  decodeUploadResponse,
  downloadRequest,
  encodeFileInfo,
  encodeHeader,
  encodeStoreTarget,
  fileRequestBody,
  fixedField,
  frame,
  uploadPreamble,
} from './fastdfs-protocol';

const hex = (b: Buffer) => b.toString('hex');

describe('FastDFS byte layouts', () => {
  it('header: body length int64 big-endian, command, status', () => {
    expect(hex(encodeHeader(0x0102, 101, 0))).toBe('0000000000000102' + '65' + '00');
    expect(decodeHeader(Buffer.from('000000000000002864' + '02', 'hex'))).toEqual({
      bodyLength: 40n,
      command: 100,
      status: 2,
    });
    expect(() => decodeHeader(Buffer.alloc(9))).toThrow(/10 bytes/);
  });

  it('fixed fields are NUL-padded and never silently cut', () => {
    expect(hex(fixedField('jpg', 6))).toBe('6a7067000000');
    expect(() => fixedField('x'.repeat(17), 16)).toThrow(/does not fit/);
  });

  it('101 query store: header only; its answer is group16 + ip15 + port8 + store path index', () => {
    expect(hex(frame(101))).toBe('00000000000000006500');
    const answer = Buffer.concat([
      fixedField('group1', 16),
      fixedField('10.0.0.7', 15),
      Buffer.from('0000000000005dc0', 'hex'),
      Buffer.from([1]),
    ]);
    expect(answer).toHaveLength(40);
    expect(decodeStoreTarget(answer)).toEqual({
      group: 'group1',
      host: '10.0.0.7',
      port: 24000,
      storePathIndex: 1,
    });
    expect(encodeStoreTarget({ group: 'group1', host: '10.0.0.7', port: 24000, storePathIndex: 1 })).toEqual(
      answer,
    );
    expect(() => decodeStoreTarget(answer.subarray(0, 39))).toThrow(/40 bytes/);
  });

  it('102 query fetch: group16 + filename; answer group16 + ip15 + port8 (39 bytes)', () => {
    const request = frame(102, fileRequestBody('group1', 'M00/00/0A/abc.jpg'));
    expect(request.readBigInt64BE(0)).toBe(16n + 17n);
    expect(request[8]).toBe(102);
    expect(request.subarray(10, 26).toString('latin1')).toBe('group1' + '\0'.repeat(10));
    expect(request.subarray(26).toString()).toBe('M00/00/0A/abc.jpg');
    const answer = Buffer.concat([
      fixedField('group1', 16),
      fixedField('127.0.0.1', 15),
      Buffer.from('0000000000005dc0', 'hex'),
    ]);
    expect(decodeStorageTarget(answer)).toEqual({ group: 'group1', host: '127.0.0.1', port: 24000 });
  });

  it('11 upload: body length counts the 15 fixed bytes plus the file; answer is group16 + remote filename', () => {
    const preamble = uploadPreamble(0, 5, 'webp');
    expect(hex(preamble)).toBe('0000000000000014' + '0b00' + '00' + '0000000000000005' + '776562700000');
    const answer = Buffer.concat([
      fixedField('group1', 16),
      Buffer.from('M00/00/0A/wKgBAAAAAAAAAAAAAAAAAAAAAAA.webp'),
    ]);
    expect(decodeUploadResponse(answer)).toEqual({
      group: 'group1',
      remoteFilename: 'M00/00/0A/wKgBAAAAAAAAAAAAAAAAAAAAAAA.webp',
    });
    expect(() => decodeUploadResponse(answer.subarray(0, 16))).toThrow(/no filename/);
  });

  it('14 download: offset8 + length8 + group16 + filename', () => {
    const request = downloadRequest('g', 'M00/x', 3, 9);
    expect(request[8]).toBe(14);
    expect(request.readBigInt64BE(0)).toBe(8n + 8n + 16n + 5n);
    expect(request.readBigInt64BE(10)).toBe(3n);
    expect(request.readBigInt64BE(18)).toBe(9n);
    expect(request.subarray(42).toString()).toBe('M00/x');
  });

  it('22 file info answer: size8 + created8 + crc32 int64 + source ip16 (40 bytes)', () => {
    const info = {
      size: 1234n,
      createdAt: new Date(1_700_000_000_000),
      crc32: 0xcbf43926,
      sourceIp: '192.168.1.20',
    };
    const bytes = encodeFileInfo(info);
    expect(bytes).toHaveLength(40);
    expect(hex(bytes.subarray(16, 24))).toBe('00000000cbf43926');
    expect(decodeFileInfo(bytes)).toEqual(info);
  });
});
