import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extname, join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
// JT_MODELS_DIR builds the app with another model folder (a candidate from `npm run candidate`, for
// an e2e test of a ball detector before one ships); models/ unless said.
const modelsDir = process.env.JT_MODELS_DIR ? resolve(process.env.JT_MODELS_DIR) : join(rootDir, 'models');
const packageVersion = (JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string }).version;
// JT_APP_VERSION lets a test build a "newer" app to exercise the service-worker update flow.
const appVersion = process.env.JT_APP_VERSION ?? packageVersion;

// WASM threads need cross-origin isolation (SharedArrayBuffer); the same headers in dev and preview.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The Content-Security-Policy of index.html's meta tag: written once, there. */
function contentSecurityPolicy(): string {
  const html = readFileSync(join(rootDir, 'index.html'), 'utf8');
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!policy) throw new Error('index.html has no Content-Security-Policy meta tag');
  return policy;
}

// The preview (npm start) also sends the policy as a header: a meta tag does not reach the
// workers or the service worker, which take their policy from their own response.
// Not in dev, where the meta tag alone applies: Vite's dev client is not what ships.
const previewHeaders = { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy() };

/** The shipped model files: model.json and every .onnx beside it (the model and any stages). */
function modelFiles(): string[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir).filter((name) => name === 'model.json' || extname(name) === '.onnx');
}

/**
 * models/ lives at the repo root (training writes it); the app reads it at /models/.
 * Dev: served from the folder. Build: emitted into dist/models/ so the SW precaches it.
 */
function serveModels(): Plugin {
  return {
    name: 'jt-serve-models',
    configureServer(server) {
      server.middlewares.use('/models', (request, response, next) => {
        const name = decodeURIComponent((request.url ?? '/').split('?')[0]).replace(/^\//, '');
        if (!modelFiles().includes(name)) return next();
        const path = join(modelsDir, name);
        response.setHeader('Content-Type', name.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        response.setHeader('Content-Length', String(statSync(path).size));
        response.setHeader('Cache-Control', 'no-cache');
        response.end(readFileSync(path));
      });
    },
    generateBundle() {
      for (const name of modelFiles()) {
        const source = name === 'model.json' ? modelJsonWithFileChecks() : readFileSync(join(modelsDir, name));
        this.emitFile({ type: 'asset', fileName: `models/${name}`, source });
      }
    },
  };
}

const sha256 = (bytes: Buffer, encoding: 'hex' | 'base64') => createHash('sha256').update(bytes).digest(encoding);

/**
 * The built model.json carries the size and SHA-256 of every .onnx beside it (`fileChecks`): the
 * worker checks each download against them, so a damaged copy is never used (src/shared/model-files.ts).
 */
function modelJsonWithFileChecks(): string {
  const spec = JSON.parse(readFileSync(join(modelsDir, 'model.json'), 'utf8')) as Record<string, unknown>;
  const fileChecks: Record<string, { bytes: number; sha256: string }> = {};
  for (const name of modelFiles().filter((file) => file !== 'model.json')) {
    const bytes = readFileSync(join(modelsDir, name));
    fileChecks[name] = { bytes: bytes.length, sha256: sha256(bytes, 'hex') };
  }
  return `${JSON.stringify({ ...spec, fileChecks }, null, 2)}\n`;
}

/**
 * Subresource integrity on the models' precache entries: the service worker refuses to install
 * (and so never caches) a model file whose bytes are not the built ones, instead of keeping the
 * bad copy under the good revision for good.
 */
async function modelIntegrity(entries: { url: string; revision: string | null; size: number; integrity?: string }[]) {
  // The bytes serveModels emits (whatever the build's outDir is).
  const emitted = (name: string) => (name === 'model.json' ? Buffer.from(modelJsonWithFileChecks()) : readFileSync(join(modelsDir, name)));
  const manifest = entries.map((entry) =>
    entry.url.startsWith('models/') ? { ...entry, integrity: `sha256-${sha256(emitted(entry.url.slice('models/'.length)), 'base64')}` } : entry,
  );
  return { manifest, warnings: [] };
}

export default defineConfig({
  base: './',
  define: {
    __APP_VERSION__: JSON.stringify(appVersion),
  },
  server: { headers: isolationHeaders },
  preview: { headers: previewHeaders },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: {
    target: 'es2022',
    // bench-naive.html: the benchmark's main-thread comparison page (tools/bench-app.ts), not part of the app.
    rollupOptions: { input: { main: join(rootDir, 'index.html'), 'bench-naive': join(rootDir, 'bench-naive.html') } },
  },
  plugins: [
    serveModels(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // Registration is ours (src/platform/sw-register.ts, workbox-window) for the update prompt.
      injectRegister: false,
      injectManifest: {
        // Icons and the manifest are added by the plugin itself.
        globPatterns: ['**/*.{js,mjs,css,html,wasm,json,onnx}'],
        // The benchmark's naive comparison page is not part of the installed app.
        globIgnores: ['bench-naive.html', 'assets/bench-naive-*'],
        // The ORT wasm (~27 MB) and the model exceed workbox's 2 MiB default, which fails the build.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        manifestTransforms: [modelIntegrity],
        rollupFormat: 'es',
      },
      manifest: {
        name: 'Juggling Trainer',
        short_name: 'Juggle',
        description: 'Learn to juggle with live feedback from your webcam. Runs on your device, offline.',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        background_color: '#101420',
        theme_color: '#101420',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
});
