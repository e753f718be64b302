import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const serverPort = Number(process.env.PITCH_DEV_SERVER_PORT ?? 3001);
const target = `http://localhost:${serverPort}`;

/**
 * A gzipped copy beside every built script and style, made once here: the server sends it to browsers
 * that accept gzip, so a phone on venue Wi-Fi loads a third of the bytes and the server compresses nothing.
 */
function gzipAssets(): Plugin {
  return {
    name: 'pitch-gzip-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const fileName of Object.keys(bundle).filter((f) => /\.(js|css)$/.test(f))) {
        const file = path.join(dir, fileName);
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      }
    },
  };
}

/**
 * The installable app (issue 15): the web app manifest, and the service worker (client/src/sw.ts,
 * Workbox's modules) with the list of built files it precaches. The worker says what it does and why.
 */
function installableApp(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts',
    // Registered by client/src/lib/service-worker.ts after the page has loaded, not by an injected script.
    injectRegister: false,
    // The icons are among the precached files already (globPatterns); the manifest is added by the plugin.
    includeManifestIcons: false,
    manifest: {
      id: '/',
      name: 'ピッチマッチ',
      short_name: 'ピッチマッチ',
      description: 'ピッチイベントのマッチングアプリ / Event-day matching for pitch events',
      lang: 'ja',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b5cad',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    injectManifest: {
      // Every page's code, the door's scanner included: the station must open offline too.
      globPatterns: ['**/*.{js,css,html,png,svg}'],
      // One classic script: no module-worker support needed on older phones.
      rollupFormat: 'iife',
    },
  });
}

export default defineConfig({
  root: 'client',
  plugins: [react(), gzipAssets(), installableApp()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // In development the API and the socket live on the server process; Vite serves the pages.
    proxy: {
      '/t/': target,
      '/api': target,
      '/healthz': target,
      '/socket.io': { target, ws: true },
    },
  },
});
