// A screenshot of the app with a Y4M clip as the webcam, to look at what the user sees.
//   npm run build && npx vite preview --port 4173 &
//   npm run screenshot -- --clip clip.y4m --out shot.png [--url http://localhost:4173/?debug] [--wait-ms 12000]
// Any video becomes a clip with `ffmpeg -i in.mp4 -pix_fmt yuv420p clip.y4m` (or tools/lib/y4m.ts videoToY4m).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchApp } from './lib/browser.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clip: { type: 'string' }, out: { type: 'string' }, url: { type: 'string' }, 'wait-ms': { type: 'string' } } });
  if (!values.clip || !values.out) {
    console.error('usage: npm run screenshot -- --clip clip.y4m --out shot.png [--url http://localhost:4173/?debug] [--wait-ms 12000]');
    process.exit(2);
  }
  const app = await launchApp({ camera: `file:${resolve(values.clip)}` });
  try {
    await app.page.goto(values.url ?? 'http://localhost:4173/');
    await app.page.getByTestId('camera-start').click({ timeout: 5_000 }).catch(() => undefined);
    await app.page.waitForTimeout(Number(values['wait-ms'] ?? 12_000));
    await app.page.screenshot({ path: values.out });
    console.log(`wrote ${values.out}`);
  } finally {
    await app.close();
  }
}

await main();
