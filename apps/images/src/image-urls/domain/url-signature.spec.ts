import { antiStealToken, checkAntiStealToken, withoutGroup } from './url-signature';

describe('anti-steal token (FastDFS style)', () => {
  const secret = 'FastDFS1234567890';
  const id = 'M00/00/00/wKgBAAAAAAAAAAAAAAAAAAAAAAA.jpg';

  it('is md5(file id without group + secret + timestamp)', () => {
    // md5 -s "M00/00/00/wKgBAAAAAAAAAAAAAAAAAAAAAAA.jpgFastDFS12345678901700000000"
    expect(antiStealToken(id, secret, 1_700_000_000)).toBe('ad06d34fcedf940b0e2f3ab8b9bca5a3');
    expect(withoutGroup(`group1/${id}`)).toBe(id);
  });

  it('valid within the TTL, expired after it, invalid when tampered or missing', () => {
    const token = antiStealToken(id, secret, 1000);
    expect(checkAntiStealToken(id, secret, { ts: '1000', token }, 900, 1900)).toBe('valid');
    expect(checkAntiStealToken(id, secret, { ts: '1000', token }, 900, 1901)).toBe('expired');
    expect(checkAntiStealToken(id, secret, { ts: '1001', token }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(`${id}x`, secret, { ts: '1000', token }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(id, 'other', { ts: '1000', token }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(id, secret, { ts: '1000' }, 900, 1000)).toBe('invalid');
    expect(checkAntiStealToken(id, secret, { ts: '1e3', token }, 900, 1000)).toBe('invalid');
    expect(
      checkAntiStealToken(id, secret, { ts: '5000', token: antiStealToken(id, secret, 5000) }, 900, 1000),
    ).toBe('invalid');
  });
});
