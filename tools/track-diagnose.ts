// What the ball detector and tracker see on each juggling clip of a real-footage set: detections
// a frame, tracks, ballistic tracks, throws and catches, and how often each count is shown.
// For finding where counting breaks down (detection, linking, or the count); not a score.
//   npm run track-diagnose -- --spec cand/model.json [--set ../shared/realdev] [--cache dir] [--sheets dir]
// --sheets draws one PNG a clip over its first seconds: image y (top) and x (bottom) against time,
// every detection a grey dot, each track's sightings in its own colour (bold: ballistic), so a
// reader sees whether balls were found and whether they were joined into flights.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CountedFrame } from '../src/core/ball-counter.ts';
import { classifyY4m } from './classify.ts';
import { REPO_ROOT } from './lib/model-files.ts';
import { videoToY4m } from './lib/y4m.ts';
import { writePng } from './lib/png.ts';

const SHEET_SECONDS = 8;
const SHEET_PX_PER_SECOND = 60;
const PANEL_HEIGHT = 180;

interface SheetTrack { ballistic: boolean; points: readonly { timeMs: number; x: number; y: number }[] }

/** y and x against time for the first SHEET_SECONDS of a clip: detections grey, tracks coloured. */
function drawTrackSheet(path: string, frames: readonly CountedFrame[], tracks: ReadonlyMap<number, SheetTrack>): void {
  // The panels span every square the detector looked at (working-frame pixels).
  const squares = frames.map((frame) => frame.balls.square).filter((square) => square.width > 0);
  const left = Math.min(...squares.map((square) => square.x));
  const top = Math.min(...squares.map((square) => square.y));
  const spanX = Math.max(1, Math.max(...squares.map((square) => square.x + square.width)) - left);
  const spanY = Math.max(1, Math.max(...squares.map((square) => square.y + square.height)) - top);
  const width = SHEET_SECONDS * SHEET_PX_PER_SECOND;
  const height = 2 * PANEL_HEIGHT + 6;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  for (let x = 0; x < width; x++) for (let y = PANEL_HEIGHT; y < PANEL_HEIGHT + 6; y++) rgba.set([200, 200, 200, 255], (y * width + x) * 4);
  const startMs = frames[0]?.timestampMs ?? 0;
  const put = (x: number, y: number, colour: readonly number[], size: number): void => {
    for (let dy = -size; dy <= size; dy++) for (let dx = -size; dx <= size; dx++) {
      const px = Math.round(x + dx);
      const py = Math.round(y + dy);
      if (px >= 0 && px < width && py >= 0 && py < height) rgba.set([...colour, 255], (py * width + px) * 4);
    }
  };
  const plot = (timeMs: number, x: number, y: number, colour: readonly number[], size: number): void => {
    const column = ((timeMs - startMs) / 1000) * SHEET_PX_PER_SECOND;
    if (column >= width) return;
    put(column, ((y - top) / spanY) * PANEL_HEIGHT, colour, size);
    put(column, PANEL_HEIGHT + 6 + ((x - left) / spanX) * PANEL_HEIGHT, colour, size);
  };
  for (const frame of frames) for (const detection of frame.balls.detections) plot(frame.timestampMs, detection.x, detection.y, [150, 150, 150], 1);
  let index = 0;
  for (const track of tracks.values()) {
    const hue = (index++ * 0.618) % 1;
    const colour = track.ballistic ? [Math.round(255 * Math.abs(Math.sin(hue * 6.28))), Math.round(200 * Math.abs(Math.sin(hue * 6.28 + 2))), Math.round(255 * Math.abs(Math.sin(hue * 6.28 + 4)))] : [60, 60, 60];
    for (const point of track.points) plot(point.timeMs, point.x, point.y, colour, track.ballistic ? 2 : 1);
  }
  writePng(path, rgba, width, height);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { spec: { type: 'string' }, set: { type: 'string' }, cache: { type: 'string' }, sheets: { type: 'string' } } });
  if (!values.spec) throw new Error('--spec <candidate model.json with a ballDetector> is required');
  const specPath = resolve(values.spec);
  const set = resolve(values.set ?? join(REPO_ROOT, '..', 'shared', 'realdev'));
  if (!existsSync(join(set, 'manifest.json'))) {
    console.log(`no real-footage set at ${set}: nothing to diagnose`);
    return;
  }
  const manifest = JSON.parse(readFileSync(join(set, 'manifest.json'), 'utf8')) as { clips: { file: string; balls: number }[] };
  const work = mkdtempSync(join(tmpdir(), 'jt-track-diagnose-'));
  console.log('| clip | truth | sampled frames | detections a frame | tracks | ballistic | throws | catches | counts shown (per sampled frame) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|');
  try {
    for (const clip of manifest.clips.filter((entry) => entry.balls > 0)) {
      const y4m = join(work, 'clip.y4m');
      videoToY4m(join(set, clip.file), y4m);
      let frames = 0;
      let detections = 0;
      let last: CountedFrame | null = null;
      const counts = new Map<string, number>();
      const sheetFrames: CountedFrame[] = [];
      const sheetTracks = new Map<number, SheetTrack>();
      await classifyY4m(y4m, specPath, (counted) => {
        frames += 1;
        if (values.sheets && (sheetFrames.length === 0 || counted.timestampMs - sheetFrames[0].timestampMs < SHEET_SECONDS * 1000)) {
          sheetFrames.push(counted);
          for (const track of counted.state.tracks) sheetTracks.set(track.id, { ballistic: track.ballistic || (sheetTracks.get(track.id)?.ballistic ?? false), points: [...track.points] });
        }
        detections += counted.balls.detections.length;
        const shown = String(counted.state.ballCount ?? 'unsure');
        counts.set(shown, (counts.get(shown) ?? 0) + 1);
        last = counted;
      }, values.cache);
      if (!last) throw new Error(`${specPath} has no ballDetector`);
      if (values.sheets) {
        mkdirSync(values.sheets, { recursive: true });
        const name = clip.file.replace(/^videos\//, '').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 70);
        if (sheetFrames.some((frame) => frame.balls.square.width > 0)) drawTrackSheet(join(values.sheets, `${name}.png`), sheetFrames, sheetTracks);
      }
      const state = (last as CountedFrame).state;
      const shown = [...counts].sort((a, b) => b[1] - a[1]).map(([count, seen]) => `${count}: ${seen}`).join(', ');
      console.log(`| ${clip.file.replace(/^videos\//, '').slice(0, 60)} | ${clip.balls} | ${frames} | ${(detections / Math.max(1, frames)).toFixed(2)} | ${state.tracks.length} | ${state.tracks.filter((track) => track.ballistic).length} | ${state.throws.length} | ${state.catches.length} | ${shown} |`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\nTracks, throws and catches are those the tracker still holds at the clip\'s end (its last few seconds).');
}

await main();
