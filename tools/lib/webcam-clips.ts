// Fake-webcam clips for the e2e tests and the app benchmarks: the synthetic juggler's CLI writes a Y4M file.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readY4m, Y4mError, Y4mWriter } from './y4m.ts';

export const RENDER_CLI = new URL('../render.ts', import.meta.url).pathname;

/** Renders a 320×240 clip of one class at `fps` (30 unless said; in the training world's look unless `style` says; 4 s unless said); returns the absolute Y4M path. */
export function renderClip(directory: string, className: string, seed: number, style = 'train', fps = 30, seconds = 4): string {
  const out = join(directory, `${className}-${seed}-${style}-${fps}fps${seconds === 4 ? '' : `-${seconds}s`}.y4m`);
  const args = ['tsx', RENDER_CLI, 'y4m', '--class', className, '--seed', String(seed), '--width', '320', '--height', '240', '--fps', String(fps), '--seconds', String(seconds), '--style', style, '--out', out];
  const result = spawnSync('npx', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`render failed: ${result.stderr}`);
  return out;
}

/** One clip after another in one Y4M (the same size and fps), e.g. juggling, then an empty room: a run that ends. */
export function concatClips(out: string, parts: readonly string[]): string {
  const clips = parts.map((part) => readY4m(part));
  const { header } = clips[0];
  for (const [index, clip] of clips.entries()) {
    if (clip.header.width !== header.width || clip.header.height !== header.height || clip.header.fps !== header.fps) {
      throw new Y4mError(`${parts[index]} is ${clip.header.width}×${clip.header.height} at ${clip.header.fps} fps, not ${header.width}×${header.height} at ${header.fps} fps like ${parts[0]}`);
    }
  }
  const writer = new Y4mWriter(out, header);
  try {
    for (const clip of clips) for (const frame of clip.frames) writer.writeI420(frame);
  } finally {
    writer.close();
  }
  return out;
}
