/**
 * The offload decision as a span around the host's `answer` (pages plugin → answer → policy): its
 * attributes are read from the PageAnswer's access-log fields after the fact (target, outcome, reason,
 * hedge, cache), so the policy itself stays free of tracing code and the span can never disagree with
 * the log line or the metrics. FC calls and local renders made while deciding are its children.
 */
import type { AnswerPage } from '../plugins/pages.js';
import { ATTR, SPAN } from './span-names.js';
import type { Tracing } from './start-tracing.js';

/** PageAnswer log field → span attribute. */
const FROM_LOG: ReadonlyArray<[string, string]> = [
  ['site', ATTR.SITE], ['target', ATTR.TARGET], ['outcome', ATTR.OUTCOME], ['reason', ATTR.REASON], ['hedge', ATTR.HEDGE], ['cache', ATTR.CACHE],
];

/**
 * @example
 * answer: tracing ? tracedAnswer(tracing, answerPage, { policy: config.offload }) : answerPage
 */
export function tracedAnswer(tracing: Tracing, answer: AnswerPage, attributes: { policy: string; site?: string }): AnswerPage {
  const { api, tracer } = tracing;
  const fixed = { [ATTR.POLICY]: attributes.policy, ...(attributes.site ? { [ATTR.SITE]: attributes.site } : {}) };
  return (renderRequest, context) =>
    tracer.startActiveSpan(SPAN.OFFLOAD, { kind: api.SpanKind.INTERNAL, attributes: fixed }, async (span) => {
      try {
        const page = await answer(renderRequest, context);
        for (const [field, key] of FROM_LOG) {
          const value = page.log?.[field];
          if (typeof value === 'string') span.setAttribute(key, value);
        }
        span.setAttribute(ATTR.HTTP_STATUS, page.result.status);
        return page;
      } catch (error) {
        // No renderer could answer (the host sends 503 or a stale page) or the client left.
        span.setAttributes({ [ATTR.OUTCOME]: context.signal.aborted ? 'client-gone' : 'error', [ATTR.ERROR_TYPE]: (error as { code?: string })?.code ?? 'error' });
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error)?.message });
        throw error;
      } finally {
        span.end();
      }
    });
}
