// Where a start spends its time: the start-up marks of the page and the inference worker
// (src/shared/start-marks.ts: "jt:<step> start" / "jt:<step> end", or "jt:<step>" for a moment),
// put on the page's clock and paired into steps, for tools/bench-app.ts's table.
import { percentile } from './bench-stats.ts';

/** A User Timing mark as read from one global (page or worker), on that global's own clock. */
export interface RawMark {
  readonly name: string;
  readonly startTime: number;
}

/** The marks and resource fetches of one global, with its clock's origin (performance.timeOrigin). */
export interface GlobalTimeline {
  readonly where: 'page' | 'worker';
  readonly timeOrigin: number;
  readonly marks: readonly RawMark[];
  /** Resource Timing entries: what was fetched, when (fetchStart → responseEnd). */
  readonly resources: readonly { readonly name: string; readonly startTime: number; readonly responseEnd: number }[];
}

/** One step of the start, in milliseconds since the page's navigation; a moment has no end. */
export interface StartStep {
  readonly step: string;
  readonly where: 'page' | 'worker';
  readonly startMs: number;
  readonly endMs: number | null;
}

const PREFIX = 'jt:';

/** Files whose fetch matters at start (the ORT runtime and the models); other resources are left out. */
const FETCHED = /\.(wasm|onnx|mjs)$|\/model\.json$/;

/**
 * The steps of one start, ordered by when they began: every "jt:" mark of each timeline (a
 * "<step> start" with its "<step> end" as one step), and each start-up file's fetch as
 * "fetch <file>". Times are on the page's clock (`pageOrigin`: the page's timeOrigin).
 */
export function startSteps(timelines: readonly GlobalTimeline[], pageOrigin: number): StartStep[] {
  const steps: StartStep[] = [];
  for (const timeline of timelines) {
    const shift = timeline.timeOrigin - pageOrigin;
    const ends = new Map<string, number>();
    for (const mark of timeline.marks) {
      if (mark.name.startsWith(PREFIX) && mark.name.endsWith(' end')) ends.set(mark.name.slice(PREFIX.length, -' end'.length), mark.startTime + shift);
    }
    for (const mark of timeline.marks) {
      if (!mark.name.startsWith(PREFIX) || mark.name.endsWith(' end')) continue;
      const name = mark.name.slice(PREFIX.length);
      if (name.endsWith(' start')) {
        const step = name.slice(0, -' start'.length);
        steps.push({ step, where: timeline.where, startMs: mark.startTime + shift, endMs: ends.get(step) ?? null });
      } else {
        steps.push({ step: name, where: timeline.where, startMs: mark.startTime + shift, endMs: null });
      }
    }
    for (const resource of timeline.resources) {
      const path = new URL(resource.name, 'http://x/').pathname;
      if (!FETCHED.test(path)) continue;
      steps.push({ step: `fetch ${path.split('/').pop()}`, where: timeline.where, startMs: resource.startTime + shift, endMs: resource.responseEnd + shift });
    }
  }
  return steps.sort((a, b) => a.startMs - b.startMs);
}

/** A step over several starts: the median of its start and of its duration (null for a moment). */
export interface StepSummary {
  readonly step: string;
  readonly where: 'page' | 'worker';
  readonly startMs: number;
  readonly durationMs: number | null;
  /** How many of the starts had this step. */
  readonly count: number;
}

/** Medians per step over several starts, ordered by the median start. */
export function summariseStarts(starts: readonly (readonly StartStep[])[]): StepSummary[] {
  const byStep = new Map<string, StartStep[]>();
  for (const steps of starts) {
    for (const step of steps) {
      const key = `${step.where}\u0000${step.step}`;
      byStep.set(key, [...(byStep.get(key) ?? []), step]);
    }
  }
  const summaries: StepSummary[] = [];
  for (const steps of byStep.values()) {
    const durations = steps.filter((step) => step.endMs !== null).map((step) => step.endMs! - step.startMs);
    summaries.push({
      step: steps[0].step,
      where: steps[0].where,
      startMs: percentile(steps.map((step) => step.startMs), 0.5),
      durationMs: durations.length > 0 ? percentile(durations, 0.5) : null,
      count: steps.length,
    });
  }
  return summaries.sort((a, b) => a.startMs - b.startMs);
}

/** The shortest a start can be once frames flow: the first window needs `frames` frames at `fps`, first to last. */
export function windowFloorMs(frames: number, fps: number): number {
  return ((frames - 1) / fps) * 1000;
}
