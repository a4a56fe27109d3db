// Y4M (YUV4MPEG2, 4:2:0) reading and writing, BT.601 full-range conversion to and from RGBA.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

export interface Y4mHeader {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
}

export class Y4mError extends Error {}

const clampByte = (value: number): number => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

export function rgbaToI420(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  const chromaWidth = Math.ceil(width / 2);
  const chromaHeight = Math.ceil(height / 2);
  const out = new Uint8Array(width * height + 2 * chromaWidth * chromaHeight);
  const uOffset = width * height;
  const vOffset = uOffset + chromaWidth * chromaHeight;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = (y * width + x) * 4;
      out[y * width + x] = clampByte(0.299 * rgba[index] + 0.587 * rgba[index + 1] + 0.114 * rgba[index + 2]);
    }
  }
  for (let cy = 0; cy < chromaHeight; cy++) {
    for (let cx = 0; cx < chromaWidth; cx++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let count = 0;
      for (let oy = 0; oy < 2; oy++) for (let ox = 0; ox < 2; ox++) {
        const x = cx * 2 + ox;
        const y = cy * 2 + oy;
        if (x >= width || y >= height) continue;
        const index = (y * width + x) * 4;
        red += rgba[index];
        green += rgba[index + 1];
        blue += rgba[index + 2];
        count++;
      }
      red /= count;
      green /= count;
      blue /= count;
      out[uOffset + cy * chromaWidth + cx] = clampByte(128 - 0.168736 * red - 0.331264 * green + 0.5 * blue);
      out[vOffset + cy * chromaWidth + cx] = clampByte(128 + 0.5 * red - 0.418688 * green - 0.081312 * blue);
    }
  }
  return out;
}

export function i420ToRgba(frame: Uint8Array, width: number, height: number): Uint8ClampedArray {
  const chromaWidth = Math.ceil(width / 2);
  const chromaHeight = Math.ceil(height / 2);
  const uOffset = width * height;
  const vOffset = uOffset + chromaWidth * chromaHeight;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const luma = frame[y * width + x];
      const chromaIndex = (y >> 1) * chromaWidth + (x >> 1);
      const u = frame[uOffset + chromaIndex] - 128;
      const v = frame[vOffset + chromaIndex] - 128;
      const index = (y * width + x) * 4;
      out[index] = luma + 1.402 * v;
      out[index + 1] = luma - 0.344136 * u - 0.714136 * v;
      out[index + 2] = luma + 1.772 * u;
      out[index + 3] = 255;
    }
  }
  return out;
}

export class Y4mWriter {
  private readonly descriptor: number;

  constructor(path: string, readonly header: Y4mHeader) {
    this.descriptor = openSync(path, 'w');
    writeSync(this.descriptor, `YUV4MPEG2 W${header.width} H${header.height} F${header.fps}:1 Ip A1:1 C420jpeg\n`);
  }

  writeRgba(rgba: ArrayLike<number>): void {
    this.writeI420(rgbaToI420(rgba, this.header.width, this.header.height));
  }

  /** One frame already in 4:2:0 (as readY4m gives them). */
  writeI420(frame: Uint8Array): void {
    writeSync(this.descriptor, 'FRAME\n');
    writeSync(this.descriptor, frame);
  }

  close(): void {
    closeSync(this.descriptor);
  }
}

/** Reads a whole Y4M file (4:2:0 only); throws Y4mError with a clear reason otherwise. */
export function readY4m(path: string): { header: Y4mHeader; frames: Uint8Array[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Y4mError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const headerEnd = bytes.indexOf(0x0a);
  const headerText = bytes.subarray(0, Math.max(headerEnd, 0)).toString('latin1');
  if (headerEnd < 0 || !headerText.startsWith('YUV4MPEG2 ')) throw new Y4mError(`${path} is not a Y4M file (it must start with "YUV4MPEG2 ")`);
  const fields = new Map(headerText.split(' ').slice(1).map((field) => [field[0], field.slice(1)]));
  const width = Number(fields.get('W'));
  const height = Number(fields.get('H'));
  const [rateNumerator, rateDenominator] = (fields.get('F') ?? '30:1').split(':').map(Number);
  const colourSpace = fields.get('C') ?? '420jpeg';
  if (!(width > 0 && height > 0)) throw new Y4mError(`${path}: the header has no valid W/H`);
  if (!colourSpace.startsWith('420')) throw new Y4mError(`${path}: colour space C${colourSpace} is not supported; write it with ffmpeg -pix_fmt yuv420p`);
  const fps = rateNumerator / (rateDenominator || 1);
  if (!(fps > 0)) throw new Y4mError(`${path}: the header has no valid frame rate`);
  const frameSize = width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
  const frames: Uint8Array[] = [];
  let offset = headerEnd + 1;
  while (offset < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, offset);
    if (lineEnd < 0 || !bytes.subarray(offset, lineEnd).toString('latin1').startsWith('FRAME')) throw new Y4mError(`${path}: frame ${frames.length} has no FRAME marker (file damaged?)`);
    const start = lineEnd + 1;
    if (start + frameSize > bytes.length) throw new Y4mError(`${path}: frame ${frames.length} is truncated`);
    frames.push(new Uint8Array(bytes.buffer, bytes.byteOffset + start, frameSize));
    offset = start + frameSize;
  }
  if (frames.length === 0) throw new Y4mError(`${path}: no frames`);
  return { header: { width, height, fps }, frames };
}

/**
 * Any video → a Y4M file with ffmpeg (not on a fresh machine: apt-get install -y ffmpeg), at its
 * own frame rate but at most 30 fps, at most 640 px wide and `maxSeconds` long (a long or
 * variable-rate clip would not fit a Y4M in memory).
 */
export function videoToY4m(video: string, out: string, maxSeconds = 20): void {
  const result = spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', video, '-t', String(maxSeconds), '-fpsmax', '30', '-vf', "scale='min(640,iw)':-2", '-pix_fmt', 'yuv420p', '-an', out], { encoding: 'utf8' });
  if (result.error) throw new Y4mError(`ffmpeg could not start (${result.error.message}): apt-get install -y ffmpeg`);
  if (result.status !== 0) throw new Y4mError(`ffmpeg failed on ${video}: ${result.stderr.trim().split('\n').pop()}`);
}
