/**
 * Copies a link for a person. The clipboard API exists only on a secure page (HTTPS, localhost); at a
 * venue's plain-HTTP address it is missing, so the link's field is selected instead, copied by the
 * older command where the browser still allows it, and otherwise left selected for Ctrl+C.
 */
export async function copyText(value: string, field: HTMLInputElement | null): Promise<'copied' | 'selected'> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(value);
      return 'copied';
    } catch {
      // Refused (no permission, page not focused): selecting still works.
    }
  }
  field?.focus();
  field?.select();
  try {
    // Deprecated, but the one way to copy on a plain-HTTP page; false where the browser says no.
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}
