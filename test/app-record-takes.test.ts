// The record view's takes (RecordTakes) without a browser: a fake recorder and store stand in for
// MediaRecorder + the worker's capture and IndexedDB; the countdown and the clip run on real timers
// (countdown 0 s, clips 1.5 s), and the test waits for phases, never for a time.
// Type-checked with the page's lib (tsconfig.app-test.json), as the code it drives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RECORD_SETTINGS, type RecordSettings } from '../src/core/record-settings.ts';
import type { RecordedClip, TensorCapture } from '../src/platform/clip-recorder.ts';
import { RecordTakes, type TakeDevices, type TakeState } from '../src/elements/record-takes.ts';

interface Rig {
  readonly takes: RecordTakes;
  readonly stored: { label: string; recordingSessionId: string }[];
  readonly events: string[];
  /** Resolves once the takes reach a state that `done` accepts. */
  until(done: (state: TakeState) => boolean): Promise<TakeState>;
  settings: RecordSettings;
  failStart: string | null;
}

function rig(settings: Partial<RecordSettings> = {}): Rig {
  const waiting: { done: (state: TakeState) => boolean; resolve: (state: TakeState) => void }[] = [];
  const host = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => {
      for (const entry of [...waiting]) {
        if (entry.done(rigged.takes.state)) {
          waiting.splice(waiting.indexOf(entry), 1);
          entry.resolve(rigged.takes.state);
        }
      }
    },
    updateComplete: Promise.resolve(true),
  };
  let clipNumber = 0;
  const devices: TakeDevices = {
    recorder: () => ({
      start: async () => {
        if (rigged.failStart) throw new Error(rigged.failStart);
        rigged.events.push('start');
      },
      stop: async (): Promise<RecordedClip> => {
        rigged.events.push('stop');
        clipNumber += 1;
        return {
          video: new Blob([`clip ${clipNumber}`], { type: 'video/webm' }),
          videoMimeType: 'video/webm',
          tensor: { frames: 45, height: 64, width: 64, fps: 15, data: new Uint8Array(3 * 45 * 64 * 64), durationMs: 3000 },
          durationMs: 3000,
          camera: 'fake',
          recordedAtMs: Date.now(),
        };
      },
      cancel: () => rigged.events.push('cancel'),
    }),
    store: async (clip, label, recordingSessionId) => {
      rigged.stored.push({ label, recordingSessionId });
      return clip;
    },
  };
  const rigged: Rig = {
    takes: undefined as unknown as RecordTakes,
    stored: [],
    events: [],
    settings: { ...DEFAULT_RECORD_SETTINGS, countdownSeconds: 0, clipSeconds: 1.5, ...settings },
    failStart: null,
    until: (done) => (done(rigged.takes.state) ? Promise.resolve(rigged.takes.state) : new Promise((resolve) => waiting.push({ done, resolve }))),
  };
  const stream = {} as MediaStream;
  (rigged as { takes: RecordTakes }).takes = new RecordTakes(host, {
    stream: () => stream,
    settings: () => rigged.settings,
    blocker: () => null,
    recordingSessionId: 'visit-1',
    stored: () => undefined,
  }, devices);
  rigged.takes.setCapture({} as TensorCapture);
  return rigged;
}

test('one clip: countdown, recording, then review; Keep stores it under the class and the visit', async () => {
  const { takes, stored, until } = rig({ choice: '2b_fountain' });
  void takes.startSeries();
  await until((state) => state.phase === 'recording');
  const review = await until((state) => state.phase === 'review');
  assert.ok(review.review?.url.startsWith('blob:'));
  assert.equal(stored.length, 0, 'nothing is stored before Keep');
  await takes.keepReview();
  assert.deepEqual(stored, [{ label: '2b_fountain', recordingSessionId: 'visit-1' }]);
  assert.equal(takes.state.phase, 'idle');
  assert.equal(takes.state.savedCount, 1);
  assert.equal(takes.state.lastSaved, '2b_fountain');
  assert.equal(takes.state.review, null);
});

test('Discard keeps nothing; Retake records again', async () => {
  const { takes, stored, until, events } = rig();
  void takes.startSeries();
  await until((state) => state.phase === 'review');
  takes.discardReview();
  assert.equal(takes.state.phase, 'idle');
  takes.retake();
  await until((state) => state.phase === 'review');
  assert.deepEqual(events.filter((event) => event === 'start').length, 2);
  assert.equal(stored.length, 0);
});

test('a series keeps every clip without review, numbered; Stop mid-series ends it and drops the take', async () => {
  const { takes, stored, until } = rig({ seriesCount: 3 });
  const series = takes.startSeries();
  await until((state) => state.seriesIndex === 2 && state.phase === 'recording');
  assert.equal(takes.state.seriesTotal, 3);
  assert.equal(stored.length, 1);
  takes.stop();
  await series;
  assert.equal(takes.state.phase, 'idle');
  assert.equal(stored.length, 1, 'the take that was running when Stop came is not kept');
  assert.equal(takes.state.savedCount, 1);

  const whole = rig({ seriesCount: 3 });
  await whole.takes.startSeries();
  assert.equal(whole.stored.length, 3);
  assert.equal(whole.takes.state.phase, 'idle');
  assert.equal(whole.takes.state.review, null);
});

test('the camera stopping mid-take abandons it (true), and a recorder that fails says why', async () => {
  const { takes, stored, until, events } = rig();
  assert.equal(takes.abandonTake(), false, 'nothing ran');
  void takes.startSeries();
  await until((state) => state.phase === 'recording');
  assert.equal(takes.abandonTake(), true);
  assert.equal(takes.state.phase, 'idle');
  assert.ok(events.includes('cancel'));
  assert.equal(stored.length, 0);

  const failing = rig();
  failing.failStart = 'This browser cannot record video (no MediaRecorder).';
  await failing.takes.startSeries();
  assert.equal(failing.takes.state.phase, 'idle');
  assert.equal(failing.takes.state.error, 'This browser cannot record video (no MediaRecorder).');
});
