#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: top self frames and top inclusive frames.

  jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr | bench/jfr-top.py [N] [PREFIX]

Self = the sampled (innermost) frame. Inclusive = samples whose stack contains the method anywhere,
limited to methods whose name starts with PREFIX (default dev.tokensieve) so the list shows our own
code. Percentages are of all samples.
"""
import re
import sys
from collections import Counter

top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
prefix = sys.argv[2] if len(sys.argv) > 2 else "dev.tokensieve"
frame = re.compile(r"^\s+([\w$.<>\[\]]+)\(.*\)\s+line:")
self_counts, incl_counts, stacks = Counter(), Counter(), 0
current = None
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        current = []
    elif current is not None and line.strip() == "]":
        if current:
            stacks += 1
            self_counts[current[0]] += 1
            for m in set(current):
                if m.startswith(prefix):
                    incl_counts[m] += 1
        current = None
    elif current is not None:
        m = frame.match(line)
        if m:
            current.append(m.group(1))
print(f"{stacks} samples")
print(f"\ntop {top} self frames:")
for m, n in self_counts.most_common(top):
    print(f"  {100.0 * n / stacks:5.1f}%  {m}")
print(f"\ntop {top} inclusive frames under {prefix}:")
for m, n in incl_counts.most_common(top):
    print(f"  {100.0 * n / stacks:5.1f}%  {m}")
