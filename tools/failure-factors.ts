// Which conditions go with wrong ball counts? Re-renders every clip of rendered sets from its seed
// (checking it matches the stored tensor), runs the model, and prints ball-count accuracy by how
// the crop was placed, by the juggler's height in the network's input, by noise and by a moving
// background object; plus which counts were said instead.
//   npm run failure-factors -- --set data/E-shifted --set data/E-shifted-5 [--model models/model.json] [--json out.json]
//   [--crop-from-scene]: place every crop around where the renderer knows the hands and balls are
//   (the ceiling of a better crop; the stored tensors are then not checked)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLabel } from '../src/core/labels.ts';
import { argmax } from '../src/core/postprocess.ts';
import { toModelInput } from '../src/core/preprocess.ts';
import { WORLD_STYLES, type WorldStyle } from '../src/synth/index.ts';
import { renderClipTensor, type RenderedClip } from './lib/clips.ts';
import { loadNodeModel } from './lib/onnx-node.ts';
import { loadShardFolder } from './evaluate.ts';

export interface ClipOutcome {
  readonly label: string;
  readonly saidBalls: number;
  readonly right: boolean;
  readonly clip: RenderedClip;
  /** The juggler's standing height in the network's input, pixels. */
  readonly jugglerInputPx: number;
}

export type CropPlacement = 'from the scene\'s juggling box' | 'located: the locator\'s box' | 'fell back to the centre square' | 'motion, whole frame height' | 'motion, part of the frame';

export function cropPlacement(clip: RenderedClip): CropPlacement {
  if (clip.fromScene) return 'from the scene\'s juggling box';
  if (clip.located) return 'located: the locator\'s box';
  if (clip.fellBack) return 'fell back to the centre square';
  return clip.crop.width >= Math.min(clip.workingFrame.width, clip.workingFrame.height) ? 'motion, whole frame height' : 'motion, part of the frame';
}

/** Accuracy per group: [group, clips, right share], groups in the order given by `order` (else sorted). */
export function groupAccuracy<Item>(items: readonly Item[], group: (item: Item) => string, right: (item: Item) => boolean, order?: readonly string[]): [string, number, number][] {
  const groups = new Map<string, { clips: number; right: number }>();
  for (const item of items) {
    const key = group(item);
    const entry = groups.get(key) ?? { clips: 0, right: 0 };
    entry.clips += 1;
    if (right(item)) entry.right += 1;
    groups.set(key, entry);
  }
  const keys = order ? order.filter((key) => groups.has(key)) : [...groups.keys()].sort();
  return keys.map((key) => [key, groups.get(key)!.clips, groups.get(key)!.right / groups.get(key)!.clips]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { set: { type: 'string', multiple: true }, model: { type: 'string' }, json: { type: 'string' }, 'crop-from-scene': { type: 'boolean' } } });
  if (!values.set?.length) throw new Error('give at least one --set <rendered folder>');
  const model = await loadNodeModel(values.model);
  const { input, classes } = model.spec;
  const parsed = classes.map(parseLabel);
  const outcomes: ClipOutcome[] = [];
  for (const folder of values.set) {
    const dataset = JSON.parse(readFileSync(join(folder, 'dataset.json'), 'utf8'));
    const style = dataset.style as WorldStyle;
    if (!WORLD_STYLES.includes(style)) throw new Error(`${folder}/dataset.json has no known style`);
    if (!values['crop-from-scene'] && JSON.stringify(dataset.input.crop) !== JSON.stringify(input.crop)) throw new Error(`${folder} was cropped with another rule than ${values.model ?? 'models/model.json'}'s`);
    const { clips, labels, seeds } = loadShardFolder(folder);
    for (let index = 0; index < clips.length; index++) {
      const seed = seeds[index];
      if (seed === undefined) throw new Error(`${folder}: clip ${index} has no seed in its shard file; render the set again`);
      const fromScene = values['crop-from-scene'] === true;
      const clip = await renderClipTensor(labels[index], seed, input, style, model.locate, fromScene);
      if (!fromScene && Buffer.compare(Buffer.from(clip.tensor), Buffer.from(clips[index])) !== 0) throw new Error(`${folder}: clip ${index} renders differently now; render the set again`);
      const { logits } = await model.run(toModelInput(clip.tensor), 1);
      const saidBalls = parsed[argmax(logits)].balls;
      const scale = clip.workingFrame.width / clip.renderWidth;
      outcomes.push({ label: labels[index], saidBalls, right: saidBalls === parseLabel(labels[index]).balls, clip, jugglerInputPx: (clip.conditions.jugglerHeightPx * scale / clip.crop.width) * input.height });
    }
  }
  const bins = (value: number, edges: readonly number[], unit = '') => {
    const upper = edges.findIndex((edge) => value < edge);
    return upper === 0 ? `< ${edges[0]}${unit}` : upper < 0 ? `≥ ${edges[edges.length - 1]}${unit}` : `${edges[upper - 1]}–${edges[upper]}${unit}`;
  };
  const ballClips = outcomes.filter((outcome) => parseLabel(outcome.label).balls > 0);
  const tables: Record<string, [string, number, number][]> = {
    'crop placement': groupAccuracy(outcomes, (outcome) => cropPlacement(outcome.clip), (outcome) => outcome.right,
      ['from the scene\'s juggling box', 'located: the locator\'s box', 'motion, part of the frame', 'motion, whole frame height', 'fell back to the centre square']),
    'moving background object': groupAccuracy(outcomes, (outcome) => (outcome.clip.conditions.movingBackgroundObject ? 'yes' : 'no'), (outcome) => outcome.right),
    'sensor noise (sd)': groupAccuracy(outcomes, (outcome) => bins(outcome.clip.conditions.noise, [0.03, 0.045, 0.06]), (outcome) => outcome.right,
      ['< 0.03', '0.03–0.045', '0.045–0.06', '≥ 0.06']),
    'juggler height in the input (clips with balls)': groupAccuracy(ballClips, (outcome) => bins(outcome.jugglerInputPx, [20, 35, 50], ' px'), (outcome) => outcome.right,
      ['< 20 px', '20–35 px', '35–50 px', '≥ 50 px']),
  };
  const percent = (share: number) => `${(100 * share).toFixed(1)} %`;
  const right = outcomes.filter((outcome) => outcome.right).length;
  console.log(`${outcomes.length} clips, ball count ${percent(right / outcomes.length)} (${values.set.join(', ')}; ${values.model ?? 'models/model.json'})`);
  for (const [title, rows] of Object.entries(tables)) {
    console.log(`\n${title}:`);
    for (const [group, count, share] of rows) console.log(`  ${group.padEnd(32)} ${String(count).padStart(5)} clips  ${percent(share).padStart(7)}  wrong ${Math.round(count * (1 - share))}`);
  }
  const said: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.right) continue;
    const key = `${parseLabel(outcome.label).balls} read as ${outcome.saidBalls}`;
    said[key] = (said[key] ?? 0) + 1;
  }
  console.log('\nwrong counts:', Object.entries(said).sort((a, b) => b[1] - a[1]).map(([key, count]) => `${key}: ${count}`).join(', '));
  if (values.json) writeFileSync(values.json, JSON.stringify({ clips: outcomes.length, ballCount: right / outcomes.length, tables, wrongCounts: said }, null, 2));
}

if (process.argv[1]?.endsWith('failure-factors.ts')) {
  main().catch((error: Error) => {
    console.error(`failure-factors: ${error.message}`);
    process.exit(1);
  });
}
