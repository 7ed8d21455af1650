/**
 * Where a photo was taken must not be stored with it (issue 11, finding 8; PRIVACY.md): an evidence photo
 * is seen by the station's teammates, its host contact, secretaries and staff, and kept for the station's
 * term. Phones write the position into the photo's metadata — EXIF (a TIFF IFD with a GPSInfo pointer,
 * tag 0x8825) or XMP (exif:GPSLatitude …) — in JPEG APP1 segments, PNG eXIf/iTXt chunks and WebP
 * EXIF/XMP chunks. Pure byte parsing: no platform code.
 */

const GPS_INFO_TAG = 0x8825;
/** Bytes as Latin-1 text, in chunks (a spread of 64 KB of arguments could overflow the stack). */
function ascii(b: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < Math.min(to, b.length); i += 4096) out += String.fromCharCode(...b.subarray(i, Math.min(i + 4096, to, b.length)));
  return out;
}
const XMP_GPS = /GPS(Latitude|Longitude|Altitude)/;

/** A TIFF block (EXIF payload without its "Exif\0\0" header) whose first IFD points to a GPS IFD. */
export function tiffHasGps(t: Uint8Array): boolean {
  if (t.length < 8) return false;
  const order = ascii(t, 0, 2);
  if (order !== 'II' && order !== 'MM') return false;
  const le = order === 'II';
  const u16 = (o: number) => (le ? t[o]! | (t[o + 1]! << 8) : (t[o]! << 8) | t[o + 1]!);
  const u32 = (o: number) => (le ? u16(o) + u16(o + 2) * 0x10000 : u16(o) * 0x10000 + u16(o + 2));
  if (u16(2) !== 42) return false;
  const ifd = u32(4);
  if (ifd + 2 > t.length) return false;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > t.length) break;
    if (u16(at) === GPS_INFO_TAG) return true;
  }
  return false;
}

const exifPayload = (b: Uint8Array): Uint8Array => (ascii(b, 0, 6) === 'Exif\0\0' ? b.subarray(6) : b);

interface Segment {
  marker: number;
  start: number;
  end: number;
  payload: Uint8Array;
}
/** The metadata segments of a JPEG, up to the start of the image data (SOS); null when not a JPEG. */
function jpegSegments(b: Uint8Array): { segments: Segment[]; sos: number } | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const segments: Segment[] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return { segments, sos: i };
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return { segments, sos: i };
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) return { segments, sos: i };
    segments.push({ marker, start: i, end: Math.min(i + 2 + len, b.length), payload: b.subarray(i + 4, Math.min(i + 2 + len, b.length)) });
    i += 2 + len;
  }
  return { segments, sos: Math.min(i, b.length) };
}

const APP1 = 0xe1;
const segmentHasLocation = (s: Segment) =>
  s.marker === APP1 && (tiffHasGps(exifPayload(s.payload)) || XMP_GPS.test(ascii(s.payload, 0, 65_536)));

/** PNG chunks (type, data). */
function* pngChunks(b: Uint8Array): Generator<{ type: string; data: Uint8Array }> {
  let i = 8;
  while (i + 8 <= b.length) {
    const len = ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
    const type = ascii(b, i + 4, i + 8);
    yield { type, data: b.subarray(i + 8, Math.min(i + 8 + len, b.length)) };
    i += 12 + len;
  }
}
/** WebP (RIFF) chunks (fourcc, data). */
function* webpChunks(b: Uint8Array): Generator<{ type: string; data: Uint8Array }> {
  let i = 12;
  while (i + 8 <= b.length) {
    const len = b[i + 4]! + (b[i + 5]! << 8) + (b[i + 6]! << 16) + ((b[i + 7]! << 24) >>> 0);
    yield { type: ascii(b, i, i + 4), data: b.subarray(i + 8, Math.min(i + 8 + len, b.length)) };
    i += 8 + len + (len % 2);
  }
}

/** Whether an image's metadata says where it was taken (JPEG, PNG or WebP; anything else: false). */
export function photoHasLocation(mime: string, b: Uint8Array): boolean {
  if (mime === 'image/jpeg') return (jpegSegments(b)?.segments ?? []).some(segmentHasLocation);
  if (mime === 'image/png') {
    for (const c of pngChunks(b)) {
      if (c.type === 'eXIf' && tiffHasGps(exifPayload(c.data))) return true;
      if ((c.type === 'iTXt' || c.type === 'tEXt' || c.type === 'zTXt') && XMP_GPS.test(ascii(c.data, 0, 65_536))) return true;
    }
    return false;
  }
  if (mime === 'image/webp') {
    for (const c of webpChunks(b)) {
      if (c.type === 'EXIF' && tiffHasGps(exifPayload(c.data))) return true;
      if (c.type === 'XMP ' && XMP_GPS.test(ascii(c.data, 0, 65_536))) return true;
    }
    return false;
  }
  return false;
}

/**
 * A JPEG without its APP1 segments (EXIF and XMP: position, camera, time), the image data untouched.
 * Other bytes are returned as they are.
 */
export function stripJpegMetadata(b: Uint8Array): Uint8Array {
  const parsed = jpegSegments(b);
  if (!parsed) return b;
  const kept = parsed.segments.filter((s) => s.marker !== APP1);
  if (kept.length === parsed.segments.length) return b;
  const parts = [b.subarray(0, 2), ...kept.map((s) => b.subarray(s.start, s.end)), b.subarray(parsed.sos)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
