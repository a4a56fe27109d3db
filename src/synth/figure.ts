// The juggler as drawn: a pose projected through the camera into depth-sorted capsules
// ('rounded') or boxes ('boxy', evaluation only), in the dress's colours, patterns and build.
import type { Pose } from './body.ts';
import type { Camera } from './camera.ts';
import type { Vec3 } from './juggling.ts';
import { textureAt, type ClothPattern, type Dress } from './looks.ts';
import type { Colour, Raster } from './raster.ts';

export interface DrawItem {
  readonly depth: number;
  readonly draw: () => void;
}

export type FigureStyle = 'rounded' | 'boxy';

/** The figure's draw items, in the order the renderer has always pushed them (the depth sort is stable). */
export function figureItems(raster: Raster, camera: Camera, figure: FigureStyle, dress: Dress, pose: Pose): DrawItem[] {
  const items: DrawItem[] = [];
  const boxy = figure === 'boxy';
  const limbRadius = pose.limbRadius * dress.limbScale;
  // Slim builds keep hands big enough to hold a ball.
  const handRadius = pose.limbRadius * Math.max(dress.limbScale, 0.7) * 1.25;
  const segment = (a: Vec3, b: Vec3, radiusA: number, radiusB: number, colour: Colour, pattern: ClothPattern | null = null): void => {
    const pa = camera.project(a);
    const pb = camera.project(b);
    if (!pa || !pb) return;
    const texture = textureAt(pattern, pa.scale);
    items.push({
      depth: (pa.depth + pb.depth) / 2,
      draw: () => raster.capsule(pa.x, pa.y, pb.x, pb.y, Math.max(0.5, radiusA * pa.scale) * (boxy ? 0.7 : 1), Math.max(0.5, radiusB * pb.scale) * (boxy ? 0.7 : 1), colour, 1, boxy ? 0 : 0.35, texture),
    });
  };
  for (const leg of [0, 1] as const) {
    segment(pose.hips[leg], pose.knees[leg], limbRadius * 1.5, limbRadius * 1.2, dress.trousers, dress.trouserPattern);
    segment(pose.knees[leg], pose.feet[leg], limbRadius * 1.2, limbRadius, dress.trousers, dress.trouserPattern);
  }
  const torsoTop = camera.project(pose.neck);
  const torsoBottom = camera.project(pose.pelvis);
  if (torsoTop && torsoBottom) {
    const halfWidth = pose.torsoHalfWidth * dress.torsoScale * torsoTop.scale;
    const texture = textureAt(dress.shirtPattern, torsoTop.scale);
    items.push({
      depth: torsoTop.depth + 0.05,
      draw: () => {
        if (boxy) raster.box(torsoTop.x - halfWidth, torsoTop.y, torsoTop.x + halfWidth, torsoBottom.y, dress.shirt);
        else raster.capsule(torsoTop.x, torsoTop.y + halfWidth * 0.6, torsoBottom.x, torsoBottom.y - halfWidth * 0.3, halfWidth, halfWidth * 0.85, dress.shirt, 1, 0.3, texture);
      },
    });
  }
  const head = camera.project(pose.head);
  if (head) {
    const radius = pose.headRadius * dress.headScale * head.scale;
    items.push({
      depth: head.depth,
      draw: () => {
        if (boxy) {
          raster.box(head.x - radius, head.y - radius * 1.2, head.x + radius, head.y + radius, dress.skin);
          raster.box(head.x - radius, head.y - radius * 1.3, head.x + radius, head.y - radius * 0.6, dress.hair);
        } else {
          raster.capsule(head.x, head.y, head.x, head.y, radius, radius, dress.skin, 1, 0.25);
          raster.capsule(head.x, head.y - radius * 0.55, head.x, head.y - radius * 0.55, radius * 0.85, radius * 0.85, dress.hair);
        }
      },
    });
  }
  for (const hand of [0, 1] as const) {
    segment(pose.shoulders[hand], pose.elbows[hand], limbRadius * 1.1, limbRadius, dress.sleeve, dress.sleevePattern);
    segment(pose.elbows[hand], pose.hands[hand], limbRadius, limbRadius * 0.8, dress.forearm, dress.forearmPattern);
    segment(pose.hands[hand], pose.hands[hand], handRadius, handRadius, dress.skin);
  }
  return items;
}
