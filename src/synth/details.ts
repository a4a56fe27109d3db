// The small things real footage has that a ball detector must learn to ignore, and the lit balls
// of a dark room it must learn to see: faces (eyes, sunglasses, a mouth), fingers, shoes, a round
// print on the shirt; a dark room where glowing balls smear into long streaks. Drawn from their
// own random stream (Scene: detailsSeed), so every earlier draw of a scene is unchanged, and off
// in the evaluation-only styles (randomisation.ts NO_EXTRA_LOOKS), which stay byte-identical.
import type { Pose } from './body.ts';
import type { Camera } from './camera.ts';
import type { DrawItem } from './figure.ts';
import type { Vec3 } from './juggling.ts';
import { randomColour, saturated } from './looks.ts';
import type { Random } from '../core/random.ts';
import type { WorldRanges } from './randomisation.ts';
import type { Colour, Raster } from './raster.ts';

export interface FaceDetail {
  readonly eyes: Colour;
  /** Eye radius as a fraction of the head's radius. */
  readonly eyeSize: number;
  readonly sclera: boolean;
  readonly sunglasses: boolean;
  readonly mouth: Colour | null;
  readonly beard: Colour | null;
}

export interface FigureDetails {
  readonly face: FaceDetail | null;
  /** Fingers per hand (0: a plain round hand), their length as a multiple of the hand's radius. */
  readonly fingers: number;
  readonly fingerLength: number;
  readonly shoes: Colour | null;
  /** A round print on the chest: its colour and radius as a fraction of the torso's half width. */
  readonly chestPrint: { readonly colour: Colour; readonly size: number; readonly dropFraction: number } | null;
}

/** A dark room: the scene dimmed to `brightness`, the balls glowing, a long exposure. */
export interface DarkRoom {
  readonly brightness: number;
  readonly glow: number;
  readonly exposureSec: number;
}

export function detailFigure(random: Random, ranges: WorldRanges, skin: Colour): FigureDetails {
  const face = random.chance(ranges.faceDetailChance) ? {
    eyes: randomColour(random, 0.0, 0.3),
    eyeSize: random.uniform(0.09, 0.17),
    sclera: random.chance(0.5),
    sunglasses: random.chance(0.15),
    mouth: random.chance(0.6) ? [skin[0] * 0.6, skin[1] * 0.35, skin[2] * 0.35] as Colour : null,
    beard: random.chance(0.15) ? randomColour(random, 0.02, 0.4) : null,
  } : null;
  const fingers = random.chance(ranges.fingerChance) ? random.int(3, 4) : 0;
  const fingerLength = random.uniform(0.9, 1.6);
  const shoes = random.chance(ranges.shoeChance) ? (random.chance(0.3) ? randomColour(random, 0.8, 1) : random.chance(0.3) ? saturated(random) : randomColour(random, 0.02, 0.35)) : null;
  const chestPrint = random.chance(ranges.chestPrintChance) ? { colour: saturated(random), size: random.uniform(0.2, 0.45), dropFraction: random.uniform(0.2, 0.45) } : null;
  return { face, fingers, fingerLength, shoes, chestPrint };
}

export function darkRoom(random: Random, ranges: WorldRanges): DarkRoom | null {
  if (!random.chance(ranges.darkRoomChance)) return null;
  return { brightness: random.uniform(0.04, 0.25), glow: random.uniform(0.2, 0.6), exposureSec: random.range(ranges.darkExposureSec) };
}

/** Draw items for the details, each just in front of the body part it sits on. */
export function detailItems(raster: Raster, camera: Camera, pose: Pose, details: FigureDetails, skin: Colour, handRadiusM: number, limbRadiusM: number, headScale: number, torsoScale: number): DrawItem[] {
  const items: DrawItem[] = [];
  const head = camera.project(pose.head);
  const face = details.face;
  if (head && face) {
    const radius = pose.headRadius * headScale * head.scale;
    items.push({
      depth: head.depth - 0.001,
      draw: () => {
        // The face below the hairline, then its features.
        raster.capsule(head.x, head.y + radius * 0.25, head.x, head.y + radius * 0.25, radius * 0.72, radius * 0.72, skin, 1, 0.2);
        if (face.beard) raster.capsule(head.x - radius * 0.35, head.y + radius * 0.6, head.x + radius * 0.35, head.y + radius * 0.6, radius * 0.35, radius * 0.35, face.beard);
        const eyeY = head.y + radius * 0.12;
        const eyeRadius = Math.max(0.4, radius * face.eyeSize);
        if (face.sunglasses) raster.capsule(head.x - radius * 0.36, eyeY, head.x + radius * 0.36, eyeY, eyeRadius * 1.6, eyeRadius * 1.6, [0.03, 0.03, 0.04]);
        else {
          for (const side of [-1, 1]) {
            if (face.sclera) raster.capsule(head.x + side * radius * 0.34, eyeY, head.x + side * radius * 0.34, eyeY, eyeRadius * 1.5, eyeRadius * 1.5, [0.92, 0.92, 0.9]);
            raster.capsule(head.x + side * radius * 0.34, eyeY, head.x + side * radius * 0.34, eyeY, eyeRadius, eyeRadius, face.eyes);
          }
        }
        if (face.mouth) raster.capsule(head.x - radius * 0.2, head.y + radius * 0.58, head.x + radius * 0.2, head.y + radius * 0.58, radius * 0.07, radius * 0.07, face.mouth);
      },
    });
  }
  if (details.fingers > 0) {
    for (const hand of [0, 1] as const) {
      const at = camera.project(pose.hands[hand]);
      const elbow = camera.project(pose.elbows[hand]);
      if (!at || !elbow) continue;
      const handRadius = handRadiusM * at.scale;
      const angle = Math.atan2(at.y - elbow.y, at.x - elbow.x);
      items.push({
        depth: at.depth - 0.002,
        draw: () => {
          for (let finger = 0; finger < details.fingers; finger++) {
            const spread = angle + (finger / Math.max(1, details.fingers - 1) - 0.5) * 0.9;
            const length = handRadius * details.fingerLength * (finger === 0 || finger === details.fingers - 1 ? 0.85 : 1);
            const baseX = at.x + Math.cos(spread) * handRadius * 0.5;
            const baseY = at.y + Math.sin(spread) * handRadius * 0.5;
            raster.capsule(baseX, baseY, baseX + Math.cos(spread) * length, baseY + Math.sin(spread) * length, handRadius * 0.3, handRadius * 0.25, skin, 1, 0.3);
          }
          // The thumb, off to one side.
          const thumb = angle + (hand === 0 ? 1.2 : -1.2);
          raster.capsule(at.x, at.y, at.x + Math.cos(thumb) * handRadius * 1.1, at.y + Math.sin(thumb) * handRadius * 1.1, handRadius * 0.32, handRadius * 0.28, skin, 1, 0.3);
        },
      });
    }
  }
  if (details.shoes) {
    const shoes = details.shoes;
    for (const leg of [0, 1] as const) {
      const foot = pose.feet[leg];
      const sign = leg === 0 ? -1 : 1;
      const heel = camera.project([foot[0] - sign * 0.02, foot[1] + 0.02, foot[2] - 0.05] as Vec3);
      const toe = camera.project([foot[0] + sign * 0.04, foot[1] + 0.02, foot[2] + 0.12] as Vec3);
      if (!heel || !toe) continue;
      items.push({ depth: Math.min(heel.depth, toe.depth) - 0.002, draw: () => raster.capsule(heel.x, heel.y, toe.x, toe.y, limbRadiusM * 1.1 * heel.scale, limbRadiusM * 1.1 * toe.scale, shoes, 1, 0.3) });
    }
  }
  const print = details.chestPrint;
  const neck = camera.project(pose.neck);
  const pelvis = camera.project(pose.pelvis);
  if (print && neck && pelvis) {
    const radius = pose.torsoHalfWidth * torsoScale * neck.scale * print.size;
    const x = neck.x + (pelvis.x - neck.x) * (print.dropFraction + 0.1);
    const y = neck.y + (pelvis.y - neck.y) * (print.dropFraction + 0.1);
    items.push({ depth: neck.depth + 0.049, draw: () => raster.capsule(x, y, x, y, radius, radius, print.colour) });
  }
  return items;
}

/** A glowing ball's colour: towards white at the core (values above 1 are brighter than paper white). */
export function litColour(colour: Colour): Colour {
  return [0.6 + 0.8 * colour[0], 0.6 + 0.8 * colour[1], 0.6 + 0.8 * colour[2]];
}
