import { useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type { ImportReport } from '../../../../shared/model';

type Mapping = ImportReport['mapping'];

async function post(
  path: string,
  fileBase64: string,
  mapping: Mapping | undefined,
  clearEmpty: boolean,
): Promise<Ack<ImportReport>> {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileBase64, ...(mapping ? { mapping } : {}), clearEmpty }),
    });
    return (await res.json()) as Ack<ImportReport>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The server could not be reached.' } };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Choose a file → preview (nothing written) → adjust columns, or choose to clear empty cells →
 * confirm. The commit sends the very mapping and choice the preview showed.
 */
export function useImport() {
  const [file, setFile] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [clearEmpty, setClearEmpty] = useState(false);

  async function run(path: string, fileBase64: string, mapping: Mapping | undefined, clear: boolean) {
    setBusy(true);
    const answer = await post(path, fileBase64, mapping, clear);
    setBusy(false);
    if (answer.ok) {
      setReport(answer.data);
      setError(null);
    } else {
      setReport(null);
      setError(answer.error.message);
    }
  }

  return {
    report,
    error,
    busy,
    clearEmpty,
    async choose(selected: File) {
      const base64 = toBase64(new Uint8Array(await selected.arrayBuffer()));
      setFile(base64);
      await run('/api/import/preview', base64, undefined, clearEmpty);
    },
    remap(mapping: Mapping) {
      if (file) void run('/api/import/preview', file, mapping, clearEmpty);
    },
    chooseClearEmpty(clear: boolean) {
      setClearEmpty(clear);
      if (file) void run('/api/import/preview', file, report?.mapping, clear);
    },
    confirm() {
      if (file && report) void run('/api/import/commit', file, report.mapping, report.clearEmpty);
    },
  };
}
