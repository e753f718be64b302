/** Small server-rendered pages, for answers given before the app loads. Japanese first, English beside. */

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function messagePage(title: { ja: string; en: string }, body: { ja: string; en: string }): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title.ja)} / ${escapeHtml(title.en)}</title>
<style>
  body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; margin: 0; padding: 2rem 1.25rem; color: #1d2433; background: #f6f7fb; }
  main { max-width: 32rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; color: #4a5468; }
  p { line-height: 1.6; margin: 0; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(title.ja)}</h1>
  <p>${escapeHtml(body.ja)}</p>
  <h2 lang="en">${escapeHtml(title.en)}</h2>
  <p lang="en">${escapeHtml(body.en)}</p>
</main>
</body>
</html>`;
}

export const badLinkPage = () =>
  messagePage(
    { ja: 'このリンクは使えません', en: 'This link does not work' },
    {
      ja: 'バッジのQRコードが無効か、再発行されて古くなっています。受付（事務局）で新しいバッジを受け取ってください。',
      en: 'The badge QR code is not valid, or the badge was reissued and this one is no longer in use. Please ask the reception desk for a new badge.',
    },
  );
