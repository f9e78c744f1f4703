/**
 * Fastify gives every request a child logger bound to its request id (`request.log`). pino builds a
 * child's bindings eagerly (serialised and redacted at `child()`: 10 µs of the 1.9 ms a local page cost
 * in bench scenario 1's profile), and at LOG_LEVEL=warn almost no request ever logs. This factory hands
 * Fastify a logger that makes the real child on its first enabled log call, so a request that logs
 * nothing never pays for one; a line that is written is exactly the child's line (same bindings, same
 * options). Fastify's `childLoggerFactory` option: https://fastify.dev/docs/latest/Reference/Server/#childloggerfactory
 */
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;

/** pino's `isLevelEnabled`; a logger without it is asked for every line. */
function enables(logger: FastifyBaseLogger, level: Level): boolean {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return check === undefined || check.call(logger, level);
}

class LazyChildLogger implements FastifyBaseLogger {
  #made: FastifyBaseLogger | undefined;
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  /** The real child, made on first use. */
  get #child(): FastifyBaseLogger {
    this.#made ??= this.#parent.child(this.#bindings, this.#options);
    return this.#made;
  }

  #log(level: Level, args: LogArgs): void {
    // Until the child exists its level is the parent's (a child's own `level` option makes it at once).
    if (this.#made === undefined && !enables(this.#parent, level)) return;
    (this.#child[level] as (...args: LogArgs) => void)(...args);
  }

  get level(): string {
    return (this.#made ?? this.#parent).level;
  }

  set level(level: string) {
    this.#child.level = level;
  }

  fatal(...args: LogArgs): void { this.#log('fatal', args); }
  error(...args: LogArgs): void { this.#log('error', args); }
  warn(...args: LogArgs): void { this.#log('warn', args); }
  info(...args: LogArgs): void { this.#log('info', args); }
  debug(...args: LogArgs): void { this.#log('debug', args); }
  trace(...args: LogArgs): void { this.#log('trace', args); }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#child.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: the request logger, made when the request first logs. */
export const lazyChildLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, options) =>
  // A child with its own level must exist now: its level decides what it logs.
  options.level === undefined ? new LazyChildLogger(logger, bindings, options) : logger.child(bindings, options);
