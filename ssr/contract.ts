/**
 * The render contract every host calls (docs/your-app.md "The render contract"). Nothing here knows about Fastify,
 * FC or Kubernetes.
 */

/** A page request as every host sees it. */
export interface RenderRequest {
  /** Path plus query, e.g. `/category/shoes?page=2`. Must start with `/`. */
  url: string;
  /** Lower-case header names; the render reads only a few (accept-language, user-agent, cookie). */
  headers: Record<string, string>;
}

/** A finished page: status and headers chosen by the app, and the whole HTML document. */
export interface RenderResult {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/** The one function every host calls. */
export type Render = (req: RenderRequest) => Promise<RenderResult>;
