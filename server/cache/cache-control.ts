/**
 * Parse a `Cache-Control` header into its directives (RFC 9111 §5.2: a comma-separated list of
 * `token [ "=" ( token / quoted-string ) ]`, names case-insensitive). Pure; no policy here.
 * https://www.rfc-editor.org/rfc/rfc9111#section-5.2
 */

/** Directive name (lower case) → its argument, or `true` when it has none. The first occurrence wins. */
export type Directives = ReadonlyMap<string, string | true>;

const DIRECTIVE = /\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s"]*)))?\s*(?:,|$)/y;

/**
 * @example
 * parseCacheControl('public, max-age=60, s-maxage="300"') // Map { public → true, max-age → '60', s-maxage → '300' }
 */
export function parseCacheControl(value: string | undefined): Directives {
  const directives = new Map<string, string | true>();
  if (!value) return directives;
  DIRECTIVE.lastIndex = 0;
  while (DIRECTIVE.lastIndex < value.length) {
    const start = DIRECTIVE.lastIndex;
    const match = DIRECTIVE.exec(value);
    if (!match) {
      // Skip an unparseable member up to the next comma rather than giving up on the whole header.
      const comma = value.indexOf(',', start);
      if (comma === -1) break;
      DIRECTIVE.lastIndex = comma + 1;
      continue;
    }
    const name = match[1]!.toLowerCase();
    const argument = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
    if (!directives.has(name)) directives.set(name, argument === undefined || argument === '' ? true : argument);
  }
  return directives;
}

/**
 * A delta-seconds argument (RFC 9111 §1.2.2), or undefined when absent. An invalid value counts as 0
 * (the RFC's "treat as stale"), so a typo never makes a page live longer than meant.
 */
export function deltaSeconds(directives: Directives, name: string): number | undefined {
  const value = directives.get(name);
  if (value === undefined) return undefined;
  if (value === true || !/^\d+$/.test(value)) return 0;
  // RFC 9111 §1.2.2: values beyond 2^31 are treated as 2^31.
  return Math.min(Number(value), 2 ** 31);
}
