"""The figures: percentiles and the summary table printed at the end, with the targets."""

from __future__ import annotations

import math

#: Targets of issue 4.
TARGET_RATIO = 1.2
TARGET_RSS_MB = 250


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted ``values`` (q in 0..100)."""
    if not values:
        return float('nan')
    rank = max(1, math.ceil(q / 100 * len(values)))
    return values[rank - 1]


def summary(results: list[dict]) -> str:
    """The table printed at the end, with the targets."""
    head = (
        f'{"server":<8} {"clients":>9} {"p50 ms":>8} {"p99 ms":>8} {"max ms":>8} '
        f'{"missing":>8} {"RSS MB":>8} {"srv CPU%":>9} {"cli CPU%":>12}'
    )
    lines = [head, '-' * len(head)]
    for r in results:
        cli = '/'.join(f'{c:.0f}' for c in r['client_cpu_pct'])
        shape = f'{r["clients"]}x{r["client_procs"]}p'
        lines.append(
            f'{r["server"]:<8} {shape:>9} {r["p50_ms"]:>8.1f} '
            f'{r["p99_ms"]:>8.1f} {r["max_ms"]:>8.1f} {r["missing"]:>8} {r["rss_mb"]:>8.1f} '
            f'{r["server_cpu_pct"]:>9.0f} {cli:>12}'
        )
    lines.append('')
    for n_procs in sorted({r['client_procs'] for r in results}):
        ours = [r for r in results if r['server'] == 'forum' and r['client_procs'] == n_procs]
        node = [r for r in results if r['server'] == 'node' and r['client_procs'] == n_procs]
        if ours and node and node[0]['p99_ms'] > 0:
            ratio = ours[0]['p99_ms'] / node[0]['p99_ms']
            verdict = 'met' if ratio <= TARGET_RATIO else 'NOT met'
            lines.append(
                f'{n_procs} client process(es): p99 forum / node = {ratio:.2f} '
                f'(target <= {TARGET_RATIO}: {verdict})'
            )
    for r in results:
        if r['server'] == 'forum':
            verdict = 'met' if r['rss_mb'] < TARGET_RSS_MB else 'NOT met'
            lines.append(
                f'forum worker RSS, {r["client_procs"]} client process(es): {r["rss_mb"]:.1f} MB '
                f'with all clients connected (target < {TARGET_RSS_MB} MB: {verdict}); '
                f'peak {r["peak_rss_mb"]:.1f} MB'
            )
    missing = sum(r['missing'] for r in results)
    lines.append(f'missing deliveries: {missing} (must be 0)')
    return '\n'.join(lines)
