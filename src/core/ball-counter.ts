// Seeing the balls, frame by frame: each sampled working frame goes through the ball detector (in
// a square around the locator's last box) and its detections into the ballistic tracker. The
// tracker's count is what the overlay says ("3 balls"); the window classifier only names the
// pattern among classes of that count (Postprocessor.push). Used by the worker and the CLI alike.
import { detectBalls, detectorScratch, type FrameBalls, type RunDetector } from './ball-detector.ts';
import type { BallDetectorSpec } from './model-spec.ts';
import { BallTracker, type TrackerOptions, type TrackerState } from './ball-tracks.ts';
import { DEFAULT_TRACKER_OPTIONS } from './ball-track-types.ts';
import type { Rect, WorkingFrame } from './preprocess.ts';
import { NO_RUNS, type CatchRunSummary } from './live-runs.ts';
import { measureThrows, type ThrowMeasures } from './throw-measures.ts';
import type { PoseReading } from './pose-decode.ts';
import type { PoseStep } from './pose-step.ts';

/** What the tracker sees at a moment, small enough to send to the page each prediction (and draw with ?debug). */
export interface TrackSummary {
  /** Balls in the pattern; null: not sure. */
  readonly ballCount: number | null;
  readonly throws: number;
  readonly catches: number;
  /** Ball centres found in the newest frame, working-frame pixels, and that frame's size (to draw them). */
  readonly detections: readonly { readonly x: number; readonly y: number; readonly score: number }[];
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** The detector's square in the newest frame (working-frame pixels; may reach past the edges). */
  readonly square: Rect | null;
  /** Some ball flew under gravity within the last `FLYING_MEMORY_MS` (someone is juggling, even when the count is unsure). */
  readonly flying: boolean;
  /** Each track's sightings over the last `FLIGHT_TRAIL_MS`, working-frame pixels; ballistic: it flies under gravity. */
  readonly flights: readonly { readonly id: number; readonly ballistic: boolean; readonly points: readonly (readonly [number, number])[] }[];
  /** Catches in a row: the run going on and the runs that ended last (src/core/live-runs.ts). */
  readonly runs: CatchRunSummary;
  /** What the tracks measure of the recent throws (a few numbers; the coach's measured tips), null before the first counted frame. */
  readonly measures: ThrowMeasures | null;
  /** The hands and head the tracker was given (a model with a pose network), working-frame pixels; null: none. */
  readonly pose: PoseReading | null;
}

/** How much of each track the summary carries. */
export const FLIGHT_TRAIL_MS = 1200;

/**
 * How long a flight stays evidence that someone juggles: as long as the page draws its trail.
 * (3 s read the same answers on the real dev set, 2026-12-02: the shorter one is kept.)
 */
export const FLYING_MEMORY_MS = FLIGHT_TRAIL_MS;

/** Did a ballistic track have a sighting within `withinMs` of the counted frame? */
export function ballsFlying(counted: CountedFrame | null, withinMs = FLYING_MEMORY_MS): boolean {
  if (!counted) return false;
  const sinceMs = counted.timestampMs - withinMs;
  return counted.state.tracks.some((track) => track.ballistic && track.points.some((point) => point.timeMs >= sinceMs));
}

/** The summary of `counted` (null: nothing counted yet) for a working frame of `frameWidth`×`frameHeight`, with the catch runs so far. */
export function summariseTracks(counted: CountedFrame | null, frameWidth: number, frameHeight: number, runs: CatchRunSummary = NO_RUNS): TrackSummary {
  const state = counted?.state;
  const sinceMs = (counted?.timestampMs ?? 0) - FLIGHT_TRAIL_MS;
  const flights = (state?.tracks ?? [])
    .map((track) => ({ id: track.id, ballistic: track.ballistic, points: track.points.filter((point) => point.timeMs >= sinceMs).map((point) => [Math.round(point.x * 10) / 10, Math.round(point.y * 10) / 10] as const) }))
    .filter((flight) => flight.points.length > 0);
  return {
    ballCount: state?.ballCount ?? null,
    flying: ballsFlying(counted),
    throws: state?.throws.length ?? 0,
    catches: state?.catches.length ?? 0,
    detections: counted?.balls.detections ?? [],
    frameWidth,
    frameHeight,
    square: counted && counted.balls.square.width > 0 ? counted.balls.square : null,
    flights,
    runs,
    measures: state ? measureThrows(state) : null,
    pose: counted?.pose ?? null,
  };
}

export interface CountedFrame {
  readonly timestampMs: number;
  readonly balls: FrameBalls;
  readonly state: TrackerState;
  /** The pose reading the tracker was given with this frame (the newest within POSE_HOLD_MS); null: none. */
  readonly pose: PoseReading | null;
}

/** What the detector reports before anybody is found: nothing to look at. */
export const NO_BALLS: FrameBalls = { square: { x: 0, y: 0, width: 0, height: 0 }, detections: [], inputPeaks: [], ballRadiusPx: 2 };

/**
 * The pose network's last hands and head are the tracker's for this long: it runs on one sampled
 * frame in `everyFrames` (once a second as shipped; the head moves little while juggling).
 */
export const POSE_HOLD_MS = 2500;

export class BallCounter {
  private readonly tracker: BallTracker;
  private readonly scratch;
  private latest: CountedFrame | null = null;
  private readonly handsFromPose: boolean;
  private framesCounted = 0;
  private lastPose: { readonly reading: PoseReading; readonly timestampMs: number } | null = null;

  constructor(
    readonly spec: BallDetectorSpec,
    private readonly run: RunDetector,
    trackerOptions?: Partial<TrackerOptions>,
    /** The pose network on the detector's square (hands and head for the tracker; a replay brings its keypoints); absent: the tracker infers the hands. */
    private readonly pose?: PoseStep,
  ) {
    this.tracker = new BallTracker(trackerOptions);
    this.handsFromPose = trackerOptions?.handsFromPose ?? DEFAULT_TRACKER_OPTIONS.handsFromPose;
    this.scratch = detectorScratch(spec);
  }

  /** The tracker's view after the last counted frame (null before the first). */
  get state(): TrackerState | null {
    return this.latest?.state ?? null;
  }

  get last(): CountedFrame | null {
    return this.latest;
  }

  /**
   * Counts the newest of `frames` (the last `spec.frames` are the detector's input, oldest first),
   * taken at `timestampMs`, in a square around `box` (the locator's; null: nobody found yet, the
   * tracker sees an empty frame). One call at a time: the buffers are reused.
   */
  async count(frames: readonly WorkingFrame[], timestampMs: number, box: Rect | null): Promise<CountedFrame> {
    let balls: FrameBalls = box ? await detectBalls(frames, box, this.spec, this.run, this.scratch) : NO_BALLS;
    if (box && this.pose?.runs && this.framesCounted++ % this.pose.spec.everyFrames === 0) {
      balls = { ...balls, keypoints: await this.pose.keypoints(this.scratch.crops[this.scratch.crops.length - 1]) };
    }
    return this.track(balls, timestampMs);
  }

  /** The tracker's step alone, for detections found earlier (the tools replay cached detections). */
  track(balls: FrameBalls, timestampMs: number): CountedFrame {
    if (balls.keypoints && this.pose) this.lastPose = { reading: this.pose.reading(balls.keypoints, balls.square), timestampMs };
    const pose = this.lastPose && timestampMs - this.lastPose.timestampMs <= POSE_HOLD_MS ? this.lastPose.reading : null;
    // Hands given (handsFromPose) only where the pose sees one; else the tracker infers them from the flights.
    const hands = this.handsFromPose && pose && (pose.hands[0] || pose.hands[1]) ? pose.hands : undefined;
    const state = this.tracker.push({ timeMs: timestampMs, detections: balls.detections, ballRadiusPx: balls.ballRadiusPx, hands, head: pose?.head ?? null });
    this.latest = { timestampMs, balls, state, pose };
    return this.latest;
  }

  reset(): void {
    this.tracker.reset();
    this.latest = null;
    this.framesCounted = 0;
    this.lastPose = null;
  }
}
