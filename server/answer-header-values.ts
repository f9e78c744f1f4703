/**
 * The headers every answer of every listener carries (server/plugins/answer-headers.ts sets them on
 * Fastify replies; answers written outside the hooks — raw client-error answers, the router's bad-URL
 * reply — add them themselves). Fastify-free, so the FC bundle may import it.
 * - `x-content-type-options: nosniff`: browsers never guess a script or stylesheet from an answer's bytes
 *   (https://fetch.spec.whatwg.org/#x-content-type-options-header);
 * - `referrer-policy: strict-origin-when-cross-origin`: other sites get only the origin, nothing goes from
 *   https to http (https://www.w3.org/TR/referrer-policy/#referrer-policy-strict-origin-when-cross-origin).
 */
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

export const ANSWER_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': REFERRER_POLICY } as const;
