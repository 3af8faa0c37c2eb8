#!/usr/bin/env python3
"""Process-tree measurements for the bench scripts (read from /proc, Linux only).

  proctree.py pss ROOTPID           summed Pss (kB) of the process and its descendants (shared pages split)
  proctree.py cpu ROOTPID           CPU clock ticks used by the tree, children already reaped included
                                    (utime+stime+cutime+cstime), so two probes differ by what the tree used
  proctree.py sample OUT GROUP...   peak resident memory: each GROUP is pid:PID (that process) or tree:PID
                                    (it and all its descendants, summed); samples every 100 ms and keeps one
                                    peak (kB) per group in OUT, rewritten as soon as a peak grows; stops on SIGTERM
"""
import os
import signal
import sys
import time


def tree(root):
    """The root and every descendant of it, by walking the parent links of all processes once."""
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    parent[int(name)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, todo = {root}, [root]
    while todo:
        p = todo.pop()
        for child, ppid in parent.items():
            if ppid == p and child not in found:
                found.add(child)
                todo.append(child)
    return found


def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def probe(what, root):
    total = 0
    for pid in tree(root):
        try:
            if what == "pss":
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    total += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            else:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        except (OSError, IndexError, ValueError):
            pass
    return total


def sample(out, groups):
    peaks = [0] * len(groups)

    def write():
        with open(out + ".tmp", "w") as f:
            f.write(" ".join(map(str, peaks)) + "\n")
        os.replace(out + ".tmp", out)

    def stop(*_):
        write()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    while True:
        grew = False
        for i, (kind, pid) in enumerate(groups):
            pids = tree(int(pid)) if kind == "tree" else [int(pid)]
            total = sum(rss(p) for p in pids)
            if total > peaks[i]:
                peaks[i], grew = total, True
        if grew or not os.path.exists(out):
            write()
        time.sleep(0.1)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] in ("pss", "cpu"):
        print(probe(sys.argv[1], int(sys.argv[2])))
    elif len(sys.argv) >= 4 and sys.argv[1] == "sample":
        sample(sys.argv[2], [g.split(":") for g in sys.argv[3:]])
    else:
        sys.exit(__doc__)
