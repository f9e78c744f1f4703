/** The blog's content: bundled, deterministic, no network. One note carries markup to prove it is escaped. */
export interface Note {
  slug: string;
  title: string;
  summary: string;
  body: string[];
  tags: string[];
  published: string;
}

export const NOTES: readonly Note[] = [
  {
    slug: 'offload-the-spikes',
    title: 'Offload the spikes',
    summary: 'Why the render work goes to Function Compute and the cluster keeps only headroom.',
    body: ['Traffic spikes follow campaigns, not schedules.', 'A function scales per request; the cluster keeps serving when it cannot.'],
    tags: ['ops', 'fc'],
    published: '2026-10-01',
  },
  {
    slug: 'breakers-and-hedges',
    title: 'Breakers and hedges',
    summary: 'A slow upstream costs one hedge delay, not the whole timeout.',
    body: ['Open the breaker after a run of failures.', 'Start a local render when the remote one is late.'],
    tags: ['resilience'],
    published: '2026-10-15',
  },
  {
    slug: 'markup-in-data',
    title: 'Markup in data stays text',
    summary: 'This summary contains </script><script>alert("x")</script> and must never run.',
    body: ['State for hydration is serialized with every < escaped.'],
    tags: ['security', 'fc'],
    published: '2026-11-02',
  },
];

export function findNote(slug: string): Note | undefined {
  return NOTES.find((note) => note.slug === slug);
}

export function notesTagged(tag: string): Note[] {
  return NOTES.filter((note) => note.tags.includes(tag));
}
