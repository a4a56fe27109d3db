// Detection sheets: what the ball detector sees and finds, to look at.
//   npm run detector-sheet -- --samples data/D-val --out docs/detector-samples.png [--spec candidate/model.json] [--count 48]
//     rendered samples: the input frame, truth circles green, detections red
//   npm run detector-sheet -- --real ../shared/realdev --out /tmp/real-detections.png [--per-clip 3]
//     real dev-set frames through the app's own path (locator box → detector square → detector); never commit this sheet
//   … --real … --pose models/pose.onnx: also the pose network's hands (blue), elbows (cyan) and head (yellow) on the same square
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writePng } from './lib/png.ts';
import { loadNodeDetector, type NodeDetector } from './lib/onnx-detector.ts';
import { i420ToRgba, readY4m, videoToY4m } from './lib/y4m.ts';
import { loadModelSpec, REPO_ROOT } from './lib/model-files.ts';
import { WindowAssembler } from '../src/core/window-assembler.ts';
import { loadNodeModel } from './lib/onnx-node.ts';
import { loadNodePose, type NodePose } from './lib/onnx-pose.ts';
import { KEYPOINT_NAMES, type Keypoint } from '../src/core/pose-decode.ts';

const CELL = 128;

class Sheet {
  readonly rgba: Uint8ClampedArray;
  constructor(readonly columns: number, readonly rows: number, readonly cell = CELL) {
    this.rgba = new Uint8ClampedArray(columns * cell * rows * cell * 4).fill(255);
  }
  get width(): number {
    return this.columns * this.cell;
  }
  /** Packed RGB size×size into cell `index`. */
  put(index: number, rgb: Uint8Array, size: number): void {
    const column = index % this.columns;
    const row = Math.floor(index / this.columns);
    for (let y = 0; y < this.cell; y++) {
      for (let x = 0; x < this.cell; x++) {
        const source = (Math.floor((y * size) / this.cell) * size + Math.floor((x * size) / this.cell)) * 3;
        const target = ((row * this.cell + y) * this.width + column * this.cell + x) * 4;
        this.rgba[target] = rgb[source];
        this.rgba[target + 1] = rgb[source + 1];
        this.rgba[target + 2] = rgb[source + 2];
        this.rgba[target + 3] = 255;
      }
    }
  }
  circle(index: number, x: number, y: number, radius: number, colour: [number, number, number], size: number): void {
    const scale = this.cell / size;
    const column = index % this.columns;
    const row = Math.floor(index / this.columns);
    const r = Math.max(2.5, radius * scale + 1.5);
    for (let step = 0; step < 48; step++) {
      const angle = (step / 48) * Math.PI * 2;
      const px = Math.round(x * scale + Math.cos(angle) * r);
      const py = Math.round(y * scale + Math.sin(angle) * r);
      if (px < 0 || py < 0 || px >= this.cell || py >= this.cell) continue;
      const target = ((row * this.cell + py) * this.width + column * this.cell + px) * 4;
      this.rgba.set([...colour, 255], target);
    }
  }
}

/** The last frame of a sample's planar input as packed RGB. */
function lastFrameRgb(input: Uint8Array, frames: number, size: number): Uint8Array {
  const plane = size * size;
  const rgb = new Uint8Array(plane * 3);
  for (let pixel = 0; pixel < plane; pixel++) for (let channel = 0; channel < 3; channel++) rgb[pixel * 3 + channel] = input[((frames - 1) * 3 + channel) * plane + pixel];
  return rgb;
}

async function samplesSheet(folder: string, out: string, count: number, detector: NodeDetector | null): Promise<void> {
  const meta = JSON.parse(readFileSync(join(folder, 'shard-0000.json'), 'utf8')) as { count: number; size: number; frames: number; balls: [number, number, number][][] };
  const bytes = readFileSync(join(folder, 'shard-0000.bin'));
  const sampleBytes = meta.frames * 3 * meta.size * meta.size;
  const shown = Math.min(count, meta.count);
  const sheet = new Sheet(8, Math.ceil(shown / 8));
  for (let index = 0; index < shown; index++) {
    const input = new Uint8Array(bytes.buffer, bytes.byteOffset + index * sampleBytes, sampleBytes);
    sheet.put(index, lastFrameRgb(input, meta.frames, meta.size), meta.size);
    for (const [x, y, r] of meta.balls[index]) sheet.circle(index, x, y, r, [0, 220, 0], meta.size);
    if (detector) {
      const floats = Float32Array.from(input, (value) => value / 255);
      for (const peak of await detector.detect(floats)) sheet.circle(index, peak.x, peak.y, 1, [255, 0, 0], meta.size);
    }
  }
  writePng(out, sheet.rgba, sheet.width, sheet.rows * sheet.cell);
  console.log(`wrote ${out}: ${shown} samples (green: truth${detector ? ', red: detections' : ''})`);
}

async function realSheet(set: string, out: string, perClip: number, detector: NodeDetector, specPath: string, pose: NodePose | null): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(set, 'manifest.json'), 'utf8')) as { clips: { file: string; balls: number }[] };
  const model = await loadNodeModel(specPath);
  const work = mkdtempSync(join(tmpdir(), 'jt-sheet-'));
  const cells: { rgb: Uint8Array; peaks: { x: number; y: number }[]; keypoints: Keypoint[] }[] = [];
  try {
    for (const clip of manifest.clips) {
      const y4m = join(work, 'clip.y4m');
      try {
        videoToY4m(join(set, clip.file), y4m, 6);
      } catch {
        continue;
      }
      const video = readY4m(y4m);
      const assembler = new WindowAssembler(model.spec);
      const { width, height, fps } = video.header;
      const picks = new Set(Array.from({ length: perClip }, (_, k) => Math.floor(((k + 1) * video.frames.length) / (perClip + 1))));
      for (let index = 0; index < video.frames.length; index++) {
        const timestampMs = (index * 1000) / fps;
        if (!assembler.wants(timestampMs)) continue;
        const due = assembler.add(i420ToRgba(video.frames[index], width, height), width, height, 4, timestampMs);
        if (!due || ![...picks].some((pick) => pick <= index)) continue;
        for (const pick of [...picks]) if (pick <= index) picks.delete(pick);
        const seen = await detector.detectInWindow(assembler.window.items, model.locate);
        cells.push({ rgb: seen.crop, peaks: seen.inputPeaks, keypoints: pose ? await pose.keypoints(seen.crop) : [] });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const sheet = new Sheet(perClip * 2, Math.ceil(cells.length / (perClip * 2)));
  cells.forEach((cell, index) => {
    sheet.put(index, cell.rgb, detector.spec.size);
    for (const peak of cell.peaks) sheet.circle(index, peak.x, peak.y, 2, [255, 0, 0], detector.spec.size);
    cell.keypoints.forEach((point, k) => {
      if (point.score < 0.3) return;
      const name = KEYPOINT_NAMES[k];
      const colour: [number, number, number] | null = name.endsWith('wrist') ? [0, 60, 255] : name.endsWith('elbow') ? [0, 220, 220] : k <= 4 ? [255, 220, 0] : null;
      if (colour) sheet.circle(index, point.x, point.y, 1, colour, detector.spec.size);
    });
  });
  writePng(out, sheet.rgba, sheet.width, sheet.rows * sheet.cell);
  console.log(`wrote ${out}: ${cells.length} real frames (the detector's input square; red: detections${pose ? '; blue: wrists, cyan: elbows, yellow: face (pose score ≥ 0.3)' : ''})`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: Object.fromEntries(['samples', 'real', 'out', 'spec', 'count', 'per-clip', 'pose'].map((name) => [name, { type: 'string' as const }])) });
  if (!values.out) throw new Error('--out is required');
  const specPath = values.spec ?? join(REPO_ROOT, 'models', 'model.json');
  const spec = loadModelSpec(specPath);
  const detector = spec.ballDetector ? await loadNodeDetector(join(dirname(specPath), spec.ballDetector.file), spec) : null;
  if (values.samples) await samplesSheet(values.samples, values.out, Number(values.count ?? 48), detector);
  else if (values.real) {
    if (!detector) throw new Error(`${specPath} has no ballDetector`);
    if (!existsSync(join(values.real, 'manifest.json'))) return console.log(`detector-sheet: skipped, no real footage at ${values.real}`);
    const pose = values.pose ? await loadNodePose(values.pose) : null;
    if (pose && pose.size !== detector.spec.size) throw new Error(`the pose network's input (${pose.size}) must be the detector's square (${detector.spec.size})`);
    await realSheet(values.real, values.out, Number(values['per-clip'] ?? 3), detector, specPath, pose);
  } else throw new Error('--samples <folder> or --real <folder>');
}

await main();
