import { photoHasLocation } from '../../shared/rules/photo-location';
import { type Harness, makeDeps } from '../support/handlers';
import { AGRI, AGRI_EXPERT, rid, stationsCalls } from './stations-support';

/**
 * Issue 11, finding 8: an evidence photo is not stored with where it was taken. An upload through the
 * function loses its EXIF/XMP segments; a photo the app put straight into storage still carrying a
 * position is refused (the app re-encodes before upload; the server verifies).
 */
const be16 = (n: number) => [n >> 8, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
// EXIF (little-endian TIFF) whose IFD0 points to a GPS IFD (tag 0x8825)
const tiff = [...ascii('II'), 42, 0, 8, 0, 0, 0, 1, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const app1 = [...ascii('Exif\0\0'), ...tiff];
const jfif = [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
const located = Buffer.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  ...be16(jfif.length + 2),
  ...jfif,
  0xff,
  0xe1,
  ...be16(app1.length + 2),
  ...app1,
  0xff,
  0xda,
  0,
  8,
  1,
  1,
  0,
  0,
  0x3f,
  0,
  0x12,
  0x34,
  0x56,
  0xff,
  0xd9,
]);

let h: Harness;
let s: ReturnType<typeof stationsCalls>;
beforeEach(async () => {
  h = await makeDeps({ now: '2026-11-20T10:00:00+08:00' });
  s = stationsCalls(h);
});
afterEach(() => h.close());

describe('evidence photos lose where they were taken', () => {
  it('an uploaded JPEG is stored without its EXIF position', async () => {
    expect(photoHasLocation('image/jpeg', located)).toBe(true);
    const up = await s.call(
      'uploadEvidence',
      { requestId: rid(), stationId: AGRI, name: 'zhanhui.jpg', mime: 'image/jpeg', dataBase64: located.toString('base64') },
      AGRI_EXPERT,
    );
    expect(up.ok).toBe(true);
    const stored = (await h.deps.files.read(up.data.fileId))!;
    expect(photoHasLocation('image/jpeg', stored)).toBe(false);
    expect(Buffer.from(stored).includes(Buffer.from('Exif'))).toBe(false);
    expect(up.data.size).toBe(stored.byteLength);
  });
  it('a photo put straight into storage with a position is refused when attached', async () => {
    const ref = await h.deps.files.put({
      name: 'zhanhui.jpg',
      mime: 'image/jpeg',
      bytes: new Uint8Array(located),
      ownerOpenid: 'local-p-exp-agri-1',
      folder: `evidence/${AGRI}`,
    } as Parameters<Harness['deps']['files']['put']>[0]);
    const r = await s.training(AGRI_EXPERT, '2026-11-15', 60, { evidence: [ref] });
    expect(r.error).toMatchObject({
      code: 'INPUT.INVALID',
      issues: [{ path: 'evidence.0.fileId', message: expect.stringContaining('位置信息') }],
    });
  });
});
