// The Dataset view in e2e tests: what IndexedDB holds for every clip, opening the view, and a real
// (decodable) WebM recorded in the page for archives built in Node.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClipMetadata } from '../src/core/clip-zip.ts';
import { launchApp, type LaunchedApp } from '../tools/lib/browser.ts';

/** A fresh temporary folder, and `open(camera)`: the app in a fresh profile (camera a Y4M path, or null for the built-in fake), closed after the test. */
export const datasetTest = base.extend<{ directory: string; open: (camera: string | null) => Promise<LaunchedApp> }>({
  directory: async ({}, use) => {
    const directory = mkdtempSync(join(tmpdir(), 'jt-e2e-record-'));
    await use(directory);
    rmSync(directory, { recursive: true, force: true });
  },
  open: async ({ baseURL }, use) => {
    const opened: LaunchedApp[] = [];
    await use(async (clip) => {
      const app = await launchApp({ camera: clip ? `file:${clip}` : 'builtin' });
      opened.push(app);
      await app.page.goto(`${baseURL}?ep=wasm`);
      return app;
    });
    for (const app of opened) await app.close();
  },
});

export interface StoredClipSummary {
  readonly id: string;
  readonly label: string;
  readonly split: string;
  readonly recordingSessionId: string;
  readonly recordedAtMs: number;
  readonly durationMs: number;
  readonly camera: string;
  readonly videoMimeType: string;
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  readonly tensorBytes: number;
  readonly tensorSha256: string;
  readonly videoBytes: number;
  readonly videoType: string;
  readonly videoSha256: string;
}

/** Everything stored for every clip, read straight from IndexedDB (sorted by id). */
export async function storedClips(page: Page): Promise<StoredClipSummary[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('juggling-trainer');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = async (store: string): Promise<any[]> => {
      if (!db.objectStoreNames.contains(store)) return [];
      return new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    };
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const [clips, tensors, videos] = [await all('clips'), await all('clipTensors'), await all('clipVideos')];
    db.close();
    const summaries = [];
    for (const clip of clips) {
      const tensor = tensors.find((entry) => entry.id === clip.id);
      const video = videos.find((entry) => entry.id === clip.id);
      const videoBuffer = await (video.video as Blob).arrayBuffer();
      summaries.push({
        id: clip.id, label: clip.label, split: clip.split, recordingSessionId: clip.recordingSessionId, recordedAtMs: clip.recordedAtMs,
        durationMs: clip.durationMs, camera: clip.camera, videoMimeType: clip.videoMimeType,
        frames: tensor.frames, height: tensor.height, width: tensor.width, fps: tensor.fps, tensorBytes: tensor.data.length,
        tensorSha256: hex(await crypto.subtle.digest('SHA-256', tensor.data)),
        videoBytes: videoBuffer.byteLength, videoType: (video.video as Blob).type, videoSha256: hex(await crypto.subtle.digest('SHA-256', videoBuffer)),
      });
    }
    return summaries.sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

export async function openDataset(page: Page): Promise<void> {
  await page.getByTestId('record-open').click();
  await page.getByTestId('dataset-open').click();
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
}

/** A short real WebM (VP8) recorded by the page's MediaRecorder from a canvas: a video the browser decodes. */
export async function recordWebm(page: Page, frames = 15): Promise<Uint8Array> {
  const bytes = await page.evaluate(async (frameCount) => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const context = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let frame = 0; frame < frameCount; frame++) {
      context.fillStyle = `hsl(${frame * 24}, 80%, 50%)`;
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#fff';
      context.fillRect((frame * 9) % canvas.width, 40, 20, 20);
      await new Promise((resolve) => setTimeout(resolve, 70));
    }
    recorder.stop();
    await stopped;
    return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
  }, frames);
  return Uint8Array.from(bytes);
}

/** A clip's metadata for archives built in the tests: clip `index` of one recording session, 3 s, 45 frames, WebM. */
export function testClipMeta(index: number, id: string, label: string): ClipMetadata {
  return {
    id,
    label,
    split: 'train',
    recordedAtMs: 1_795_000_000_000 + index * 10_000,
    durationMs: 3000,
    camera: 'test camera',
    recordingSessionId: 'session-one',
    videoMimeType: 'video/webm;codecs=vp8',
    frames: 45,
  };
}
