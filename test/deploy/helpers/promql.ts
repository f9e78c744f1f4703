/**
 * Pulls the metric names out of a PromQL expression without a full parser: label matchers, grouping
 * clauses, strings, durations and numbers are removed first; what remains that is not a function call
 * or a keyword is a metric name. Generic on purpose, so new alerts are checked without test changes.
 */
const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'inf', 'nan']);

export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/(?<![A-Za-z0-9_:])\d[\d.eE+-]*(?:ms|[smhdwy])?/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const name = match[0];
    const after = stripped.slice(match.index! + name.length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

/** Series names a Prometheus text exposition can produce, from its `# TYPE` lines and samples. */
export function exposedSeries(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const [, name, kind] = type;
      names.add(name!);
      if (kind === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(name! + suffix);
      if (kind === 'summary') for (const suffix of ['_count', '_sum']) names.add(name! + suffix);
      if (kind === 'counter' && !name!.endsWith('_total')) names.add(`${name}_total`);
      continue;
    }
    const sample = /^([A-Za-z_:][A-Za-z0-9_:]*)/.exec(line);
    if (sample) names.add(sample[1]!);
  }
  return names;
}
