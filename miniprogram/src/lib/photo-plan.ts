/**
 * How to redraw a photo upright and smaller before it is uploaded (issue 11, finding 8): the app sends a
 * re-encoded copy, never the camera's file, so no EXIF/XMP (position, camera, time) leaves the phone.
 * Redrawing loses the EXIF orientation too, so the drawing itself must turn the pixels. Pure: the
 * platform file (platform/evidence.weapp.ts) loads the image and applies the plan to a canvas.
 */

/** EXIF orientation as WeChat's getImageInfo names it (1 … 8 in EXIF). */
export type PhotoOrientation = 'up' | 'up-mirrored' | 'down' | 'down-mirrored' | 'left-mirrored' | 'right' | 'right-mirrored' | 'left';

export interface Size {
  width: number;
  height: number;
}

export interface DrawPlan {
  /** the output (upright) size: the canvas and the exported file */
  width: number;
  height: number;
  /** canvas transform (a, b, c, d, e, f) to set before drawing the loaded image at (0, 0, drawWidth, drawHeight) */
  transform: [number, number, number, number, number, number];
  drawWidth: number;
  drawHeight: number;
}

/** The long side of an uploaded evidence photo: enough to read a sign or a form, small on a slow network. */
export const EVIDENCE_MAX_SIDE = 1600;

const quarterTurn = (o: PhotoOrientation) => o === 'left' || o === 'right' || o === 'left-mirrored' || o === 'right-mirrored';

/**
 * The drawing that shows `stored` (getImageInfo's width and height: the stored pixels, "不考虑旋转")
 * upright with its long side at most `maxSide` (never enlarged).
 *
 * `loaded` is the size the canvas image reported once loaded. Some decoders already apply the EXIF
 * orientation; for a quarter turn that shows as the loaded picture being landscape where the stored one
 * is portrait (or the reverse), and turning it again would put it on its side — then it is drawn as it is.
 * (A half turn or a mirror cannot be seen from the size; there the orientation is applied.)
 */
export function photoDrawPlan(
  stored: Size,
  orientation: PhotoOrientation | undefined,
  loaded: Size | null,
  maxSide = EVIDENCE_MAX_SIDE,
): DrawPlan {
  let o: PhotoOrientation = orientation ?? 'up';
  let w = stored.width;
  let h = stored.height;
  if (loaded && loaded.width > 0 && loaded.height > 0) {
    const alreadyTurned = quarterTurn(o) && w !== h && w > h !== loaded.width > loaded.height;
    if (alreadyTurned) o = 'up';
    // the loaded size is what the canvas will draw from
    w = loaded.width;
    h = loaded.height;
  }
  const scale = Math.min(1, maxSide / Math.max(w, h, 1));
  const dw = Math.max(1, Math.round(w * scale));
  const dh = Math.max(1, Math.round(h * scale));
  const turned = quarterTurn(o);
  const transform: DrawPlan['transform'] = {
    up: [1, 0, 0, 1, 0, 0],
    'up-mirrored': [-1, 0, 0, 1, dw, 0],
    down: [-1, 0, 0, -1, dw, dh],
    'down-mirrored': [1, 0, 0, -1, 0, dh],
    'left-mirrored': [0, 1, 1, 0, 0, 0],
    right: [0, 1, -1, 0, dh, 0],
    'right-mirrored': [0, -1, -1, 0, dh, dw],
    left: [0, -1, 1, 0, 0, dw],
  }[o] as DrawPlan['transform'];
  return { width: turned ? dh : dw, height: turned ? dw : dh, transform, drawWidth: dw, drawHeight: dh };
}
