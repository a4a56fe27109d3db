// A randomised scene of one class: world (juggler, balls, room), camera, and frame rendering.
import { behaviourOf, type ClassBehaviour } from './classes.ts';
import { poseFor, type BodyShape, type Pose } from './body.ts';
import { beatForPeak, Routine, type Vec3 } from './juggling.ts';
import { Random } from '../core/random.ts';
import { parseSiteswap } from './siteswap.ts';
import { blockify, boxBlur, Raster, type Colour } from './raster.ts';
import { rangesFor, type WorldRanges, type WorldStyle } from './randomisation.ts';
import { paintBackground, type Distractor, makeDistractor, drawDistractor, makeOccluder, drawOccluder, type Occluder, type ClearArea } from './background.ts';
import { Camera } from './camera.ts';
import { figureItems, type DrawItem, type FigureStyle } from './figure.ts';
import { dressFigure, finishBalls, nearBackgroundColours, randomColour, saturated, sphereFinishAt, type BallFinish, type Dress } from './looks.ts';
import { addChromaNoise, lightingGain, makeChromaNoise, type ChromaNoise } from './lighting.ts';
import { photoSeed, type PhotoLibrary } from './photos.ts';
import { darkRoom, detailFigure, detailItems, litColour, type DarkRoom, type FigureDetails } from './details.ts';

export interface SceneOptions {
  readonly className: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly style?: WorldStyle;
  /** Real photographs for backgrounds (tools/lib/photos.ts loadPhotoLibrary); without them, no scene changes. */
  readonly photos?: PhotoLibrary;
}

interface Look {
  readonly dress: Dress;
  readonly ballColours: readonly Colour[];
  readonly ballFinishes: readonly (BallFinish | null)[];
  readonly light: readonly [number, number, number];
  readonly figure: FigureStyle;
}

const LOOP_SEC = 12;

/**
 * The seed of the extra-looks stream: a second generator, so that adding looks never shifts a
 * draw of the original stream (camera, body, timing, balls, backgrounds).
 */
function extraLooksSeed(seed: number): number {
  return (Math.imul((seed ^ 0x4c4f4f4b) >>> 0, 0x2c1b3c6d) ^ 0x297a2d39) >>> 0;
}

/** The seed of the details stream (details.ts), apart from both earlier streams for the same reason. */
function detailsSeed(seed: number): number {
  return (Math.imul((seed ^ 0x44455441) >>> 0, 0x61c88647) ^ 0x5bd1e995) >>> 0;
}

export interface ImageBall {
  /** Which ball of the routine (stable over time). */
  readonly index: number;
  readonly x: number;
  readonly y: number;
  readonly radiusPx: number;
  /** Height above the floor, metres (0 or near it: the ball lies on the floor). */
  readonly heightM: number;
}

export interface SceneImageTruth {
  readonly balls: readonly ImageBall[];
  readonly hands: readonly [{ x: number; y: number } | null, { x: number; y: number } | null];
  readonly head: { x: number; y: number; radiusPx: number } | null;
}

export interface SceneConditions {
  readonly cameraDistanceM: number;
  /** The juggler's standing height in the rendered frame, pixels (roughly, at the look-at depth). */
  readonly jugglerHeightPx: number;
  /** Sensor noise, standard deviation in [0, 1] units. */
  readonly noise: number;
  /** Compression blockiness, 0 when off. */
  readonly blockiness: number;
  readonly blur: boolean;
  /** Something moving in the background (makeDistractor). */
  readonly movingBackgroundObject: boolean;
}

export class Scene {
  readonly behaviour: ClassBehaviour;
  readonly durationSec = LOOP_SEC;
  private readonly ranges: WorldRanges;
  private readonly random: Random;
  private readonly camera: Camera;
  private readonly shape: BodyShape;
  private readonly look: Look;
  private readonly details: FigureDetails;
  private readonly dark: DarkRoom | null;
  private readonly routine: Routine | null;
  private readonly background: Float32Array;
  private readonly distractor: Distractor | null;
  private readonly occluder: Occluder | null;
  /** Per-pixel light (vignette, fall-off), or null for even light. */
  private readonly lightGain: Float32Array | null;
  private readonly chromaNoise: ChromaNoise | null;
  /** Per-frame draws of the extra looks (chroma noise); never the original per-frame stream. */
  private readonly extraFrameRandom: Random;
  private readonly raster: Raster;
  private readonly rgba: Uint8ClampedArray;
  private readonly effects: { gain: number; whiteBalance: Colour; gamma: number; noise: number; blur: boolean; blockiness: number; exposureSec: number; frameJitter: number };
  private readonly motion: { amplitude: number; periodSec: number; phase: number; walkFromX: number; walkToX: number; walkSec: number; reachHand: 0 | 1; reachPeriodSec: number };
  private frameIndex = 0;

  constructor(readonly options: SceneOptions) {
    this.behaviour = behaviourOf(options.className);
    this.ranges = rangesFor(options.style ?? 'train');
    const random = new Random(options.seed);
    this.random = random.fork(1);
    const worldRandom = random.fork(2);
    const extraRandom = new Random(extraLooksSeed(options.seed));
    const [figureRandom, ballRandom, lightRandom, clutterRandom, occluderRandom] = [1, 2, 3, 4, 5].map((salt) => extraRandom.fork(salt));
    this.extraFrameRandom = extraRandom.fork(6);
    const ranges = this.ranges;
    this.shape = { height: worldRandom.range(ranges.bodyHeight), width: worldRandom.range(ranges.bodyWidth) };
    this.camera = new Camera(worldRandom, ranges, this.shape.height, options.width, options.height);
    this.raster = new Raster(options.width, options.height);
    this.rgba = new Uint8ClampedArray(options.width * options.height * 4);
    const backgroundMean = paintBackground(this.raster, worldRandom.fork(3), ranges, this.camera, clutterRandom, options.photos && { library: options.photos, random: new Random(photoSeed(options.seed)) });
    this.background = this.raster.pixels.slice();
    this.distractor = worldRandom.chance(ranges.distractorChance) ? makeDistractor(worldRandom.fork(4), options.width, options.height) : null;
    const lowContrast = worldRandom.chance(ranges.lowContrastChance);
    const ballColours = Array.from({ length: 3 }, () => (lowContrast
      ? backgroundMean.map((value) => Math.min(1, Math.max(0, value + worldRandom.uniform(-0.15, 0.15)))) as unknown as Colour
      : worldRandom.chance(0.8) ? saturated(worldRandom) : randomColour(worldRandom)));
    const sameColour = worldRandom.chance(0.4);
    const skinTone = worldRandom.uniform(0.25, 1);
    // The base draws, in their original order.
    const skin: Colour = [0.35 + 0.6 * skinTone, 0.22 + 0.5 * skinTone, 0.15 + 0.42 * skinTone];
    const hair = randomColour(worldRandom, 0.02, 0.5);
    const shirt = worldRandom.chance(0.6) ? saturated(worldRandom) : randomColour(worldRandom);
    const trousers = randomColour(worldRandom, 0.03, 0.6);
    const light = normaliseLight([worldRandom.uniform(-0.6, 0.6), worldRandom.uniform(-0.9, -0.2), worldRandom.uniform(0.5, 1)]);
    const figure = worldRandom.pick(ranges.styles);
    const setColours = nearBackgroundColours(ballRandom, ranges, backgroundMean, 3) ?? ballColours;
    this.look = {
      dress: dressFigure(figureRandom, ranges, { skin, hair, shirt, trousers }),
      ballColours: sameColour ? [setColours[0], setColours[0], setColours[0]] : setColours,
      ballFinishes: finishBalls(ballRandom, ranges, 3),
      light,
      figure,
    };
    const detailRandom = new Random(detailsSeed(options.seed));
    this.details = detailFigure(detailRandom.fork(1), ranges, this.look.dress.skin);
    this.dark = darkRoom(detailRandom.fork(2), ranges);
    this.lightGain = lightingGain(lightRandom, ranges, options.width, options.height);
    this.chromaNoise = makeChromaNoise(lightRandom, ranges);
    this.effects = {
      gain: worldRandom.range(ranges.gain),
      whiteBalance: [worldRandom.range(ranges.whiteBalance), worldRandom.range(ranges.whiteBalance), worldRandom.range(ranges.whiteBalance)],
      gamma: worldRandom.range(ranges.gamma),
      noise: worldRandom.range(ranges.noise),
      blur: worldRandom.chance(ranges.blurChance),
      blockiness: worldRandom.chance(ranges.blockinessChance) ? worldRandom.range(ranges.blockiness) : 0,
      exposureSec: worldRandom.range(ranges.exposureSec),
      frameJitter: worldRandom.range(ranges.frameJitter),
    };
    const walkEdge = this.camera.visibleHalfWidthAtJuggler() + 0.45;
    const walkSide = worldRandom.chance(0.5) ? 1 : -1;
    this.motion = {
      amplitude: worldRandom.uniform(0.15, 0.45),
      periodSec: worldRandom.uniform(1.6, 3.5),
      phase: worldRandom.uniform(0, Math.PI * 2),
      walkFromX: walkSide * walkEdge,
      walkToX: worldRandom.uniform(-0.2, 0.2),
      walkSec: worldRandom.uniform(1.4, 2.6),
      reachHand: worldRandom.chance(0.5) ? 0 : 1,
      reachPeriodSec: worldRandom.uniform(1.6, 2.8),
    };
    this.routine = this.makeRoutine(worldRandom.fork(5));
    this.occluder = makeOccluder(occluderRandom, ranges, options.width, options.height, () => this.clearArea());
  }

  /** The part of the frame that balls and hands ever reach over the loop (an occluder stays out of it). */
  private clearArea(): ClearArea {
    const bounds = new ProjectedBounds(this.camera, 2);
    const include = (point: Vec3, radiusM: number): void => bounds.include(point, radiusM);
    for (let timeSec = 0; timeSec <= LOOP_SEC + 0.5; timeSec += 1 / 30) {
      const pose = this.poseAt(timeSec);
      if (pose) for (const hand of pose.hands) include(hand, pose.limbRadius * 2);
      if (!this.routine) continue;
      const { root } = this.rootAt(timeSec);
      // Every ball of the routine, shown or not, so ball and no-ball classes share the occluder's rule.
      for (const ball of this.routine.ballsAt(timeSec)) include([ball.position[0] + root[0], ball.position[1], ball.position[2] + root[2]], this.routine.params.ballRadius * 1.5);
    }
    return { left: Math.min(bounds.left, this.options.width), right: Math.max(bounds.right, 0), bottom: Math.max(bounds.bottom, 0) };
  }

  private makeRoutine(random: Random): Routine | null {
    const behaviour = this.behaviour;
    if (behaviour.activity !== 'juggle') return null;
    const tall = this.shape.height;
    const dwellRatio = random.uniform(0.5, 0.72);
    const peakHeight = behaviour.peak === 'high'
      ? random.uniform(0.32, 0.6) * tall
      : behaviour.peak === 'low' ? random.uniform(0.09, 0.16) * tall : random.range(this.ranges.normalPeak) * tall / 1.75;
    // The highest throw of the pattern peaks at the chosen height (columns and fountains are not twice as high).
    const highestThrow = Math.max(...parseSiteswap(behaviour.siteswap).throws.map((entry) => entry.value));
    const beatSec = beatForPeak(highestThrow, dwellRatio, peakHeight);
    const cycleBeats = behaviour.throwsPerCycle === Infinity ? 1 : behaviour.cycleBeats + 2 * random.int(0, 2);
    const leftHanded = random.chance(0.25);
    const startSec = random.uniform(0.2, 0.6);
    // Drops happen inside the loop, after the pattern has been seen for a while.
    let dropThrowIndex = -1;
    if (behaviour.drop) dropThrowIndex = behaviour.throwsPerCycle === Infinity ? random.int(4, 10) : behaviour.throwsPerCycle * random.int(1, 2) - 1;
    return new Routine({
      siteswap: behaviour.siteswap,
      ballCount: behaviour.balls,
      beatSec,
      dwellRatio,
      throwsPerCycle: behaviour.throwsPerCycle,
      cycleBeats,
      timingJitter: behaviour.unsteady ? random.uniform(0.14, 0.26) : random.uniform(0, 0.03),
      firstHand: leftHanded ? 1 : 0,
      dropThrowIndex,
      placement: behaviour.placement,
      handSpacing: behaviour.handsClose ? random.uniform(0.04, 0.12) : random.uniform(0.26, 0.42) * tall / 1.75,
      handHeight: (behaviour.handsHigh ? random.uniform(0.74, 0.8) : random.uniform(0.54, 0.62)) * tall,
      handForward: random.uniform(0.22, 0.34) * tall / 1.75,
      scoopDepth: random.uniform(0.03, 0.08),
      ballRadius: random.range(this.ranges.ballDiameter) / 2,
      startSec,
      endSec: LOOP_SEC,
    }, random);
  }

  /** How long each frame's shutter is open: a moving ball is drawn along its path over this time, ending at the frame's time. */
  get exposureSec(): number {
    return this.dark?.exposureSec ?? this.effects.exposureSec;
  }

  /** What makes this scene hard to read, for failure analysis (tools/failure-factors.ts). */
  get conditions(): SceneConditions {
    return {
      cameraDistanceM: this.camera.distance,
      jugglerHeightPx: (this.shape.height * this.camera.focalPx) / this.camera.distance,
      noise: this.effects.noise,
      blockiness: this.effects.blockiness,
      blur: this.effects.blur,
      movingBackgroundObject: this.distractor !== null,
    };
  }

  /**
   * Where the juggling happens over `count` frames from `startSec` at the scene fps: the box, in
   * frame pixels, around both hands and every visible ball, clipped to the frame; null when nobody
   * is in view. What the juggling locator learns to find.
   */
  jugglingBox(startSec: number, count: number): { x: number; y: number; width: number; height: number } | null {
    const bounds = new ProjectedBounds(this.camera);
    for (let index = 0; index < count; index++) {
      const timeSec = startSec + index / this.options.fps;
      const pose = this.poseAt(timeSec);
      if (pose) for (const hand of pose.hands) bounds.include(hand, pose.limbRadius * 2);
      for (const ball of this.ballsAt(timeSec)) bounds.include(ball.position, ball.radius);
    }
    const left = Math.max(bounds.left, 0);
    const top = Math.max(bounds.top, 0);
    const right = Math.min(bounds.right, this.options.width);
    const bottom = Math.min(bounds.bottom, this.options.height);
    if (!(right > left + 1 && bottom > top + 1)) return null;
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  /** A good start time for a training clip of `durationSec`: the class's defining moment is inside. */
  clipStartSec(durationSec: number, random: Random): number {
    const behaviour = this.behaviour;
    const routine = this.routine;
    if (behaviour.activity === 'enter' || behaviour.activity === 'leave') return random.uniform(0, Math.max(0, this.motion.walkSec - durationSec * 0.6));
    if (routine && routine.dropSec > 0) return Math.max(0, routine.dropSec - random.uniform(0.1, durationSec * 0.75));
    if (routine && Number.isFinite(behaviour.throwsPerCycle)) {
      const cycleSec = routine.params.cycleBeats * routine.params.beatSec;
      const cycle = random.int(0, Math.max(0, Math.floor((LOOP_SEC - 3) / cycleSec) - 1));
      return Math.max(0, routine.params.startSec + cycle * cycleSec - random.uniform(0.05, 0.35));
    }
    return random.uniform(1.6, LOOP_SEC - durationSec - 0.5);
  }

  /**
   * The truth for a catch counter: when each flight (a throw of more than 0.15 s: hand-to-hand
   * passes are no catches) was caught between `fromSec` and `toSec`, and when a ball was dropped
   * (-1: no drop). Empty for a class without balls.
   */
  catchTruth(fromSec: number, toSec: number): { readonly catchesSec: readonly number[]; readonly dropSec: number } {
    const routine = this.routine;
    if (!routine || !this.behaviour.showBalls) return { catchesSec: [], dropSec: -1 };
    const catchesSec = routine.flights
      .filter((flight) => !flight.dropped && flight.catchSec - flight.throwSec > 0.15 && flight.catchSec >= fromSec && flight.catchSec < toSec)
      .map((flight) => flight.catchSec)
      .sort((a, b) => a - b);
    return { catchesSec, dropSec: routine.dropSec };
  }

  /**
   * The demo juggler's truth: catches made in the frames nextFrame has painted so far (the scene
   * loops every LOOP_SEC, so each loop's catches count again). A counter that sees every catch
   * reads this, a little later.
   */
  catchesPainted(): number {
    const paintedSec = this.frameIndex / this.options.fps;
    const loops = Math.floor(paintedSec / LOOP_SEC);
    const perLoop = this.catchTruth(0, LOOP_SEC).catchesSec.length;
    return loops * perLoop + this.catchTruth(0, paintedSec - loops * LOOP_SEC).catchesSec.length;
  }

  /** Where a looping video of this class should start: inside the steady pattern, or just before the drop. */
  steadyStartSec(): number {
    const routine = this.routine;
    if (!routine) return 0;
    if (routine.dropSec > 0) return Math.max(0, routine.dropSec - 1.5);
    return Number.isFinite(this.behaviour.throwsPerCycle) ? 0 : 2;
  }

  private rootAt(timeSec: number): { root: Vec3; stepPhase: number; stepAmount: number } {
    const motion = this.motion;
    const activity = this.behaviour.activity;
    if (activity === 'enter' || activity === 'leave') {
      const progress = Math.min(timeSec / motion.walkSec, 1);
      const walking = progress < 1 ? 1 : 0;
      const from = activity === 'enter' ? motion.walkFromX : motion.walkToX;
      const to = activity === 'enter' ? motion.walkToX : motion.walkFromX;
      const x = from + (to - from) * progress;
      return { root: [x, 0, 0], stepPhase: timeSec * Math.PI * 3.6, stepAmount: walking };
    }
    if (this.behaviour.moving) {
      const angle = (2 * Math.PI * timeSec) / motion.periodSec + motion.phase;
      return { root: [motion.amplitude * Math.sin(angle), 0, 0.5 * motion.amplitude * Math.sin(angle * 0.5)], stepPhase: angle * 2, stepAmount: 0.6 };
    }
    const sway = 0.01 * Math.sin(timeSec * 1.3 + motion.phase);
    return { root: [sway, 0, 0], stepPhase: 0, stepAmount: 0 };
  }

  private handTargets(timeSec: number): [Vec3, Vec3] {
    const tall = this.shape.height;
    if (this.routine) return [this.routine.handAt(0, timeSec), this.routine.handAt(1, timeSec)];
    const side = (hand: 0 | 1): number => (hand === 0 ? -1 : 1);
    const rest = (hand: 0 | 1): Vec3 => {
      const swing = this.behaviour.activity === 'enter' || this.behaviour.activity === 'leave' ? 0.12 * Math.sin(timeSec * Math.PI * 3.6 + hand * Math.PI) : 0;
      return [side(hand) * 0.13 * tall * this.shape.width, 0.47 * tall, 0.04 + swing];
    };
    if (this.behaviour.activity === 'reach') {
      const hand = this.motion.reachHand;
      const phase = 0.5 - 0.5 * Math.cos((2 * Math.PI * timeSec) / this.motion.reachPeriodSec);
      const reach: Vec3 = [side(hand) * 0.05, 0.62 * tall, 0.55 * tall / 1.75];
      const start = rest(hand);
      const target: Vec3 = [start[0] + (reach[0] - start[0]) * phase, start[1] + (reach[1] - start[1]) * phase, start[2] + (reach[2] - start[2]) * phase];
      return hand === 0 ? [target, rest(1)] : [rest(0), target];
    }
    return [rest(0), rest(1)];
  }

  /** World positions of the visible balls at a time (for tests and drawing). */
  ballsAt(timeSec: number): { position: Vec3; radius: number }[] {
    if (!this.routine || !this.behaviour.showBalls) return [];
    const { root } = this.rootAt(timeSec);
    return this.routine.ballsAt(timeSec).map((ball) => ({
      position: [ball.position[0] + root[0], ball.position[1], ball.position[2] + root[2]] as Vec3,
      radius: this.routine!.params.ballRadius,
    }));
  }

  /**
   * What the camera sees of the juggling at a time, in frame pixels: each visible ball's centre and
   * radius (balls behind the camera left out), both hands and the head. The truth a ball detector
   * learns and a tracker is checked against.
   */
  imageAt(timeSec: number): SceneImageTruth {
    const balls: ImageBall[] = [];
    this.ballsAt(timeSec).forEach((ball, index) => {
      const projected = this.camera.project(ball.position);
      if (projected) balls.push({ index, x: projected.x, y: projected.y, radiusPx: ball.radius * projected.scale, heightM: ball.position[1] });
    });
    const pose = this.poseAt(timeSec);
    const point = (at: Vec3) => {
      const projected = this.camera.project(at);
      return projected ? { x: projected.x, y: projected.y } : null;
    };
    const head = pose ? this.camera.project(pose.head) : null;
    return {
      balls,
      hands: pose ? [point(pose.hands[0]), point(pose.hands[1])] : [null, null],
      head: head && pose ? { x: head.x, y: head.y, radiusPx: pose.headRadius * head.scale } : null,
    };
  }

  poseAt(timeSec: number): Pose | null {
    if (this.behaviour.activity === 'absent') return null;
    const { root, stepPhase, stepAmount } = this.rootAt(timeSec);
    return poseFor(this.shape, root, this.handTargets(timeSec), stepPhase, stepAmount);
  }

  /** Renders the frame at `timeSec` as RGBA bytes (the returned buffer is reused by the next call). */
  frameAt(timeSec: number): Uint8ClampedArray {
    this.raster.pixels.set(this.background);
    if (this.distractor) drawDistractor(this.raster, this.distractor, timeSec);
    const pose = this.poseAt(timeSec);
    if (pose) this.drawFigureAndBalls(pose, timeSec);
    if (this.occluder) drawOccluder(this.raster, this.occluder);
    const { gain, whiteBalance, gamma, noise, blur, blockiness } = this.effects;
    this.raster.develop(this.rgba, gain, whiteBalance, gamma, noise, this.random, this.lightGain);
    if (this.chromaNoise) addChromaNoise(this.rgba, this.options.width, this.options.height, this.chromaNoise, this.extraFrameRandom);
    if (blur) boxBlur(this.rgba, this.options.width, this.options.height);
    if (blockiness > 0) blockify(this.rgba, this.options.width, this.options.height, blockiness);
    return this.rgba;
  }

  /** Streaming: the next frame at the scene's fps, looping; frame times jitter a little. */
  nextFrame(): Uint8ClampedArray {
    const intervalSec = 1 / this.options.fps;
    const jitter = this.effects.frameJitter * intervalSec * (this.random.next() - 0.5) * 2;
    const timeSec = ((this.frameIndex * intervalSec) % LOOP_SEC) + jitter;
    this.frameIndex++;
    return this.frameAt(Math.max(0, timeSec));
  }

  /** `count` frames from `startSec` at the scene fps, each copied. */
  clip(startSec: number, count: number): Uint8ClampedArray[] {
    const intervalSec = 1 / this.options.fps;
    return Array.from({ length: count }, (_, index) => {
      const jitter = this.effects.frameJitter * intervalSec * (this.random.next() - 0.5) * 2;
      return this.frameAt(Math.max(0, startSec + index * intervalSec + jitter)).slice();
    });
  }

  private drawFigureAndBalls(pose: Pose, timeSec: number): void {
    const camera = this.camera;
    const look = this.look;
    const dress = look.dress;
    const items: DrawItem[] = figureItems(this.raster, camera, look.figure, dress, pose);
    items.push(...detailItems(this.raster, camera, pose, this.details, dress.skin, pose.limbRadius * Math.max(dress.limbScale, 0.7) * 1.25, pose.limbRadius * dress.limbScale, dress.headScale, dress.torsoScale));
    const dark = this.dark;
    const balls: DrawItem[] = [];
    this.ballsAt(timeSec).forEach((ball, index) => {
      const colour = look.ballColours[index % look.ballColours.length];
      const finish = sphereFinishAt(look.ballFinishes[index % look.ballFinishes.length], timeSec);
      const exposure = this.exposureSec;
      const positions = [this.ballsAt(timeSec - exposure)[index]?.position ?? ball.position, ball.position];
      const end = camera.project(positions[1]);
      const start = camera.project(positions[0]);
      if (!end || !start) return;
      const radius = ball.radius * end.scale;
      const travel = Math.hypot(end.x - start.x, end.y - start.y);
      const samples = travel > radius * 0.5 ? Math.min(dark ? 16 : 5, 1 + Math.ceil(travel / Math.max(radius, 0.5))) : 1;
      balls.push({
        depth: end.depth - 0.01,
        draw: () => {
          for (let sample = 0; sample < samples; sample++) {
            const fraction = samples === 1 ? 1 : sample / (samples - 1);
            const x = start.x + (end.x - start.x) * fraction;
            const y = start.y + (end.y - start.y) * fraction;
            if (dark) {
              // A glowing ball saturates the sensor along its whole path, with a halo around it.
              this.raster.capsule(x, y, x, y, radius * 1.7, radius * 1.7, litColour(colour), dark.glow * 0.5);
              this.raster.sphere(x, y, radius, litColour(colour), look.light, 1, false);
            } else this.raster.sphere(x, y, radius, colour, look.light, samples === 1 ? 1 : Math.min(1, 2 / samples), look.figure === 'rounded', finish);
          }
        },
      });
    });
    if (dark) {
      // A dark room: the room and the juggler faintly lit, the balls drawn over them, glowing.
      items.sort((a, b) => b.depth - a.depth);
      for (const item of items) item.draw();
      const pixels = this.raster.pixels;
      for (let index = 0; index < pixels.length; index++) pixels[index] *= dark.brightness;
      for (const ball of balls) ball.draw();
      return;
    }
    items.push(...balls);
    items.sort((a, b) => b.depth - a.depth);
    for (const item of items) item.draw();
  }
}

/** The frame-pixel box around spheres seen by the camera, each grown by `padPx`. */
class ProjectedBounds {
  left = Infinity;
  top = Infinity;
  right = -Infinity;
  bottom = -Infinity;

  constructor(private readonly camera: Camera, private readonly padPx = 0) {}

  include(point: Vec3, radiusM: number): void {
    const projected = this.camera.project(point);
    if (!projected) return;
    const reach = radiusM * projected.scale + this.padPx;
    this.left = Math.min(this.left, projected.x - reach);
    this.right = Math.max(this.right, projected.x + reach);
    this.top = Math.min(this.top, projected.y - reach);
    this.bottom = Math.max(this.bottom, projected.y + reach);
  }
}

function normaliseLight(light: [number, number, number]): [number, number, number] {
  const size = Math.hypot(...light);
  return [light[0] / size, light[1] / size, light[2] / size];
}

export function createScene(options: SceneOptions): Scene {
  return new Scene(options);
}
