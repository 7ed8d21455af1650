import { type DrawPlan, type PhotoOrientation, photoDrawPlan } from '../../../miniprogram/src/lib/photo-plan';

/**
 * The redraw of an evidence photo before upload (miniprogram/src/lib/photo-plan.ts, issue 11 finding 8):
 * the copy carries no EXIF, so the drawing must turn the pixels the way the EXIF orientation said.
 */

/** Where a stored pixel (x, y) lands on the output canvas under the plan's transform. */
const land = (p: DrawPlan, x: number, y: number): [number, number] => {
  const [a, b, c, d, e, f] = p.transform;
  return [a * x + c * y + e, b * x + d * y + f];
};
/** The output corner names of the stored image's top-left and top-right pixels (the first stored row). */
function firstRow(p: DrawPlan): [string, string] {
  const name = ([x, y]: [number, number]) =>
    `${y === 0 ? 'top' : y === p.height ? 'bottom' : '?'}-${x === 0 ? 'left' : x === p.width ? 'right' : '?'}`;
  return [name(land(p, 0, 0)), name(land(p, p.drawWidth, 0))];
}

describe('photoDrawPlan', () => {
  it('scales the long side down to the limit and never enlarges', () => {
    expect(photoDrawPlan({ width: 4000, height: 3000 }, 'up', null)).toMatchObject({
      width: 1600,
      height: 1200,
      drawWidth: 1600,
      drawHeight: 1200,
    });
    expect(photoDrawPlan({ width: 3000, height: 4000 }, 'up', null, 1000)).toMatchObject({ width: 750, height: 1000 });
    expect(photoDrawPlan({ width: 800, height: 600 }, undefined, null)).toMatchObject({
      width: 800,
      height: 600,
      transform: [1, 0, 0, 1, 0, 0],
    });
    // a sliver keeps at least one pixel
    expect(photoDrawPlan({ width: 10_000, height: 2 }, 'up', null)).toMatchObject({ width: 1600, height: 1 });
  });

  it('swaps the output sides for a quarter turn', () => {
    for (const o of ['right', 'left', 'right-mirrored', 'left-mirrored'] as const) {
      expect(photoDrawPlan({ width: 4000, height: 3000 }, o, { width: 4000, height: 3000 })).toMatchObject({
        width: 1200,
        height: 1600,
        drawWidth: 1600,
        drawHeight: 1200,
      });
    }
  });

  // EXIF: where the first stored row (its left end, then its right end) is shown
  const expected: Record<PhotoOrientation, [string, string]> = {
    up: ['top-left', 'top-right'],
    'up-mirrored': ['top-right', 'top-left'],
    down: ['bottom-right', 'bottom-left'],
    'down-mirrored': ['bottom-left', 'bottom-right'],
    'left-mirrored': ['top-left', 'bottom-left'], // 5: row 0 is the left side, column 0 the top
    right: ['top-right', 'bottom-right'], // 6: row 0 is the right side, column 0 the top (portrait phone photo)
    'right-mirrored': ['bottom-right', 'top-right'], // 7: row 0 is the right side, column 0 the bottom
    left: ['bottom-left', 'top-left'], // 8: row 0 is the left side, column 0 the bottom
  };
  it.each(Object.entries(expected))('turns %s the way EXIF says, inside the canvas', (o, corners) => {
    const p = photoDrawPlan({ width: 3000, height: 2000 }, o as PhotoOrientation, { width: 3000, height: 2000 });
    expect(firstRow(p)).toEqual(corners);
    // the whole stored picture lands on the canvas (its far corner is the canvas' other corner)
    const far = land(p, p.drawWidth, p.drawHeight);
    const near = land(p, 0, 0);
    expect([Math.min(far[0], near[0]), Math.max(far[0], near[0])]).toEqual([0, p.width]);
    expect([Math.min(far[1], near[1]), Math.max(far[1], near[1])]).toEqual([0, p.height]);
  });

  it('draws as loaded when the decoder already turned a quarter-turned photo', () => {
    // stored landscape 4000×3000 with "right" (a portrait photo); the canvas image came back portrait
    const p = photoDrawPlan({ width: 4000, height: 3000 }, 'right', { width: 3000, height: 4000 });
    expect(p).toEqual({ width: 1200, height: 1600, transform: [1, 0, 0, 1, 0, 0], drawWidth: 1200, drawHeight: 1600 });
  });

  it('turns a quarter-turned photo the decoder left as stored', () => {
    const p = photoDrawPlan({ width: 4000, height: 3000 }, 'right', { width: 4000, height: 3000 });
    expect(p.transform).toEqual([0, 1, -1, 0, 1200, 0]);
    expect([p.width, p.height]).toEqual([1200, 1600]);
  });
});
