/**
 * A camera for Chromium's fake capture device: a Y4M video of one picture, a QR code drawn from the
 * modules the `qrcode` package computes or a badge as the browser draws it, so the scanner reads a
 * real code through the real camera path. Chromium reads the file each time a page opens the
 * camera (checked here), so one browser launched with a path can be shown several badges in turn.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { expect, launchGuardedChromium } from './fixtures';

const W = 640;
const H = 480;

/**
 * A badge held in a hand moves a little: each frame shows the picture shifted by a few pixels, so
 * the decoder samples it at a different phase each time. A still picture is decoded the same way on
 * every frame, and html5-qrcode's decoder (ZXing without TRY_HARDER) misses some codes at some
 * phases for good: a station once watched one revoked badge for 45 s without a read.
 */
const HAND = [
  [0, 0],
  [3, 1],
  [-2, 4],
  [5, -3],
  [-4, -2],
  [1, 5],
  [-5, 2],
  [2, -5],
  [4, 3],
  [-3, -4],
] as const;

/** The picture moved right by DX and down by DY pixels, on white paper. */
function shifted(luma: Uint8Array, dx: number, dy: number): Buffer {
  const out = Buffer.alloc(W * H, 255);
  for (let y = Math.max(0, dy); y < Math.min(H, H + dy); y++) {
    const from = (y - dy) * W;
    out.set(luma.subarray(from + Math.max(0, -dx), from + Math.min(W, W - dx)), y * W + Math.max(0, dx));
  }
  return out;
}

/** Writes FILE as a Y4M video of one grey picture (W×H luma bytes, 0 black, 255 white), held in a hand. */
export function writeCameraFile(file: string, luma: Uint8Array): void {
  if (luma.length !== W * H) throw new Error(`A camera picture is ${W}×${H} bytes, not ${luma.length}.`);
  const chroma = Buffer.alloc((W * H) / 4, 128); // no colour
  const frames = HAND.map(([dx, dy]) => Buffer.concat([Buffer.from('FRAME\n'), shifted(luma, dx, dy), chroma, chroma]));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\n`), ...frames]));
}

/** A fresh path for a camera file, in a folder of its own; it shows white paper until written. */
export function newCameraFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-camera-')), 'badge.y4m');
  writeCameraFile(file, Buffer.alloc(W * H, 255));
  return file;
}

export function writeQrVideo(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = modules.size + quiet * 2;
  const scale = Math.floor((Math.min(W, H) * 0.85) / cells); // a badge held up to the camera, filling most of the frame
  const left = Math.floor((W - cells * scale) / 2);
  const top = Math.floor((H - cells * scale) / 2);
  const y = Buffer.alloc(W * H, 255); // white paper
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (top + (row + quiet) * scale + dy) * W + left + (col + quiet) * scale;
        y.fill(0, start, start + scale);
      }
    }
  }
  const file = newCameraFile();
  writeCameraFile(file, y);
  return file;
}

/**
 * A printed badge's QR held up to the camera: the SVG the badge sheet shows, drawn by the browser
 * on white paper filling most of the frame, as luma bytes for `writeCameraFile`.
 */
export async function photographSvg(page: Page, svg: string): Promise<Buffer> {
  const pixels = await page.evaluate(
    async ({ svg, width, height }) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, width, height);
      const side = Math.round(height * 0.85);
      g.imageSmoothingEnabled = false;
      g.drawImage(image, (width - side) / 2, (height - side) / 2, side, side);
      const rgba = g.getImageData(0, 0, width, height).data;
      const luma = new Array<number>(width * height);
      for (let i = 0; i < luma.length; i++) luma[i] = rgba[i * 4]!; // black and white: red is luma
      return luma;
    },
    { svg, width: W, height: H },
  );
  return Buffer.from(pixels);
}

/**
 * A Chromium whose camera plays `cameraFile` (see `writeQrVideo`, `newCameraFile`). The file is read
 * when a page opens the camera, so a spec scanning several codes launches one per code or rewrites
 * the file. Launched by the spec, not the fixture: `guardBrowser` gives its pages the CSP guard.
 */
export function launchCameraBrowser(cameraFile: string, extraArgs: readonly string[] = []): Promise<Browser> {
  return launchGuardedChromium([
    ...extraArgs,
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraFile}`,
  ]);
}

/**
 * What a station's camera was doing, for a failed wait: whether the video plays and advances, the
 * size html5-qrcode decodes at, and what the door's outbox holds. A scan that never answers is then
 * told apart: no frames (the camera), frames but no decode (the machine), or a decode not answered.
 */
export async function cameraDiagnosis(page: Page): Promise<string> {
  const sample = () =>
    page.evaluate(() => {
      const video = document.querySelector('video');
      const canvas = document.querySelector<HTMLCanvasElement>('#qr-reader canvas');
      const queue = (JSON.parse(localStorage.getItem('pm_door_queue') ?? '[]') as unknown[]).length;
      return video
        ? {
            video: `${video.videoWidth}×${video.videoHeight} shown ${video.clientWidth}×${video.clientHeight}`,
            canvas: canvas ? `${canvas.width}×${canvas.height}` : 'none',
            readyState: video.readyState,
            paused: video.paused,
            time: video.currentTime,
            queue,
          }
        : { video: 'none', queue };
    });
  try {
    const first = await sample();
    await page.waitForTimeout(1000);
    const second = await sample();
    return `camera: ${JSON.stringify(first)} then 1 s later ${JSON.stringify(second)}`;
  } catch (error) {
    return `camera: could not be read (${String(error)})`;
  }
}

/**
 * Waits for the door's answer to the badge in front of the camera, and says how long the scan took
 * (an annotation on the test, so a slow machine shows in the report before it fails). A timeout
 * carries the camera's diagnosis.
 */
export async function expectDoorAnswer(page: Page, text: string | RegExp, timeout = 45_000): Promise<void> {
  const started = Date.now();
  try {
    await expect(page.getByRole('alert')).toContainText(text, { timeout });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await cameraDiagnosis(page)}`);
  }
  const description = `${String(text)} in ${Date.now() - started} ms`;
  test.info().annotations.push({ type: 'door scan', description });
  console.log(`door scan: ${description}`);
}
