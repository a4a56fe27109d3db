// The renderer's own ball paths as detections (what a perfect detector sees, degraded on request),
// and the routine's flights as the truth: shared by the tracker's and the catch counter's tests.
import { BallTracker, type Detection, type TrackerFrame, type TrackerState } from '../src/core/ball-tracks.ts';
import { createScene, Random, type SceneImageTruth } from '../src/synth/index.ts';

export const WIDTH = 320;
export const HEIGHT = 240;
export const SEEDS = [900013, 12345, 777];

export interface ClipOptions {
  readonly fps?: number;
  readonly startSec?: number;
  readonly durationSec?: number;
  /** Share of ball detections dropped at random. */
  readonly missRate?: number;
  /** False detections per frame at random places (fractions: that chance of one more). */
  readonly falsePerFrame?: number;
  /** Leave out balls near a hand (a detector often misses a held ball). */
  readonly hideHeld?: boolean;
  /** How near, in ball radii (3 unless said; 6: flights are first seen well above the hand, as on real footage). */
  readonly hideNearHandsRadii?: number;
  /** Frame interval jitter, fraction of the interval. */
  readonly jitter?: number;
  /** Detection position noise, ball radii (standard deviation). */
  readonly noiseRadii?: number;
  /** Give the tracker the hands and head (as the app will); false: detections only. */
  readonly hands?: boolean;
  /** Hide one ball's detections over a time span (sec). */
  readonly hide?: { readonly ball: number; readonly fromSec: number; readonly toSec: number };
}

export interface RoutineTruth {
  readonly flights: readonly { readonly ball: number; readonly throwSec: number; readonly catchSec: number; readonly dropped: boolean }[];
  readonly dropSec: number;
  readonly params: { readonly beatSec: number };
}

/** Detections from the renderer's own ball paths (what a perfect detector sees), degraded on request. */
export function clip(className: string, seed: number, options: ClipOptions = {}) {
  const fps = options.fps ?? 15;
  const scene = createScene({ className, seed, width: WIDTH, height: HEIGHT, fps });
  // The routine's flights are the truth for throws and catches (read only, for the test).
  const routine = (scene as unknown as { routine: RoutineTruth | null }).routine;
  const random = new Random((seed ^ 0x5eed) >>> 0);
  const startSec = options.startSec ?? scene.steadyStartSec();
  const durationSec = options.durationSec ?? 7;
  const frames: TrackerFrame[] = [];
  const truths: SceneImageTruth[] = [];
  const noise = options.noiseRadii ?? 0;
  for (let timeSec = startSec; timeSec < startSec + durationSec; timeSec += (1 + (options.jitter ?? 0) * (random.next() * 2 - 1)) / fps) {
    const image = scene.imageAt(timeSec);
    const radius = image.balls[0]?.radiusPx ?? 6;
    const hide = options.hide;
    const detections: Detection[] = image.balls
      .filter((ball) => ball.x >= 0 && ball.x < WIDTH && ball.y >= 0 && ball.y < HEIGHT)
      .filter((ball) => !(options.hideHeld && image.hands.some((hand) => hand && Math.hypot(hand.x - ball.x, hand.y - ball.y) < (options.hideNearHandsRadii ?? 3) * ball.radiusPx)))
      .filter((ball) => !(hide && ball.index === hide.ball && timeSec >= hide.fromSec && timeSec < hide.toSec))
      .filter(() => !random.chance(options.missRate ?? 0))
      .map((ball) => ({ x: ball.x + random.normal() * noise * ball.radiusPx, y: ball.y + random.normal() * noise * ball.radiusPx, score: 0.9 }));
    const falsePerFrame = options.falsePerFrame ?? 0;
    const falseCount = Math.floor(falsePerFrame) + (random.chance(falsePerFrame % 1) ? 1 : 0);
    for (let index = 0; index < falseCount; index++) detections.push({ x: random.uniform(0, WIDTH), y: random.uniform(0, HEIGHT), score: random.uniform(0.3, 0.9) });
    frames.push({ timeMs: timeSec * 1000, detections, ballRadiusPx: radius, ...(options.hands === false ? {} : { hands: image.hands, head: image.head }) });
    truths.push(image);
  }
  const balls = scene.behaviour.showBalls ? scene.behaviour.balls : 0;
  return { frames, truths, startSec, durationSec, balls, routine: balls > 0 ? routine : null };
}

export type Clip = ReturnType<typeof clip>;

export function track(frames: readonly TrackerFrame[]): TrackerState[] {
  const tracker = new BallTracker();
  return frames.map((frame) => tracker.push(frame));
}

