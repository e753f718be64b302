import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../stores/language-store';

// A badge held up for a while is one scan; shown again after this long, it is a new one.
const REPEAT_MS = 5000;

/**
 * The camera. Calls onScan once per badge shown: the same code held in front of the lens is not
 * sent again for a few seconds, a different one at once.
 */
export function Scanner({ onScan }: { onScan: (text: string) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    let last = { text: '', at: 0 };
    const scanner = new Html5Qrcode('qr-reader', {
      formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
      verbose: false,
    });
    let running = false;
    const started = scanner
      .start(
        { facingMode: 'environment' },
        // No scan box: the whole frame is searched, so a badge held close or off-centre still reads.
        { fps: 10 },
        (text) => {
          const now = Date.now();
          if (text === last.text && now - last.at < REPEAT_MS) return;
          last = { text, at: now };
          onScanRef.current(text);
        },
        () => {},
      )
      .then(() => {
        running = true;
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      void started.then(async () => {
        if (running) await scanner.stop().catch(() => {});
        scanner.clear();
      });
    };
  }, [attempt]);

  return (
    <div className="scanner">
      <div id="qr-reader" className="scanner__view" />
      {error && (
        <div className="scanner__error" role="alert">
          <p>{t('checkin.cameraError', { message: error })}</p>
          <button
            type="button"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('checkin.cameraStart')}
          </button>
        </div>
      )}
    </div>
  );
}
