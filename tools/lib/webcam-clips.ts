// Fake-webcam clips for the e2e tests and the app benchmarks: the synthetic juggler's CLI writes a Y4M file.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const RENDER_CLI = new URL('../render.ts', import.meta.url).pathname;

/** Renders a 4-second 320×240 clip of one class at `fps` (30 unless said; in the training world's look unless `style` says); returns the absolute Y4M path. */
export function renderClip(directory: string, className: string, seed: number, style = 'train', fps = 30): string {
  const out = join(directory, `${className}-${seed}-${style}-${fps}fps.y4m`);
  const args = ['tsx', RENDER_CLI, 'y4m', '--class', className, '--seed', String(seed), '--width', '320', '--height', '240', '--fps', String(fps), '--seconds', '4', '--style', style, '--out', out];
  const result = spawnSync('npx', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`render failed: ${result.stderr}`);
  return out;
}
