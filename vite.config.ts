import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: 'client',
  plugins: [react(), gzipAssets()],
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
