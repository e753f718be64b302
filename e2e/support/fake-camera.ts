/**
 * A camera for Chromium's fake capture device: a Y4M video of one QR code, drawn from the modules
 * the `qrcode` package computes, so the scanner reads a real code through the real camera path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';

const W = 640;
const H = 480;
const FRAMES = 10;

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
  const chroma = Buffer.alloc((W * H) / 4, 128); // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-camera-')), 'badge.y4m');
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\n`), ...Array(FRAMES).fill(frame)]),
  );
  return file;
}
