/**
 * `/wp-login.php`, `/favicon.ico`, `/.env`: a URL whose last path segment starts with a dot or ends in a
 * 1–10 character alphanumeric extension names a file, not a page, and the gateway answers it 404 without
 * rendering. Every page request asks, so this is a scan of the last segment from its end: no split, no
 * slice, no regex (the earlier `split`/`slice`/`/\.[A-Za-z0-9]{1,10}$/` version was 4 µs of a page's
 * ~150 µs of gateway work in bench scenario 1's profile); test/server/file-like-urls-are-answered-404.test.ts
 * holds it to that version's answers.
 */

const DOT = 46;
const MAX_EXTENSION = 10;

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function looksLikeFile(url: string): boolean {
  const query = url.indexOf('?');
  const end = query === -1 ? url.length : query;
  const start = url.lastIndexOf('/', end - 1) + 1;
  if (start < end && url.charCodeAt(start) === DOT) return true;
  let at = end - 1;
  while (at >= start && end - at <= MAX_EXTENSION && isAsciiAlphanumeric(url.charCodeAt(at))) at -= 1;
  const extension = end - 1 - at;
  // The loop stops after MAX_EXTENSION characters, so `extension` is 0–10 here.
  return extension >= 1 && at >= start && url.charCodeAt(at) === DOT;
}
