// How the motion crop behaves on rendered windows: how often it is the whole frame (a fallback,
// or motion spread everywhere) and how large it is, per crop rule and world style, in one table.
//   npm run crop-stats -- --spec models/model.json --spec training/runs/a3/model.json [--windows 60] [--styles train,shifted-camera,shifted]
import { parseArgs } from 'node:util';
import { CATALOG } from '../src/core/labels.ts';
import { cropForWindow, toWorkingFrame } from '../src/core/preprocess.ts';
import { createScene, Random, WORLD_STYLES, type WorldStyle } from '../src/synth/index.ts';
import { loadModelSpec } from './lib/model-files.ts';

const { values } = parseArgs({ options: { spec: { type: 'string', multiple: true }, windows: { type: 'string' }, styles: { type: 'string' } } });
const specPaths = values.spec ?? [undefined];
const windowCount = Number(values.windows ?? 60);
const styles = (values.styles ?? 'train,shifted-camera,shifted-look,shifted').split(',') as WorldStyle[];
for (const style of styles) if (!WORLD_STYLES.includes(style)) throw new Error(`unknown style ${style}: ${WORLD_STYLES.join(', ')}`);
// Classes with a person moving (0b_empty has nothing to crop on).
const classes = CATALOG.filter((name) => name !== '0b_empty');

console.log('| crop rule | world | windows | whole frame | median side | p90 side |');
console.log('|---|---|---:|---:|---:|---:|');
for (const specPath of specPaths) {
  const spec = loadModelSpec(specPath);
  const rule = spec.input.crop;
  const name = `${specPath ?? 'models/model.json'} (${rule.workingWidth} px, min ${rule.minSideFraction}, ×${rule.margin}, trim ${rule.trimFraction}, noise ×${rule.noiseMultiple ?? 3}${rule.subtractFloor ? ', floor' : ''}${rule.minMovingNeighbours ? `, neighbours ≥ ${rule.minMovingNeighbours}` : ''}${rule.minMotionFraction !== undefined ? `, motion ≥ ${rule.minMotionFraction}` : ''})`;
  for (const style of styles) {
    const sides: number[] = [];
    let whole = 0;
    for (let index = 0; index < windowCount; index++) {
      const className = classes[index % classes.length];
      const random = new Random(index + 1);
      const width = 288;
      const height = 216;
      const scene = createScene({ className, seed: 7_000_000 + index, width, height, fps: spec.input.fps, style });
      const frames = scene.clip(scene.clipStartSec(spec.input.frames / spec.input.fps, random), spec.input.frames);
      const working = frames.map((frame) => toWorkingFrame(frame, width, height, 4, rule));
      const crop = cropForWindow(working, rule);
      const shorter = Math.min(working[0].width, working[0].height);
      if (crop.width >= shorter - 0.5) whole += 1;
      sides.push(crop.width / shorter);
    }
    sides.sort((a, b) => a - b);
    const at = (fraction: number) => sides[Math.min(sides.length - 1, Math.floor(fraction * sides.length))].toFixed(2);
    console.log(`| ${name} | ${style} | ${windowCount} | ${((100 * whole) / windowCount).toFixed(0)} % | ${at(0.5)} | ${at(0.9)} |`);
  }
}
