import { photoHasLocation, stripJpegMetadata, tiffHasGps } from '../../../shared/rules/photo-location';

/** Photos carrying where they were taken (issue 11, finding 8), built byte by byte. */
const bytes = (...parts: (number[] | string | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : [...p])));
const be16 = (n: number) => [n >> 8, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** A little-endian TIFF whose IFD0 has one entry with `tag` (0x8825 = GPSInfo pointer). */
const tiff = (tag: number, order: 'II' | 'MM' = 'II') => {
  const u16 = (n: number) => (order === 'II' ? [n & 0xff, n >> 8] : be16(n));
  const u32 = (n: number) => (order === 'II' ? le32(n) : be32(n));
  return bytes(order, u16(42), u32(8), u16(1), u16(tag), u16(4), u32(1), u32(26), u32(0), u16(0));
};
const segment = (marker: number, payload: Uint8Array) => bytes([0xff, marker], be16(payload.length + 2), payload);
const scan = bytes([0xff, 0xda], be16(8), [1, 1, 0, 0, 0x3f, 0], [0x12, 0x34, 0x56], [0xff, 0xd9]);
const jpeg = (...segments: Uint8Array[]) => bytes([0xff, 0xd8], ...segments, scan);
const jfif = segment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]));
const exifWithGps = segment(0xe1, bytes('Exif\0\0', tiff(0x8825)));
const exifWithoutGps = segment(0xe1, bytes('Exif\0\0', tiff(0x0112)));
const xmpWithGps = segment(
  0xe1,
  bytes('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description exif:GPSLatitude="28,34.12N"/></x:xmpmeta>'),
);

describe('photoHasLocation / stripJpegMetadata', () => {
  it.each([
    ['a JPEG with an EXIF GPS IFD', jpeg(jfif, exifWithGps), true],
    ['a big-endian EXIF GPS IFD', jpeg(segment(0xe1, bytes('Exif\0\0', tiff(0x8825, 'MM')))), true],
    ['a JPEG with XMP GPS', jpeg(jfif, xmpWithGps), true],
    ['a JPEG with EXIF but no GPS (orientation only)', jpeg(jfif, exifWithoutGps), false],
    ['a plain JPEG', jpeg(jfif), false],
  ])('%s', (_name, b, located) => {
    expect(photoHasLocation('image/jpeg', b)).toBe(located);
  });
  it('strips every APP1 segment of a JPEG and leaves the rest byte for byte', () => {
    const stripped = stripJpegMetadata(jpeg(jfif, exifWithGps, xmpWithGps));
    expect(photoHasLocation('image/jpeg', stripped)).toBe(false);
    expect([...stripped]).toEqual([...jpeg(jfif)]);
    const plain = jpeg(jfif);
    expect(stripJpegMetadata(plain)).toBe(plain);
  });
  it('finds a position in a PNG eXIf chunk and a WebP EXIF chunk', () => {
    const png = (type: string, data: Uint8Array) =>
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(data.length), type, data, [0, 0, 0, 0]);
    expect(photoHasLocation('image/png', png('eXIf', tiff(0x8825)))).toBe(true);
    expect(photoHasLocation('image/png', png('eXIf', tiff(0x0112)))).toBe(false);
    const exif = tiff(0x8825);
    const webp = bytes('RIFF', le32(4 + 8 + exif.length), 'WEBP', 'EXIF', le32(exif.length), exif);
    expect(photoHasLocation('image/webp', webp)).toBe(true);
  });
  it('reads past fill bytes and restart markers, and finds XMP positions in PNG and WebP text', () => {
    expect(photoHasLocation('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xff, 0xd0], exifWithGps, scan))).toBe(true);
    const png = (type: string, data: Uint8Array) =>
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(data.length), type, data, [0, 0, 0, 0]);
    expect(photoHasLocation('image/png', png('iTXt', bytes('XML:com.adobe.xmp\0<x exif:GPSLongitude="112"/>')))).toBe(true);
    const xmp = bytes('<x exif:GPSLatitude="28"/>');
    const webp = bytes('RIFF', le32(4 + 8 + xmp.length), 'WEBP', 'XMP ', le32(xmp.length), xmp);
    expect(photoHasLocation('image/webp', webp)).toBe(true);
    expect(photoHasLocation('image/webp', bytes('RIFF', le32(4), 'WEBP'))).toBe(false);
    // a segment claiming a length below its own header ends the scan
    expect(photoHasLocation('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe1, 0, 1, 0, 0], exifWithGps))).toBe(false);
  });
  it('is not fooled by truncated or foreign bytes', () => {
    expect(tiffHasGps(bytes('II', [42, 0], le32(999)))).toBe(false);
    expect(tiffHasGps(bytes('XX'))).toBe(false);
    expect(photoHasLocation('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe1, 0, 1]))).toBe(false);
    expect(photoHasLocation('application/pdf', bytes('%PDF-1.4 GPSLatitude'))).toBe(false);
  });
});
