/** App version (package.json, or JT_APP_VERSION at build time): Vite's `define` reaches workers too. */
declare const __APP_VERSION__: string;
