// Seeing the balls, frame by frame: each sampled working frame goes through the ball detector (in
// a square around the locator's last box) and its detections into the ballistic tracker. The
// tracker's count is what the overlay says ("3 balls"); the window classifier only names the
// pattern among classes of that count (Postprocessor.push). Used by the worker and the CLI alike.
import { detectBalls, detectorScratch, type BallDetectorSpec, type FrameBalls, type RunDetector } from './ball-detector.ts';
import { BallTracker, type TrackerOptions, type TrackerState } from './ball-tracks.ts';
import type { Rect, WorkingFrame } from './preprocess.ts';

export interface CountedFrame {
  readonly timestampMs: number;
  readonly balls: FrameBalls;
  readonly state: TrackerState;
}

export class BallCounter {
  private readonly tracker: BallTracker;
  private readonly scratch;
  private latest: CountedFrame | null = null;

  constructor(
    readonly spec: BallDetectorSpec,
    private readonly run: RunDetector,
    trackerOptions?: Partial<TrackerOptions>,
  ) {
    this.tracker = new BallTracker(trackerOptions);
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
    const balls: FrameBalls = box
      ? await detectBalls(frames, box, this.spec, this.run, this.scratch)
      : { square: { x: 0, y: 0, width: 0, height: 0 }, detections: [], inputPeaks: [], ballRadiusPx: 2 };
    const state = this.tracker.push({ timeMs: timestampMs, detections: balls.detections, ballRadiusPx: balls.ballRadiusPx });
    this.latest = { timestampMs, balls, state };
    return this.latest;
  }

  reset(): void {
    this.tracker.reset();
    this.latest = null;
  }
}
