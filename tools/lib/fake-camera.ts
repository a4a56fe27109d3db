// One fake webcam whose picture can change during a test: Chromium plays the Y4M at a fixed
// path and re-opens the file on every new getUserMedia, so copying another clip over it and
// re-opening the camera (demo juggler, then "Use my camera") shows the new clip.
import { expect, type Page } from '@playwright/test';
import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export class FakeCamera {
  readonly path: string;

  constructor(directory: string, firstClip: string) {
    this.path = join(directory, 'camera.y4m');
    copyFileSync(firstClip, this.path);
  }

  get flag(): `file:${string}` {
    return `file:${this.path}`;
  }

  /** Puts `clip` on the camera of a running app (practice view) and waits until the model gets its frames. */
  async show(page: Page, clip: string): Promise<void> {
    // The demo juggler releases the camera, so opening it again re-reads the file. The file is
    // replaced whole (rename), never rewritten in place under a reader.
    await page.getByTestId('demo-start').click();
    await expect(page.getByTestId('camera-start')).toBeVisible({ timeout: 20_000 });
    copyFileSync(clip, `${this.path}.next`);
    renameSync(`${this.path}.next`, this.path);
    await page.getByTestId('camera-start').click();
    // "Try the demo juggler" returns once the camera's frames flow to the model again.
    await expect(page.getByTestId('demo-start')).toBeVisible({ timeout: 20_000 });
  }
}
