// Where a clip import stands, for the Dataset view: the steps in order (the worker reads and
// checks the archive, the page tries each video, then one write), and the words and bar for each.
import { formatBytes } from './format.ts';
import type { ZipCheckProgress } from './clip-zip.ts';

export type ImportProgress =
  | { readonly kind: 'reading'; readonly fileBytes: number }
  | ({ readonly kind: 'checking' } & ZipCheckProgress)
  | { readonly kind: 'videos'; readonly checked: number; readonly total: number }
  | { readonly kind: 'writing'; readonly clips: number };

/** One line for people, e.g. "Checking entries: 40 / 241 (12 MB / 80 MB)". */
export function importProgressText(progress: ImportProgress): string {
  switch (progress.kind) {
    case 'reading':
      return `Reading the file (${formatBytes(progress.fileBytes)})…`;
    case 'checking':
      return `Checking entries: ${progress.entriesChecked} / ${progress.entriesTotal} (${formatBytes(progress.bytesChecked)} / ${formatBytes(progress.bytesTotal)})`;
    case 'videos':
      return `Trying the videos: ${progress.checked} / ${progress.total}`;
    case 'writing':
      return `Saving ${progress.clips} clip${progress.clips === 1 ? '' : 's'}…`;
  }
}

/** Done so far, 0–1, over the whole import (checking the entries by bytes is most of the work); null when unknown. */
export function importProgressFraction(progress: ImportProgress): number | null {
  const CHECKING = 0.8;
  const ratio = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 1);
  switch (progress.kind) {
    case 'reading':
      return null;
    case 'checking':
      return CHECKING * ratio(progress.bytesChecked, progress.bytesTotal);
    case 'videos':
      return CHECKING + (1 - CHECKING) * ratio(progress.checked, progress.total);
    case 'writing':
      return 1;
  }
}

/**
 * Lets through at most one report per `intervalMs`, and always the last one (`done` at its end):
 * a worker checking hundreds of small entries should not flood the page with messages.
 */
export class ProgressThrottle {
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  due(done: boolean): boolean {
    const nowMs = this.now();
    if (!done && nowMs - this.lastMs < this.intervalMs) return false;
    this.lastMs = nowMs;
    return true;
  }
}
