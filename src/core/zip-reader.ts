// Reading a zip without trusting it: the central directory is parsed by hand (names, methods,
// sizes, CRCs, where each entry's data lies), and an entry is inflated with a hard stop one byte
// past its declared size, then checked against its CRC-32. Nothing here throws on bad input:
// every failure is a reason for people.
import { Inflate } from 'fflate';
import { crc32 } from './crc32.ts';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate; anything else is reported by the caller. */
  readonly compression: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  /** As the directory declares it: a claim, checked while inflating. */
  readonly originalSize: number;
  readonly crc32: number;
  /** Where the entry's (compressed) bytes start in the archive. */
  readonly dataOffset: number;
}

export type ZipDirectory = { readonly entries: readonly ZipEntry[]; readonly problem: null } | { readonly entries: null; readonly problem: string };
export type ZipEntryData = { readonly data: Uint8Array; readonly problem: null } | { readonly data: null; readonly problem: string };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
/** Compressed bytes given to the inflater at a time: deflate expands at most ~1032×, so one step overshoots by at most ~8 MB. */
const INFLATE_STEP_BYTES = 8 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - END_RECORD_BYTES;
  for (let offset = last; offset >= 0 && offset >= last - MAX_COMMENT_BYTES; offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  return -1;
}

/** The archive's entries as its central directory lists them, each checked against its local header. */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const failed = (problem: string): ZipDirectory => ({ entries: null, problem });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) return failed('no zip directory found');
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0 || view.getUint16(end + 8, true) !== count) {
    return failed('multi-part (spanned) archives are not supported');
  }
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) return failed('ZIP64 archives are not supported');
  if (directoryOffset + directorySize > end) return failed('the zip directory lies outside the file');

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== DIRECTORY_HEADER) return failed(`directory entry ${index + 1} is damaged`);
    const flags = view.getUint16(offset + 8, true);
    const compression = view.getUint16(offset + 10, true);
    const checksum = view.getUint32(offset + 16, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const originalSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    if (offset + 46 + nameLength > end) return failed(`directory entry ${index + 1} is damaged`);
    if (compressedSize === 0xffffffff || originalSize === 0xffffffff || localOffset === 0xffffffff) return failed('ZIP64 archives are not supported');
    let name: string;
    try {
      name = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
    } catch {
      return failed(`directory entry ${index + 1} has a name that is not valid UTF-8`);
    }
    const shown = JSON.stringify(name.slice(0, 120));
    if (localOffset + 30 > directoryOffset || view.getUint32(localOffset, true) !== LOCAL_HEADER) return failed(`${shown}: its local header is missing or damaged`);
    const localNameLength = view.getUint16(localOffset + 26, true);
    const localExtraLength = view.getUint16(localOffset + 28, true);
    if (!sameBytes(bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength), nameBytes)) return failed(`${shown}: the local header names another file`);
    const dataOffset = localOffset + 30 + localNameLength + localExtraLength;
    if (dataOffset + compressedSize > directoryOffset) return failed(`${shown}: its data runs past the end of the archive (truncated?)`);
    entries.push({ name, compression, encrypted: (flags & 1) !== 0, compressedSize, originalSize, crc32: checksum, dataOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, problem: null };
}

/** Inflates raw deflate data, stopping as soon as the output passes `expectedBytes`. */
function inflateAtMost(compressed: Uint8Array, expectedBytes: number): Uint8Array | 'too long' | 'too short' | 'damaged' {
  const out = new Uint8Array(expectedBytes);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (written + chunk.length > expectedBytes) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let start = 0; start < compressed.length && !overflow; start += INFLATE_STEP_BYTES) {
      const end = Math.min(start + INFLATE_STEP_BYTES, compressed.length);
      inflater.push(compressed.subarray(start, end), end === compressed.length);
    }
    if (compressed.length === 0) inflater.push(compressed, true);
  } catch {
    return overflow ? 'too long' : 'damaged';
  }
  if (overflow) return 'too long';
  return written === expectedBytes ? out : 'too short';
}

/**
 * One entry's bytes, exactly as many as the directory declares and matching its CRC-32, or why
 * not. Stored entries are returned as a view into `archive` (no copy).
 */
export function readZipEntry(archive: Uint8Array, entry: ZipEntry): ZipEntryData {
  const failed = (problem: string): ZipEntryData => ({ data: null, problem });
  const shown = JSON.stringify(entry.name);
  if (entry.encrypted) return failed(`${shown} is encrypted`);
  const compressed = archive.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let data: Uint8Array;
  if (entry.compression === 0) {
    if (entry.compressedSize !== entry.originalSize) return failed(`${shown} is stored with ${entry.compressedSize} bytes but declares ${entry.originalSize}`);
    data = compressed;
  } else if (entry.compression === 8) {
    const inflated = inflateAtMost(compressed, entry.originalSize);
    if (inflated === 'too long') return failed(`${shown} unpacks to more than its declared ${entry.originalSize} bytes (a zip bomb?)`);
    if (inflated === 'too short') return failed(`${shown} unpacks to fewer than its declared ${entry.originalSize} bytes (truncated?)`);
    if (inflated === 'damaged') return failed(`${shown} has damaged compressed data`);
    data = inflated;
  } else {
    return failed(`${shown} uses compression method ${entry.compression}; only stored and deflate are supported`);
  }
  const actual = crc32(data);
  if (actual !== entry.crc32) return failed(`${shown} fails its checksum (CRC-32 ${hex(actual)}, the archive says ${hex(entry.crc32)}): the file is damaged`);
  return { data, problem: null };
}

const hex = (value: number) => value.toString(16).padStart(8, '0');
