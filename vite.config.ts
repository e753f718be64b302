import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const serverPort = Number(process.env.PITCH_DEV_SERVER_PORT ?? 3001);
const target = `http://localhost:${serverPort}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
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
