// Development: the server (restarted on change by tsx) and Vite's dev server with hot reload.
// Open the links the server prints; Vite on :5173 proxies the API and the socket to it.
import { spawn } from 'node:child_process';

const serverPort = process.env.PITCH_DEV_SERVER_PORT ?? '3001';
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/index.ts'], {
    stdio: 'inherit',
    env: { PUBLIC_URL: 'http://localhost:5173', ...process.env, PORT: serverPort },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, PITCH_DEV_SERVER_PORT: serverPort } }),
];

const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
