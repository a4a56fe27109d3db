import { defineConfig } from '@playwright/test';

// JT_PORT lets two checkouts on one machine run their e2e tests side by side.
export const PREVIEW_PORT = Number(process.env.JT_PORT ?? 4173);

// Tests launch their own persistent Chromium (tools/lib/browser.ts) because each needs its own
// camera flags; one worker, since this machine has 2 cores. Under JT_CPU_THROTTLE=N
// (npm run test:e2e:slow) every wait is N× longer: a test checks what happens, not how fast.
const slowdown = Math.max(1, Number(process.env.JT_CPU_THROTTLE ?? 1) || 1);
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000 * slowdown,
  expect: { timeout: 15_000 * slowdown },
  reporter: [['list']],
  use: { baseURL: `http://localhost:${PREVIEW_PORT}/` },
  webServer: {
    // `npm run test:e2e` builds first; the preview serves dist/ with the COOP/COEP headers.
    command: `npx vite preview --port ${PREVIEW_PORT} --strictPort`,
    url: `http://localhost:${PREVIEW_PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
