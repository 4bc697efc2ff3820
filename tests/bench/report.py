"""The figures: percentiles and the summary printed at the end, with the targets."""

from __future__ import annotations

import math
import statistics

#: Targets of issue 4.
TARGET_RATIO = 1.2
TARGET_RSS_MB = 250


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted ``values`` (q in 0..100)."""
    if not values:
        return float('nan')
    rank = max(1, math.ceil(q / 100 * len(values)))
    return values[rank - 1]


def _table(results: list[dict]) -> list[str]:
    head = (
        f'{"round":>5} {"server":<8} {"clients":>9} {"p50 ms":>8} {"p99 ms":>8} {"max ms":>8} '
        f'{"missing":>8} {"RSS MB":>8} {"srv CPU%":>9} {"cli CPU%":>12}'
    )
    lines = [head, '-' * len(head)]
    for r in results:
        cli = '/'.join(f'{c:.0f}' for c in r['client_cpu_pct'])
        shape = f'{r["clients"]}x{r["client_procs"]}p'
        lines.append(
            f'{r.get("round", 1):>5} {r["server"]:<8} {shape:>9} {r["p50_ms"]:>8.1f} '
            f'{r["p99_ms"]:>8.1f} {r["max_ms"]:>8.1f} {r["missing"]:>8} {r["rss_mb"]:>8.1f} '
            f'{r["server_cpu_pct"]:>9.0f} {cli:>12}'
        )
    return lines


def _pooled(results: list[dict], q: float) -> float:
    """The q-th percentile over every delivery of ``results`` (all their rounds together)."""
    return percentile(sorted(t for r in results for t in r['latencies_ms']), q)


def _ratios(results: list[dict], n_procs: int) -> list[str]:
    """p99 forum / node: per round, and over all rounds' deliveries together."""
    ours = [r for r in results if r['server'] == 'forum' and r['client_procs'] == n_procs]
    node = [r for r in results if r['server'] == 'node' and r['client_procs'] == n_procs]
    if not ours or not node:
        return []
    node_by_round = {r.get('round', 1): r for r in node}
    per_round = [
        r['p99_ms'] / node_by_round[r.get('round', 1)]['p99_ms']
        for r in ours
        if r.get('round', 1) in node_by_round and node_by_round[r.get('round', 1)]['p99_ms'] > 0
    ]
    lines = []
    if per_round:
        met = sum(ratio <= TARGET_RATIO for ratio in per_round)
        lines.append(
            f'{n_procs} client process(es), p99 forum / node per round: '
            + ', '.join(f'{ratio:.2f}' for ratio in per_round)
            + f' (median {statistics.median(per_round):.2f}; <= {TARGET_RATIO} in {met} of '
            f'{len(per_round)})'
        )
    ours_p50, node_p50 = _pooled(ours, 50), _pooled(node, 50)
    ours_p99, node_p99 = _pooled(ours, 99), _pooled(node, 99)
    if node_p99 > 0:
        ratio = ours_p99 / node_p99
        verdict = 'met' if ratio <= TARGET_RATIO else 'NOT met'
        deliveries = sum(len(r['latencies_ms']) for r in ours)
        lines.append(
            f'{n_procs} client process(es), all {len(ours)} round(s) together ({deliveries} '
            f'deliveries each): forum p50 {ours_p50:.1f} / p99 {ours_p99:.1f} ms, node p50 '
            f'{node_p50:.1f} / p99 {node_p99:.1f} ms; p99 forum / node = {ratio:.2f} '
            f'(target <= {TARGET_RATIO}: {verdict})'
        )
    return lines


def summary(results: list[dict]) -> str:
    """The table printed at the end, with the targets."""
    lines = _table(results)
    lines.append('')
    if any(r.get('paired') for r in results):
        lines.append('the servers were measured side by side, their comments taking turns')
    for n_procs in sorted({r['client_procs'] for r in results}):
        lines.extend(_ratios(results, n_procs))
    forum = [r for r in results if r['server'] == 'forum']
    if forum:
        rss = [r['rss_mb'] for r in forum]
        verdict = 'met' if max(rss) < TARGET_RSS_MB else 'NOT met'
        lines.append(
            f'forum worker RSS with all clients connected: {min(rss):.1f}-{max(rss):.1f} MB '
            f'(target < {TARGET_RSS_MB} MB: {verdict}); peak '
            f'{max(r["peak_rss_mb"] for r in forum):.1f} MB'
        )
    missing = sum(r['missing'] for r in results)
    lines.append(f'missing deliveries: {missing} (must be 0)')
    return '\n'.join(lines)
