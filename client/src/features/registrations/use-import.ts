import { useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type { ImportReport } from '../../../../shared/model';

type Mapping = ImportReport['mapping'];

async function post(path: string, fileBase64: string, mapping?: Mapping): Promise<Ack<ImportReport>> {
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mapping ? { fileBase64, mapping } : { fileBase64 }),
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

/** Choose a file → preview (nothing written) → adjust columns → confirm. */
export function useImport() {
  const [file, setFile] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(path: string, fileBase64: string, mapping?: Mapping) {
    setBusy(true);
    const answer = await post(path, fileBase64, mapping);
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
    async choose(selected: File) {
      const base64 = toBase64(new Uint8Array(await selected.arrayBuffer()));
      setFile(base64);
      await run('/api/import/preview', base64);
    },
    remap(mapping: Mapping) {
      if (file) void run('/api/import/preview', file, mapping);
    },
    confirm() {
      if (file && report) void run('/api/import/commit', file, report.mapping);
    },
  };
}
