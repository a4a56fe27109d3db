// A private deployment for the service-worker update tests: builds the app into its own folder,
// serves it with `vite preview` on its own port, and swaps in a newer build, so dist/ and the
// shared preview server stay untouched.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Deployment {
  readonly url: string;
  /** Builds `version` beside the served folder and swaps it in at once (the old files are gone, as on a real host). */
  deploy(version: string): void;
  close(): void;
}

export interface DeploymentOptions {
  /** Added to JT_PORT for this deployment's port (6 unless said), so deployments of several specs never collide. */
  readonly portOffset?: number;
  /** Build with this model folder (JT_MODELS_DIR, vite.config.ts) instead of models/. */
  readonly modelsDir?: string;
}

function build(outDir: string, version: string, modelsDir?: string): void {
  const result = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, JT_APP_VERSION: version, ...(modelsDir ? { JT_MODELS_DIR: modelsDir } : {}) },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed: ${result.stderr}`);
}

/** Builds `version` and serves it (on JT_PORT + 6 unless said, so checkouts side by side do not collide). */
export async function startDeployment(version: string, options: DeploymentOptions = {}): Promise<Deployment> {
  const port = Number(process.env.JT_PORT ?? 4173) + (options.portOffset ?? 6);
  const url = `http://localhost:${port}/`;
  const outDir = mkdtempSync(join(tmpdir(), 'jt-e2e-dist-'));
  const folders = [outDir, `${outDir}-next`, `${outDir}-old`];
  build(outDir, version, options.modelsDir);
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const close = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // Already gone (it could not take the port).
    }
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  // Ours, not a leftover of an earlier run on the same port: strictPort makes ours exit then.
  for (let attempt = 0; ; attempt++) {
    if (server.exitCode !== null) {
      close();
      throw new Error(`vite preview could not start on port ${port} (is an earlier one still running?)`);
    }
    if (await fetch(url).then((response) => response.ok, () => false)) break;
    if (attempt === 100) {
      close();
      throw new Error('vite preview did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    deploy(next: string) {
      // A browser update check that lands mid-build would otherwise read half-written files and
      // stall the registration's job queue.
      build(`${outDir}-next`, next, options.modelsDir);
      rmSync(`${outDir}-old`, { recursive: true, force: true });
      renameSync(outDir, `${outDir}-old`);
      renameSync(`${outDir}-next`, outDir);
    },
    close,
  };
}
