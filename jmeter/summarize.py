#!/usr/bin/env python3
"""Per-label (so per-step) table of a JMeter results file, as markdown.

    python3 summarize.py target/jmeter/results/test-plan-1.csv [--log target/jmeter/logs/test-plan-1.jmx.log]
                         [--report target/jmeter/reports/test-plan-1/index.html] [--timeline REGEX] [--bucket SECONDS]

For every sample label, in the order the labels first appear: count, the target rate written in the
label ("push s3 60/s" -> 60), the rate achieved (count over the label's first start to last end, as
the JMeter dashboard computes it), readings/s (times N for "batchN" labels), p50/p95/p99/max of the
elapsed time in ms (nearest rank), error % and the mean bytes sent per request (headers included).

After a step whose rate dropped below the one before it (Plan 1's 140 -> 70), it prints that step's
first seconds, to show how fast latency recovers; --timeline REGEX prints any label's seconds.
--log adds the load model's and the saturation bound's lines from the JMeter log.
"""
import argparse
import csv
import math
import os
import re
import sys
from collections import OrderedDict


def percentile(sorted_values, p):
    if not sorted_values:
        return 0
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def target_rate(label):
    m = re.search(r'(\d+(?:\.\d+)?)/s', label)
    return float(m.group(1)) if m else None


def batch_size(label):
    m = re.match(r'batch(\d+)\b', label)
    return int(m.group(1)) if m else 1


def fmt(x, digits=0):
    return f'{x:.{digits}f}'


class Label:
    def __init__(self, name):
        self.name = name
        self.elapsed = []
        self.errors = 0
        self.first = None
        self.last_end = None
        self.sent = 0
        self.samples = []          # (start ms, elapsed ms, ok) for timelines

    def add(self, start, elapsed, ok, sent):
        self.elapsed.append(elapsed)
        self.errors += 0 if ok else 1
        self.sent += sent
        self.first = start if self.first is None else min(self.first, start)
        end = start + elapsed
        self.last_end = end if self.last_end is None else max(self.last_end, end)
        self.samples.append((start, elapsed, ok))

    def row(self):
        n = len(self.elapsed)
        values = sorted(self.elapsed)
        span = max(1, self.last_end - self.first) / 1000.0
        rate = n / span
        target = target_rate(self.name)
        return {
            'label': self.name,
            'count': n,
            'target/s': fmt(target) if target is not None else '',
            'achieved/s': fmt(rate, 1),
            'readings/s': fmt(rate * batch_size(self.name), 0),
            'p50 ms': percentile(values, 50),
            'p95 ms': percentile(values, 95),
            'p99 ms': percentile(values, 99),
            'max ms': values[-1] if values else 0,
            'error %': fmt(100.0 * self.errors / n, 2) if n else '',
            'sent B': fmt(self.sent / n) if n else '',
        }


def markdown(rows, columns):
    out = ['| ' + ' | '.join(columns) + ' |', '|' + '|'.join('---' if c == 'label' else '---:' for c in columns) + '|']
    for r in rows:
        out.append('| ' + ' | '.join(str(r[c]) for c in columns) + ' |')
    return '\n'.join(out)


def timeline(label, bucket_s, seconds=None):
    t0 = label.first
    buckets = OrderedDict()
    for start, elapsed, ok in sorted(label.samples):
        b = int((start - t0) / 1000 // bucket_s)
        if seconds is not None and b * bucket_s >= seconds:
            break
        buckets.setdefault(b, []).append((elapsed, ok))
    rows = []
    for b, items in buckets.items():
        values = sorted(e for e, _ in items)
        rows.append({
            'label': f'{label.name} +{b * bucket_s}s',
            'count': len(items),
            'req/s': fmt(len(items) / bucket_s, 0),
            'p50 ms': percentile(values, 50),
            'p99 ms': percentile(values, 99),
            'max ms': values[-1],
            'error %': fmt(100.0 * sum(1 for _, ok in items if not ok) / len(items), 1),
        })
    return markdown(rows, ['label', 'count', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'error %'])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('results', help='JMeter CSV results file (with header)')
    ap.add_argument('--log', help='JMeter log of the run')
    ap.add_argument('--report', help='the HTML dashboard, to say where it is')
    ap.add_argument('--timeline', help='regex of labels to print second by second')
    ap.add_argument('--bucket', type=int, default=1, help='timeline bucket in seconds (default 1)')
    args = ap.parse_args()

    if not os.path.exists(args.results):
        print(f'summarize: no results file {args.results}', file=sys.stderr)
        return 1
    labels = OrderedDict()
    with open(args.results, newline='') as f:
        for rec in csv.DictReader(f):
            name = rec['label']
            lab = labels.get(name)
            if lab is None:
                lab = labels[name] = Label(name)
            lab.add(int(rec['timeStamp']), int(rec['elapsed']), rec['success'] == 'true', int(rec.get('sentBytes') or 0))
    ordered = sorted(labels.values(), key=lambda l: l.first)
    # Plan 2's application requests: both kinds of a step together ("app-latest s3 70/s" and
    # "app-hour-1m s3 70/s" share the step's 70/s) as "app (both) s3 70/s", after them
    merged = OrderedDict()
    for lab in ordered:
        if lab.name.startswith('app-') and ' ' in lab.name:
            name = 'app (both) ' + lab.name.split(' ', 1)[1]
            m = merged.get(name)
            if m is None:
                m = merged[name] = Label(name)
            for start, elapsed, ok in lab.samples:
                m.add(start, elapsed, ok, 0)
            m.sent += lab.sent
    for m in merged.values():
        last = max(i for i, l in enumerate(ordered) if l.name.startswith('app-') and l.name.endswith(m.name[len('app (both) '):]))
        ordered.insert(last + 1, m)
    columns = ['label', 'count', 'target/s', 'achieved/s', 'readings/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms',
               'error %', 'sent B']
    if all(batch_size(l.name) == 1 for l in ordered):
        columns.remove('readings/s')
    print()
    print(f'## {os.path.basename(args.results)}: per label, in order of appearance')
    print()
    print(markdown([l.row() for l in ordered], columns))

    # steps whose rate dropped: their first seconds
    previous = {}
    for lab in ordered:
        kind = lab.name.split(' ')[0]
        rate = target_rate(lab.name)
        before = previous.get(kind)
        if rate is not None and before is not None and rate < before:
            print()
            print(f'### after the drop to "{lab.name}" (first 15 s)')
            print()
            print(timeline(lab, 1, 15))
        if rate is not None:
            previous[kind] = rate
    if args.timeline:
        for lab in ordered:
            if re.search(args.timeline, lab.name):
                print()
                print(f'### {lab.name}, every {args.bucket} s')
                print()
                print(timeline(lab, args.bucket))

    if args.log and os.path.exists(args.log):
        wanted = re.compile(r'SATURATION|homegrid load model|backfill:|warm-up of \d+ s|waited \d+ ms|ERROR|Problem in JSR223')
        lines = [l.rstrip() for l in open(args.log, errors='replace') if wanted.search(l)]
        if lines:
            print()
            print('### from the JMeter log')
            print()
            for l in lines:
                print('    ' + l)
        if 'saturation' in os.path.basename(args.results):
            for series in ('single', 'batch'):
                if not any(f'series={series}' in l for l in lines) and any(l.name.startswith(series) for l in ordered):
                    print(f'    (no SATURATION line for "{series}": every step of it stayed within the bounds)')
    if args.report:
        print()
        where = os.path.abspath(args.report)
        print(f'HTML report: {where}' + ('' if os.path.exists(where) else ' (not generated)'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
