/**
 * A real SMTP server for tests (the `smtp-server` package), started on a free port, holding what
 * arrived, read back as a person's mail program would: the subject, the text and HTML parts and the
 * inline images, decoded from MIME (base64, quoted-printable, encoded words). It can be told to refuse
 * every mail (a server that is down for mail) and to ask for a user and password.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface MailPart {
  contentType: string;
  cid: string | null;
  filename: string | null;
  content: Buffer;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Parts that are neither the text nor the HTML body: the inline QR among them. */
  attachments: MailPart[];
}

export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  /** While set, every mail is refused with a 550 reply. */
  refuse: boolean;
  /** Mails to one address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startTestSmtp(options: { user?: string; pass?: string } = {}): Promise<TestSmtp> {
  const smtp: TestSmtp = {
    port: 0,
    received: [],
    refuse: false,
    to: (address) => smtp.received.filter((m) => m.to.includes(address)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.user,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (smtp.refuse) {
          const error = new Error('Mailbox unavailable (test server refuses)') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        const envelope = session.envelope;
        smtp.received.push({
          ...readMail(Buffer.concat(chunks).toString('latin1')),
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.port = (server.server.address() as AddressInfo).port;
  return smtp;
}

// ---- MIME, as much as the app's mails use ----

interface Entity {
  headers: Map<string, string>;
  body: string;
}

function splitEntity(raw: string): Entity {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

const param = (header: string, name: string): string | null => {
  const match = new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header);
  return match ? match[1]! : null;
};

function decodeBody(entity: Entity): Buffer {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const soft = entity.body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const hex = soft.slice(i + 1, i + 3);
      if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(soft.charCodeAt(i));
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(entity.body, 'latin1');
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=), as mail programs show a subject. */
export function decodeWords(header: string): string {
  const bytes = Buffer.from(header, 'latin1').toString('utf8');
  return bytes
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function leaves(entity: Entity): Entity[] {
  const type = entity.headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (!/^multipart\//i.test(type) || !boundary) return [entity];
  const parts = entity.body.split(`--${boundary}`).slice(1);
  return parts.filter((p) => !p.startsWith('--')).flatMap((p) => leaves(splitEntity(p.replace(/^\r?\n/, ''))));
}

export function readMail(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const top = splitEntity(raw);
  const mail: Omit<ReceivedMail, 'from' | 'to'> = {
    subject: decodeWords(top.headers.get('subject') ?? ''),
    text: '',
    html: '',
    attachments: [],
  };
  for (const leaf of leaves(top)) {
    const type = leaf.headers.get('content-type') ?? 'text/plain';
    const disposition = leaf.headers.get('content-disposition') ?? '';
    const content = decodeBody(leaf);
    if (/^text\/plain/i.test(type) && !/attachment/i.test(disposition)) mail.text += content.toString('utf8');
    else if (/^text\/html/i.test(type) && !/attachment/i.test(disposition)) mail.html += content.toString('utf8');
    else {
      mail.attachments.push({
        contentType: type.split(';')[0]!.trim(),
        cid: leaf.headers.get('content-id')?.replace(/^<|>$/g, '') ?? null,
        filename: param(disposition, 'filename') ?? param(type, 'name'),
        content,
      });
    }
  }
  return mail;
}
