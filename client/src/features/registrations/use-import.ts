import { useRef, useState } from 'react';
import { refusalError, type Ack } from '../../../../shared/errors';
import type { ImportChoice, ImportReport } from '../../../../shared/model';
import { describeError } from '../../lib/refusal';
import { useT } from '../../stores/language-store';
import { latestOnly } from './latest-only';

type Mapping = ImportReport['mapping'];
type Choices = ReadonlyMap<number, ImportChoice>;

interface Request {
  fileBase64: string;
  mapping: Mapping | undefined;
  clearEmpty: boolean;
  choices: Choices;
  /** On a commit: the preview's digest, so the server writes only what the organizer saw. */
  digest?: string;
}

async function post(path: string, request: Request): Promise<Ack<ImportReport>> {
  const { fileBase64, mapping, clearEmpty, choices, digest } = request;
  try {
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        fileBase64,
        ...(mapping ? { mapping } : {}),
        clearEmpty,
        choices: [...choices].map(([row, choice]) => ({ row, choice })),
        ...(digest ? { digest } : {}),
      }),
    });
    return (await res.json()) as Ack<ImportReport>;
  } catch {
    return { ok: false, error: refusalError('unreachable', 'The server could not be reached.') };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Choose a file → preview (nothing written) → adjust columns, choose to clear empty cells, answer
 * each likely duplicate → confirm. The commit sends the very mapping and choices the preview showed,
 * with its digest: if the registrations changed meanwhile, nothing is written and the new preview shows.
 */
export function useImport() {
  const t = useT();
  const [file, setFile] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [clearEmpty, setClearEmpty] = useState(false);
  const [choices, setChoices] = useState<Choices>(new Map());

  const latest = useRef(latestOnly());

  async function run(path: string, request: Request) {
    setBusy(true);
    const outcome = await latest.current.run(() => post(path, request));
    // An older preview's answer would disagree with the choices now on screen; `busy` stays for the newest.
    if (!outcome.latest) return;
    const answer = outcome.value;
    setBusy(false);
    if (answer.ok) {
      setReport(answer.data);
      setError(null);
    } else {
      setReport(null);
      setError(describeError(t, answer.error));
    }
  }

  const preview = (fileBase64: string, mapping: Mapping | undefined, clear: boolean, chosen: Choices) =>
    run('/api/import/preview', { fileBase64, mapping, clearEmpty: clear, choices: chosen });

  /** Every likely duplicate answered: until then the import is not offered. */
  const undecided = report && !report.committed ? report.duplicates.filter((d) => d.choice === null).length : 0;

  return {
    report,
    error,
    busy,
    clearEmpty,
    undecided,
    /** The answers given so far: shown at once, before the new preview arrives. */
    choices,
    async choose(selected: File) {
      const base64 = toBase64(new Uint8Array(await selected.arrayBuffer()));
      setFile(base64);
      // Another file: its rows are other people, so no earlier answer applies.
      const none = new Map<number, ImportChoice>();
      setChoices(none);
      await preview(base64, undefined, clearEmpty, none);
    },
    remap(mapping: Mapping) {
      if (file) void preview(file, mapping, clearEmpty, choices);
    },
    chooseClearEmpty(clear: boolean) {
      setClearEmpty(clear);
      if (file) void preview(file, report?.mapping, clear, choices);
    },
    /** The organizer's answer for one row; the preview is asked again, so its counts and changes follow. */
    decide(row: number, choice: ImportChoice) {
      const next = new Map(choices).set(row, choice);
      setChoices(next);
      if (file) void preview(file, report?.mapping, clearEmpty, next);
    },
    confirm() {
      if (file && report)
        void run('/api/import/commit', {
          fileBase64: file,
          mapping: report.mapping,
          clearEmpty: report.clearEmpty,
          choices,
          digest: report.digest,
        });
    },
  };
}
