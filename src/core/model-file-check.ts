// What a model file must be to be used: its size and SHA-256, as the build wrote them into
// model.json's `fileChecks` (from the committed files in models/). A damaged copy (a truncated
// download, a bad disk, a poisoned cache) is told apart from a good one before ORT sees it.

/** A file's expected size and SHA-256 (lower-case hex). */
export interface FileCheck {
  readonly bytes: number;
  readonly sha256: string;
}

/** model.json's `fileChecks`: file name (as model.json names it) → its check. */
export type FileChecks = Readonly<Record<string, FileCheck>>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isFileCheck(value: unknown): value is FileCheck {
  if (!value || typeof value !== 'object') return false;
  const check = value as Record<string, unknown>;
  return Number.isInteger(check.bytes) && (check.bytes as number) > 0 && typeof check.sha256 === 'string' && SHA256_HEX.test(check.sha256);
}

export function toHex(digest: ArrayBuffer | Uint8Array): string {
  const bytes = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Why the downloaded file is not the one model.json describes, or null when it is. The size is
 * compared first, so a truncated file needs no hash; `sha256Hex` is only called when sizes agree.
 */
export async function fileProblem(byteLength: number, sha256Hex: () => Promise<string>, check: FileCheck): Promise<string | null> {
  if (byteLength !== check.bytes) return `it has ${byteLength} bytes instead of ${check.bytes}`;
  const actual = await sha256Hex();
  return actual === check.sha256 ? null : 'its SHA-256 checksum does not match';
}
