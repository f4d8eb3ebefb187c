import { formatFileId, parseFileId } from './file-id';

describe('FastDFS file ids', () => {
  it('splits at the first slash only', () => {
    expect(parseFileId('group1/M00/00/0A/abc.jpg')).toEqual({
      group: 'group1',
      remoteFilename: 'M00/00/0A/abc.jpg',
    });
    expect(formatFileId({ group: 'group1', remoteFilename: 'M00/00/0A/abc.jpg' })).toBe(
      'group1/M00/00/0A/abc.jpg',
    );
  });

  it.each(['', 'group1', '/M00/x', 'group1/'])('rejects %j', (id) => {
    expect(() => parseFileId(id)).toThrow(/not a FastDFS file id/);
  });
});
