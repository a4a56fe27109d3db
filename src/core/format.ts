// Small formatting helpers shared by views.

/** "12.3 MB", "1.2 GB", "512 kB", "800 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "2 Dec, 04:15:09" in the reader's locale: when a clip or a session was recorded. */
export function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** What the browser says of this site's storage (src/storage/clips.ts storageStatus); null fields are unknown. */
export interface StorageFigures {
  readonly usageBytes: number | null;
  readonly quotaBytes: number | null;
  readonly persisted: boolean | null;
}

/** The one line the record and dataset views show about storage. */
export function storageText(storage: StorageFigures | null): string {
  if (!storage) return 'Storage use unknown.';
  const used = storage.usageBytes === null ? '?' : formatBytes(storage.usageBytes);
  const quota = storage.quotaBytes === null ? '?' : formatBytes(storage.quotaBytes);
  const persisted =
    storage.persisted === true
      ? 'persistent storage granted'
      : storage.persisted === false
        ? 'persistent storage not granted (the browser may clear clips when the disk runs low; export them to keep a copy)'
        : 'persistence unknown';
  return `Storage: ${used} used of ${quota} available · ${persisted}.`;
}
