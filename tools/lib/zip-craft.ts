// Hand-made zips for tests and the import fuzzer: every header field (CRC, sizes, method, name)
// is whatever the caller says, so lies a real zip writer would never tell can be told.
import { Deflate, deflateSync } from 'fflate';
import { crc32 } from '../../src/core/crc32.ts';
import { concatBytes as concat } from '../../src/core/clip-zip.ts';

export interface CraftedEntry {
  readonly name: string;
  /** The bytes as they lie in the archive (deflated already for method 8). */
  readonly data: Uint8Array;
  readonly method: number;
  readonly crc32: number;
  /** The size the headers declare once unpacked. */
  readonly originalSize: number;
  readonly flags?: number;
}

/** An honest entry: deflated (method 8) unless `stored`. */
export function entryOf(name: string, bytes: Uint8Array, stored = false): CraftedEntry {
  return { name, data: stored ? bytes : deflateSync(bytes), method: stored ? 0 : 8, crc32: crc32(bytes), originalSize: bytes.length };
}

/** A raw deflate stream of `inflatedBytes` zeros (a zip bomb: about 1 kB per MB), made without holding the zeros. */
export function zeroStream(inflatedBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflater = new Deflate({ level: 1 }, (chunk) => chunks.push(chunk));
  const block = new Uint8Array(1024 * 1024);
  for (let left = inflatedBytes; left > 0; left -= block.length) deflater.push(left > block.length ? block : block.subarray(0, left), left <= block.length);
  return concat(chunks);
}


/** The archive: local headers and data, the central directory, its end record. */
export function craftZip(entries: readonly CraftedEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const flags = (entry.flags ?? 0) | 0x800;
    const local = new Uint8Array(30 + name.length);
    const localView = new DataView(local.buffer);
    localView.setUint32(0, 0x04034b50, true);
    localView.setUint16(4, 20, true);
    localView.setUint16(6, flags, true);
    localView.setUint16(8, entry.method, true);
    localView.setUint32(14, entry.crc32 >>> 0, true);
    localView.setUint32(18, entry.data.length, true);
    localView.setUint32(22, entry.originalSize >>> 0, true);
    localView.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const centralView = new DataView(central.buffer);
    centralView.setUint32(0, 0x02014b50, true);
    centralView.setUint16(4, 20, true);
    centralView.setUint16(6, 20, true);
    centralView.setUint16(8, flags, true);
    centralView.setUint16(10, entry.method, true);
    centralView.setUint32(16, entry.crc32 >>> 0, true);
    centralView.setUint32(20, entry.data.length, true);
    centralView.setUint32(24, entry.originalSize >>> 0, true);
    centralView.setUint16(28, name.length, true);
    centralView.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, entry.data);
    centrals.push(central);
    offset += local.length + entry.data.length;
  }
  const directory = concat(centrals);
  const end = new Uint8Array(22);
  const endView = new DataView(end.buffer);
  endView.setUint32(0, 0x06054b50, true);
  endView.setUint16(8, entries.length, true);
  endView.setUint16(10, entries.length, true);
  endView.setUint32(12, directory.length, true);
  endView.setUint32(16, offset, true);
  return concat([...locals, directory, end]);
}
