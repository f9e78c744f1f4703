/**
 * The JSON Schema (draft-07) of a sites file. The parser (sites-file.ts) validates with it through ajv, and
 * the same schema is published as docs/sites.schema.json (a test keeps the two equal) so operators get
 * completion and errors in their editor: VS Code's YAML extension reads
 * `# yaml-language-server: $schema=…`, JSON files name it in `"$schema"`.
 *
 * Only the shape lives here (types, required keys, unknown keys, ranges, patterns). What a schema cannot
 * say (unique names and hosts across sites, one default, URL normalisation, SDK endpoint rules) is checked
 * by the parser, with the same kind of message.
 *
 * Each `description` is also the problem text of a failed `pattern` ("must be <description>").
 */

const integer = (minimum: number, maximum: number, description: string) => ({ type: 'integer', minimum, maximum, description }) as const;

const timeoutMs = integer(50, 600_000, 'deadline in ms for one render on this target (default FC_TIMEOUT_MS)');

const name = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'lower-case letters, digits and -, starting with a letter or digit, at most 63 characters',
} as const;

const httpTarget = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url'],
  properties: {
    name,
    transport: { enum: ['http', 'sdk'], description: 'http (an FC HTTP trigger, the default) or sdk (InvokeFunction)' },
    url: { type: 'string', description: 'an absolute http(s) URL without credentials or query (an FC HTTP trigger)' },
    timeoutMs,
  },
} as const;

const sdkTarget = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'transport', 'functionName'],
  properties: {
    name,
    transport: { const: 'sdk' },
    accountId: { type: 'string', description: 'numeric Alibaba Cloud account id (required without endpoint)' },
    region: { type: 'string', description: 'FC region such as cn-hangzhou (required without endpoint)' },
    functionName: { type: 'string', description: 'FC function name' },
    qualifier: { type: 'string', minLength: 1, description: 'version or alias (default LATEST)' },
    endpoint: { type: 'string', description: 'explicit endpoint host[:port] or http(s) origin (private link, the emulator)' },
    internal: { type: 'boolean', description: 'use the -internal (VPC) endpoint (default true)' },
    timeoutMs,
  },
} as const;

export const SITES_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:ssr-offload:sites-file',
  title: 'ssr-offload sites file (SITES_FILE)',
  type: 'object',
  additionalProperties: false,
  required: ['sites'],
  properties: {
    $schema: { type: 'string' },
    sites: { type: 'array', minItems: 1, items: { $ref: '#/definitions/site' } },
  },
  definitions: {
    site: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'origin', 'targets', 'fallback'],
      properties: {
        name,
        hosts: {
          type: 'array',
          items: {
            type: 'string',
            pattern: '^(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?$',
            description: 'a host name without port or path (shop.example.com) or a wildcard (*.shop.example.com)',
          },
        },
        default: { type: 'boolean', description: 'serves every host no site names (at most one site)' },
        origin: { type: 'string', description: 'an http(s) origin without path, for canonical and Open Graph URLs' },
        targets: { type: 'array', items: { $ref: '#/definitions/target' }, description: 'FC targets in priority order' },
        fallback: {
          if: { type: 'string' },
          then: { enum: ['local'], description: 'local (the in-process app) or { url, timeoutMs? }' },
          else: { $ref: '#/definitions/fallbackService' },
        },
        healthCheck: { $ref: '#/definitions/healthCheck' },
      },
    },
    target: {
      type: 'object',
      properties: { transport: { enum: ['http', 'sdk'] } },
      if: { required: ['transport'], properties: { transport: { const: 'sdk' } } },
      then: { $ref: '#/definitions/sdkTarget' },
      else: { $ref: '#/definitions/httpTarget' },
    },
    httpTarget,
    sdkTarget,
    fallbackService: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', description: 'an absolute http(s) URL of a renderer Service' },
        timeoutMs: integer(50, 600_000, 'deadline in ms for one render on this Service (default FALLBACK_TIMEOUT_MS)'),
      },
    },
    healthCheck: {
      type: 'object',
      additionalProperties: false,
      properties: {
        profile: { enum: ['default', 'patient'], description: 'default: every 10 s, 3 failures; patient: every 30 s, 5 failures' },
        path: { type: 'string', pattern: '^/[^/\\s?#][^\\s?#]*$|^/$', description: 'a path such as /healthz (no query)' },
        intervalMs: integer(1000, 3_600_000, 'time between two probes of one target'),
        timeoutMs: integer(50, 60_000, 'a probe slower than this failed'),
        unhealthyThreshold: integer(1, 100, 'failed probes in a row that make a target unhealthy'),
        healthyThreshold: integer(1, 100, 'passed probes in a row that make it healthy again'),
        jitter: { type: 'number', minimum: 0, maximum: 1, description: 'share of the interval each wait moves at random' },
      },
    },
  },
} as const;
