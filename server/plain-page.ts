/**
 * The hosts' own minimal HTML page for answers no app produced (400, 404 for files, 405, 500, 503): the
 * same for every app, never echoing request input.
 */

/**
 * A complete, `noindex` HTML document with a title and one sentence. `title` and `message` are trusted
 * text; `code` (an SSR_ERR_* code) is shown so a visitor can quote it to support.
 */
export function renderPlainPage(status: number, title: string, message: string, code?: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${message}</p>${code ? `<p><small>Error ${status} · <code>${code}</code></small></p>` : ''}<p><a href="/">Home</a></p></main></body>
</html>
`;
}
