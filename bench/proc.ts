// What the benches read of processes on this machine from /proc: CPU time, and which process is the
// Neo4j behind a bolt URI.
import * as fs from "node:fs";

/**
 * utime + stime of a process (all threads), in seconds; with `children`, also that of the children
 * it has waited for (cutime + cstime). /proc counts in USER_HZ, which is 100 on Linux. Throws once the
 * process is gone.
 */
export function cpuSeconds(pid: number, children = false): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const own = Number(fields[11]) + Number(fields[12]);
  return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / 100;
}

/** The process listening on the bolt port of NEO4J_URI on this machine, if any (for its CPU time). */
export function neo4jProcess(uri: string): number | null {
  const port = Number(/:(\d+)\/?$/.exec(uri)?.[1] ?? 7687);
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[3] === "0A" && parseInt(cols[1]!.split(":")[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      // not ours to read, or gone
    }
  }
  return null;
}
