/// <reference types="vite/client" />

/** App version (package.json, or JT_APP_VERSION at build time), shown in the HUD. */
declare const __APP_VERSION__: string;
