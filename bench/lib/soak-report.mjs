/** soak.json → soak.md: goals first (met or not, with the figure), then one row per phase, drain, new pod, memory. */

const fmt = (value, unit = '') => (value === null || value === undefined || Number.isNaN(value) ? '—' : `${value}${unit}`);
const yes = (met) => (met ? '**met**' : '**NOT met**');
const reasons = (failedBy) => Object.entries(failedBy ?? {}).map(([why, n]) => `${n}× ${why}`).join(', ');
const split = (by, answered) => (answered ? ['fc', 'local', 'cache'].map((k) => `${Math.round((by[k] / answered) * 100)}%`).join(' / ') : '—');
const faultText = (faults) => Object.entries(faults ?? {}).filter(([key, v]) => v && key !== 'errorStatus').map(([key, v]) => `${key} ${v}`).join(', ') || 'none';

/**
 * The compact summary the README quotes: one row per phase (failed, p99, FC share), then drain, FC calls
 * past their deadline, heap after GC, and the new pod against the steady p99.
 */
export function soakSummary(r) {
  const g = r.goals;
  const d = r.drain;
  const n = r.newPod;
  const h = r.memory.growth;
  const lines = ['| phase | emulator | failed | p99 | served by FC |', '|---|---|---|---|---|'];
  for (const p of r.phases) {
    const faults = p.kind === 'kill' ? 'SIGKILL + restart' : faultText(p.faults);
    lines.push(`| ${p.index} ${p.name} | ${faults} | ${p.failed ? `**${p.failed}**` : 0} | ${p.p99} ms | ${p.answered ? Math.round((p.by.fc / p.answered) * 100) : 0}% |`);
  }
  lines.push('');
  lines.push('| measure | result | goal |');
  lines.push('|---|---|---|');
  lines.push(`| failed requests in fault phases / all phases | ${g.noFailedInFaultPhases.failed} / ${g.noFailedInFaultPhases.failedAllPhases} | 0: ${g.noFailedInFaultPhases.met ? 'met' : '**not met**'} |`);
  lines.push(`| SIGTERM under load: lost of ${d.inFlightAtSigterm + d.sentAfterSigterm} (in flight + sent during the ${d.lbLagMs} ms LB lag), exit code | ${d.lost}${d.lost ? ` (${reasons(d.lostBy)})` : ''}, exit ${fmt(d.exitCode)} after ${fmt(d.exitAfterMs, ' ms')} | 0, exit 0: ${g.noLostAcrossSigterm.met ? 'met' : '**not met**'} |`);
  lines.push(`| FC calls open past FC_TIMEOUT_MS + ${r.fcPastDeadline.thresholdMs - r.settings.fcTimeoutMs} ms (emulator side), of ${r.fcPastDeadline.fcCalls} | ${r.fcPastDeadline.total} (longest open ${r.fcPastDeadline.longestOpenMs} ms) | 0: ${g.noFcCallPastDeadline.met ? 'met' : '**not met**'} |`);
  lines.push(`| heap after GC at ${fmt(h.fromS, ' s')} → ${fmt(h.toS, ' s')} | ${fmt(h.fromMb, ' MB')} → ${fmt(h.toMb, ' MB')} (${h.growthPct > 0 ? '+' : ''}${fmt(h.growthPct, '%')}) | ≤ +${g.heapFlat.limitPct}%: ${g.heapFlat.met ? 'met' : '**not met**'} |`);
  lines.push(`| new pod, first ${n.seconds} s p99 (of answered) vs steady p99 ${n.steady.p99} ms | soak start ${n.atSoakStart.p99} ms (×${fmt(n.p99OverSteady.atSoakStart)}, ${n.atSoakStart.failed} of ${n.atSoakStart.sent} failed); rolling update ${n.atRollingUpdate.p99} ms (×${fmt(n.p99OverSteady.atRollingUpdate)}, ${n.atRollingUpdate.failed} of ${n.atRollingUpdate.sent} failed) | ≤ ×${n.goal}, none failed: ${g.newPodWithin3xSteadyP99.met ? 'met' : '**not met**'} |`);
  return lines.join('\n');
}

/** The Markdown report. */
export function soakMarkdown(r) {
  const s = r.settings;
  const m = r.machine;
  const g = r.goals;
  const lines = [];
  lines.push(`# ssr-offload soak — ${r.date.slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  lines.push(`Machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGb} GB; Node ${m.node}; commit ${r.commit ?? '—'}. ` +
    `Open-loop ${s.rate} requests/s${s.calibration ? ` (a quarter of ${s.calibration.localOnlyRps} req/s, a local-only gateway's closed-loop capacity measured at the start)` : ' (SOAK_RATE)'}, ` +
    `${s.phases} phases × ${s.phaseS} s, pages \`${s.page}\`, FC_TIMEOUT_MS ${s.fcTimeoutMs}, client timeout ${s.clientTimeoutMs} ms, ` +
    `≤ ${s.connections} sockets per gateway, gateway env ${Object.entries(s.gatewayEnv ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')}${s.quick ? ', QUICK mode' : ''}. Took ${r.durationSeconds} s.`);
  for (const note of r.notes ?? []) lines.push(`\n> ${note}`);
  lines.push('');
  lines.push('## Goals (issue 12)');
  lines.push('');
  lines.push('| goal | result | |');
  lines.push('|---|---|---|');
  lines.push(`| 0 failed requests in every fault phase (local render healthy) | ${g.noFailedInFaultPhases.failed} failed in fault phases, ${g.noFailedInFaultPhases.failedAllPhases} in all phases | ${yes(g.noFailedInFaultPhases.met)} |`);
  lines.push(`| 0 requests lost across SIGTERM, exit 0 | ${g.noLostAcrossSigterm.lost} lost, exit ${fmt(g.noLostAcrossSigterm.exitCode)} | ${yes(g.noLostAcrossSigterm.met)} |`);
  lines.push(`| no FC call open past its deadline (FC_TIMEOUT_MS + margin = ${g.noFcCallPastDeadline.thresholdMs} ms, seen by the emulator) | ${g.noFcCallPastDeadline.count} calls; longest open ${g.noFcCallPastDeadline.longestMs} ms | ${yes(g.noFcCallPastDeadline.met)} |`);
  lines.push(`| heap after GC flat (≤ ${g.heapFlat.limitPct}% from 1 min to the end) | ${fmt(r.memory.growth.fromMb, ' MB')} at ${fmt(r.memory.growth.fromS, ' s')} → ${fmt(r.memory.growth.toMb, ' MB')} at ${fmt(r.memory.growth.toS, ' s')}: ${fmt(g.heapFlat.growthPct, '%')} | ${yes(g.heapFlat.met)} |`);
  lines.push(`| a new pod's first ${r.newPod.seconds} s p99 ≤ ${r.newPod.goal}× steady p99 (${r.newPod.steady.p99} ms), none failed | soak start ${r.newPod.atSoakStart.p99} ms (×${fmt(g.newPodWithin3xSteadyP99.atSoakStart)}, ${r.newPod.atSoakStart.failed} of ${r.newPod.atSoakStart.sent} failed), rolling update ${r.newPod.atRollingUpdate.p99} ms (×${fmt(g.newPodWithin3xSteadyP99.atRollingUpdate)}, ${r.newPod.atRollingUpdate.failed} of ${r.newPod.atRollingUpdate.sent} failed) | ${yes(g.newPodWithin3xSteadyP99.met)} |`);
  lines.push('');
  lines.push('## Phases (gateway A; latency of answered requests, from when each was due)');
  lines.push('');
  lines.push('| # | from | phase | emulator faults | sent | answered | failed | p50 | p99 | max | FC / local / cache | FC calls past deadline | heap after GC at end |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const p of r.phases) {
    const faults = p.kind === 'kill' ? 'SIGKILL, restarted on the same port' : faultText(p.faults);
    const failed = p.failed ? `**${p.failed}** (${reasons(p.failedBy)})` : '0';
    lines.push(`| ${p.index} | ${p.startS} s | ${p.name} | ${faults} | ${p.sent} | ${p.answered} | ${failed} | ${p.p50} ms | ${p.p99} ms | ${p.max} ms | ${split(p.by, p.answered)} | ${p.fcPastDeadline} | ${fmt(p.heapAfterGcMb, ' MB')} |`);
  }
  const ru = r.rollingUpdate;
  lines.push(`| — | ${r.phases.at(-1)?.endS ?? 0} s | rolling update: B starting, A serves (requests that ended before SIGTERM; the rest are in the drain) | none | ${ru.sent} | ${ru.answered} | ${ru.failed ? `**${ru.failed}** (${reasons(ru.failedBy)})` : '0'} | ${ru.p50} ms | ${ru.p99} ms | ${ru.max} ms | ${split(ru.by, ru.answered)} | | |`);
  lines.push('');
  const d = r.drain;
  lines.push(`## Drain: SIGTERM to gateway A under load at ${d.sigtermAtS} s`);
  lines.push('');
  lines.push(`The load kept going to A for ${d.lbLagMs} ms after SIGTERM (a Service takes a moment to drop an endpoint), then moved to B.`);
  lines.push('');
  lines.push('| in flight at SIGTERM | sent after SIGTERM | answered | lost | lost: in flight / sent after | why | readiness off after | A exit code | A exited after | FC calls past deadline during the drain | B (idle) exit code |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  lines.push(`| ${d.inFlightAtSigterm} | ${d.sentAfterSigterm} | ${d.answered} | ${d.lost ? `**${d.lost}**` : 0} | ${d.lostInFlight} / ${d.lostSentAfter} | ${reasons(d.lostBy) || '—'} | ${fmt(d.readinessOffAfterMs, ' ms')} (${d.readinessOffHow}) | ${fmt(d.exitCode)} | ${fmt(d.exitAfterMs, ' ms')} | ${d.fcPastDeadlineDuringDrain} | ${fmt(d.newPodExitCode)} |`);
  lines.push('');
  const n = r.newPod;
  lines.push(`## New pod: the first ${n.seconds} s under load vs steady state`);
  lines.push('');
  lines.push('| | ready after | sent | failed | p50 | p99 | max | p99 / steady p99 |');
  lines.push('|---|---|---|---|---|---|---|---|');
  lines.push(`| steady: A's ${n.steady.phases} healthy phases after the warm-up | | ${n.steady.sent} | | ${n.steady.p50} ms | ${n.steady.p99} ms | ${n.steady.max} ms | ×1 |`);
  lines.push(`| A at the soak's start (fresh pod, warm FC) | ${n.atSoakStart.readyAfterMs} ms | ${n.atSoakStart.sent} | ${n.atSoakStart.failed} | ${n.atSoakStart.p50} ms | ${n.atSoakStart.p99} ms | ${n.atSoakStart.max} ms | ×${fmt(n.p99OverSteady.atSoakStart)} |`);
  lines.push(`| B at the rolling update (A draining beside it) | ${n.atRollingUpdate.readyAfterMs} ms | ${n.atRollingUpdate.sent} | ${n.atRollingUpdate.failed} | ${n.atRollingUpdate.p50} ms | ${n.atRollingUpdate.p99} ms | ${n.atRollingUpdate.max} ms | ×${fmt(n.p99OverSteady.atRollingUpdate)} |`);
  lines.push('');
  lines.push('## Memory of gateway A');
  lines.push('');
  const heap = r.memory.heap.filter((h) => Number.isFinite(h.heapAfterGcMb));
  lines.push(`Heap after a full GC at the end of each phase (MB): ${heap.map((h) => `${h.tS} s ${h.heapAfterGcMb}`).join(', ') || '—'}.`);
  lines.push('');
  const rss = r.memory.rss;
  const every = Math.max(1, Math.ceil(rss.length / 20));
  lines.push(`RSS (MB, one sample every ${every * (rss.length > 1 ? round1(rss[1].tS - rss[0].tS) : 0)} s): ${rss.filter((_, i) => i % every === 0).map((x) => `${x.tS} s ${x.rssMb}`).join(', ') || '—'}${rss.length ? `; min ${Math.min(...rss.map((x) => x.rssMb))}, max ${Math.max(...rss.map((x) => x.rssMb))}` : ''}.`);
  lines.push('');
  lines.push(`FC calls (all emulator lives): ${r.fcPastDeadline.fcCalls}; open past ${r.fcPastDeadline.thresholdMs} ms: ${r.fcPastDeadline.total}; longest open ${r.fcPastDeadline.longestOpenMs} ms.`);
  lines.push('');
  return lines.join('\n');
}

const round1 = (v) => Math.round(v * 10) / 10;
