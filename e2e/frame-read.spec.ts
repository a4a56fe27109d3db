// (DOM types for the code these tests run inside the page.)
// The worker reads each sampled camera frame with VideoFrame.copyTo(RGBA, sRGB) into one reused
// buffer instead of drawing it into a canvas and reading it back (src/worker/frame-pipeline.ts).
// That is only right if both give the same bytes: checked here on the fake webcam's I420 frames
// (the e2e clip) and on a captured canvas's frames (the demo juggler's kind).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { renderClip } from '../tools/lib/webcam-clips.ts';

interface Comparison {
  readonly format: string | null;
  readonly frames: number;
  /** Largest |copyTo − drawImage| over every R, G, B byte of every frame. */
  readonly largestDifference: number;
}

async function compareReads(baseURL: string, useCanvas: boolean): Promise<Comparison> {
  const directory = mkdtempSync(join(tmpdir(), 'jt-e2e-frame-read-'));
  const app = await launchApp({ camera: `file:${renderClip(directory, '3b_cascade', 900013)}` });
  try {
    await app.page.goto(new URL('bench-naive.html', baseURL).href);
    return await app.page.evaluate(async (fromCanvas) => {
      let stream: MediaStream;
      if (fromCanvas) {
        const canvas = document.createElement('canvas');
        canvas.width = 320;
        canvas.height = 240;
        const context = canvas.getContext('2d')!;
        const image = context.createImageData(320, 240);
        let tick = 0;
        const paint = () => {
          tick += 1;
          for (let index = 0; index < image.data.length; index++) image.data[index] = index % 4 === 3 ? 255 : (index * 7919 + tick * 31) % 251;
          context.putImageData(image, 0, 0);
        };
        paint();
        setInterval(paint, 33);
        stream = canvas.captureStream(30);
      } else {
        stream = await navigator.mediaDevices.getUserMedia({ video: true });
      }
      const track = stream.getVideoTracks()[0];
      const Processor = (window as unknown as { MediaStreamTrackProcessor: new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> } }).MediaStreamTrackProcessor;
      const reader = new Processor({ track }).readable.getReader();
      let largestDifference = 0;
      let format: string | null = null;
      const frames = 5;
      for (let count = 0; count < frames; count++) {
        const frame = (await reader.read()).value!;
        format = frame.format;
        const { displayWidth: width, displayHeight: height } = frame;
        const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
        context.drawImage(frame, 0, 0, width, height);
        const drawn = context.getImageData(0, 0, width, height).data;
        const copied = new Uint8Array(width * height * 4);
        await frame.copyTo(copied, { format: 'RGBA', colorSpace: 'srgb' });
        frame.close();
        for (let index = 0; index < drawn.length; index++) {
          if (index % 4 !== 3) largestDifference = Math.max(largestDifference, Math.abs(copied[index] - drawn[index]));
        }
      }
      track.stop();
      return { format, frames, largestDifference };
    }, useCanvas);
  } finally {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

test('VideoFrame.copyTo(RGBA) gives the bytes drawImage gives: fake webcam (I420) frames', async ({ baseURL }) => {
  const comparison = await compareReads(baseURL!, false);
  expect(comparison).toEqual({ format: 'I420', frames: 5, largestDifference: 0 });
});

test('VideoFrame.copyTo(RGBA) gives the bytes drawImage gives: captured canvas frames', async ({ baseURL }) => {
  const comparison = await compareReads(baseURL!, true);
  expect(comparison.frames).toBe(5);
  expect(comparison.largestDifference).toBe(0);
});
