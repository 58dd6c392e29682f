// The Prometheus text exposition format (version 0.0.4) as client_golang's expfmt writes it:
// families sorted by name, "# HELP" then "# TYPE", label values escaped, floats formatted like
// Go's strconv.FormatFloat(v, 'g', -1, 64) (so 1.7e+09, not 1700000000).

export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  labels?: Labels;
  value: number;
  /** Milliseconds since the epoch, written after the value (cAdvisor and /metrics/resource do). */
  timestampMs?: number;
  /** For histograms: the suffix of this series (_bucket, _sum, _count). */
  suffix?: string;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'untyped';
  samples: readonly Sample[];
}

/** Go's %g with the shortest precision: exponent form below 1e-4 and from 1e+06 up. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labelText(labels: Labels | undefined): string {
  if (!labels) return '';
  // client_golang sorts a series' labels by name.
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

export function renderPrometheusText(families: readonly MetricFamily[]): string {
  const sorted = [...families].filter((f) => f.samples.length > 0).sort((a, b) => compareText(a.name, b.name));
  let out = '';
  for (const family of sorted) {
    out += `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
    // ...and a family's series by their label values (Gather's NormalizeMetricFamilies).
    const samples = family.type === 'histogram' ? family.samples : [...family.samples].sort((a, b) => compareText(labelText(a.labels), labelText(b.labels)));
    for (const sample of samples) {
      const timestamp = sample.timestampMs === undefined ? '' : ` ${Math.round(sample.timestampMs)}`;
      out += `${family.name}${sample.suffix ?? ''}${labelText(sample.labels)} ${formatGoFloat(sample.value)}${timestamp}\n`;
    }
  }
  return out;
}
