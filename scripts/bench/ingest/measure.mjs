// Measurements from /proc and from the platform's /metrics: RSS, peak RSS (VmHWM), CPU time,
// bytes on disk, counters and histograms.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Samples VmRSS of a process and of its children (the PGlite server) every 200 ms, by phase. */
export function sampleRss(pid) {
  const peaks = { platform: 0, children: 0, total: 0 };
  let phase = 'start';
  const byPhase = {};
  let childPids = [];
  const sample = () => {
    try {
      childPids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return;
    }
    const platform = rssKb(pid);
    const children = childPids.reduce((s, c) => s + rssKb(c), 0);
    peaks.platform = Math.max(peaks.platform, platform);
    peaks.children = Math.max(peaks.children, children);
    peaks.total = Math.max(peaks.total, platform + children);
    const p = (byPhase[phase] ??= { platform: 0, children: 0 });
    p.platform = Math.max(p.platform, platform);
    p.children = Math.max(p.children, children);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    childPids: () => childPids,
    mark: (name) => {
      sample();
      phase = name;
    },
    stop: () => {
      clearInterval(timer);
      return { ...peaks, byPhase };
    },
  };
}

const statusKb = (pid, field) => {
  try {
    return Number(
      new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
    );
  } catch {
    return 0;
  }
};
export const rssKb = (pid) => statusKb(pid, 'VmRSS');
/** The kernel's own peak RSS of a process since it started (read before it exits). */
export const hwmKb = (pid) => statusKb(pid, 'VmHWM');

/** utime + stime in seconds of one process. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** utime + stime in seconds of the platform and of its children. */
export function cpuTimes(pid, childPids) {
  return { platform: cpuSeconds(pid), children: childPids.reduce((s, c) => s + cpuSeconds(c), 0) };
}

export function diff(before, after) {
  return { platform: after.platform - before.platform, children: after.children - before.children };
}

/** Apparent bytes and allocated bytes (what du counts) under a directory. */
export function diskUsage(dir) {
  let bytes = 0;
  let allocated = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue; // a part being merged away
      }
      bytes += st.size;
      allocated += st.blocks * 512;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return { bytes, allocated };
}

/** Counters, gauges and histogram sums/counts by name (labels summed); buckets under `name{le}`. */
export async function scrapeMetrics(url) {
  let text;
  for (let attempt = 0; text === undefined; attempt++) {
    // A keep-alive socket the server closed while idle fails once ("other side closed").
    text = await fetch(`${url}/metrics`)
      .then((r) => (r.ok ? r.text() : ''))
      .catch((error) => {
        if (attempt >= 2) throw error;
        return undefined;
      });
  }
  const values = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? ([0-9.e+-]+|\+Inf)$/.exec(line);
    if (!match) continue;
    const le = /le="([^"]+)"/.exec(match[2] ?? '')?.[1];
    const key = le === undefined ? match[1] : `${match[1]}{${le}}`;
    values[key] = (values[key] ?? 0) + Number(match[3]);
  }
  return values;
}

/**
 * A quantile of a Prometheus histogram between two scrapes (after − before), linearly
 * interpolated inside the bucket it falls in, as histogram_quantile() does.
 */
export function histogramQuantile(before, after, name, q) {
  const bounds = Object.keys(after)
    .filter((k) => k.startsWith(`${name}_bucket{`))
    .map((k) => k.slice(name.length + 8, -1))
    .map((le) => ({ le, upper: le === '+Inf' ? Infinity : Number(le) }))
    .sort((x, y) => x.upper - y.upper);
  const count = (le) => (after[`${name}_bucket{${le}}`] ?? 0) - (before[`${name}_bucket{${le}}`] ?? 0);
  const total = bounds.length ? count(bounds.at(-1).le) : 0;
  if (!total) return NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const b of bounds) {
    const c = count(b.le);
    if (c >= rank) {
      if (b.upper === Infinity) return lower; // beyond the last bound: report that bound
      return lower + ((b.upper - lower) * (rank - below)) / Math.max(1, c - below);
    }
    lower = b.upper;
    below = c;
  }
  return lower;
}
