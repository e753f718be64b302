import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { useEffect, useRef, useState } from 'react';
import { cameraErrorName, cameraProblem, cameraSupport, type CameraProblem } from '../../lib/camera';
import { useT } from '../../stores/language-store';
import { PERSON_SEARCH_ID } from './person-search';

// A badge held up for a while is one scan; shown again after this long, it is a new one.
const REPEAT_MS = 5000;

/**
 * The camera. Calls onScan once per badge shown: the same code held in front of the lens is not
 * sent again for a few seconds, a different one at once. On a page that may not open a camera
 * (plain HTTP at a venue address) it says why and points to the name search, without trying.
 */
export function Scanner({ onScan }: { onScan: (text: string) => void }) {
  const t = useT();
  const [error, setError] = useState<{ problem: CameraProblem; name: string | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Fixed for the page's life: a secure context does not change without a new page.
  const [camera] = useState(() => cameraSupport());
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (camera !== 'allowed') return;
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
        // No mirrored retry: a printed badge is never seen mirrored, and html5-qrcode's flip decodes
        // each missed frame twice and leaves every other frame drawn mirrored, so a busy door tablet
        // took several times as long to read the first badge.
        { fps: 10, disableFlip: true },
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
      // The browser's and html5-qrcode's English stay out of the page: the staff read what to do.
      .catch((e: unknown) => setError({ problem: cameraProblem(e, window.isSecureContext), name: cameraErrorName(e) }));
    return () => {
      void started.then(async () => {
        if (running) await scanner.stop().catch(() => {});
        scanner.clear();
      });
    };
  }, [attempt, camera]);

  if (camera !== 'allowed') {
    return (
      <div className="scanner__error notice" role="status">
        <p>{t(camera === 'insecure' ? 'checkin.cameraNeedsHttps' : 'checkin.cameraUnsupported')}</p>
        <SearchInstead />
      </div>
    );
  }

  return (
    <div className="scanner">
      <div id="qr-reader" className="scanner__view" />
      {error && (
        <div className="scanner__error" role="alert">
          <p>
            {t(
              error.problem === 'insecure'
                ? 'checkin.cameraNeedsHttps'
                : error.problem === 'unsupported'
                  ? 'checkin.cameraUnsupported'
                  : `checkin.camera.${error.problem}`,
            )}
            {error.name && <span className="muted"> ({error.name})</span>}
          </p>
          <SearchInstead />
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

/** Whatever the camera's trouble, the door goes on by name: a link to the search box. */
function SearchInstead() {
  const t = useT();
  return (
    <p>
      {t('checkin.useSearch')}{' '}
      <a
        href={`#${PERSON_SEARCH_ID}`}
        onClick={(e) => {
          e.preventDefault();
          const search = document.getElementById(PERSON_SEARCH_ID);
          search?.scrollIntoView({ block: 'center' });
          search?.focus();
        }}
      >
        {t('checkin.toSearch')}
      </a>
    </p>
  );
}
