import { readdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'

const tick = 10 // ms per clock tick (USER_HZ is 100 on Linux)

function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name is in parentheses and may hold spaces: fields start after it
    return [
      text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
      ...text.slice(text.lastIndexOf(')') + 2).split(' '),
    ]
  } catch {
    return null
  }
}

/** CPU time a process has used, in ms (0 once it is gone). */
function processMs(pid: number): number {
  const fields = stat(pid)
  // utime and stime: fields 14 and 15 of /proc/PID/stat, here 12 and 13 after name and state
  return fields ? (Number(fields[12]) + Number(fields[13])) * tick : 0
}

/** The processes under `ancestor` whose command is `command`. */
export function descendantsNamed(ancestor: number, command: string): number[] {
  const parents = new Map<number, { parent: number; command: string }>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    const fields = Number.isInteger(pid) ? stat(pid) : null
    if (fields) parents.set(pid, { parent: Number(fields[2]), command: fields[0]! })
  }
  const under = (pid: number): boolean => {
    for (let p = parents.get(pid)?.parent; p; p = parents.get(p)?.parent) {
      if (p === ancestor) return true
    }
    return false
  }
  return [...parents].filter(([pid, p]) => p.command === command && under(pid)).map(([pid]) => pid)
}

/** Busy and total CPU time of the whole machine so far, in ms summed over its cores. */
function machineMs() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const n = values.map(Number)
  const idle = n[3]! + n[4]!
  const total = n.reduce((a, b) => a + b, 0)
  return { busy: (total - idle) * tick, total: total * tick }
}

export interface CpuProfile {
  /** CPU ms per group of processes over the run */
  groups: Record<string, number>
  /** CPU ms of everything else on the machine (other work sharing it) */
  other: number
  /** CPU ms the machine left idle */
  idle: number
  cores: number
}

/**
 * Where CPU went while `run` ran: each named group of processes (their pids listed before and
 * after, so a process that came and went in between is missed), the rest of the machine, and idle.
 */
export async function profileCpu<T>(
  groups: Record<string, () => number[] | Promise<number[]>>,
  run: () => Promise<T>,
): Promise<{ result: T; cpu: CpuProfile }> {
  const list = async () =>
    Object.fromEntries(
      await Promise.all(Object.entries(groups).map(async ([name, pids]) => [name, await pids()])),
    ) as Record<string, number[]>
  const pidsBefore = await list()
  const before = new Map(
    Object.values(pidsBefore)
      .flat()
      .map((pid) => [pid, processMs(pid)]),
  )
  const machineBefore = machineMs()
  const result = await run()
  const machineAfter = machineMs()
  const pidsAfter = await list()
  const used: Record<string, number> = {}
  for (const name of Object.keys(groups)) {
    const pids = new Set([...pidsBefore[name]!, ...pidsAfter[name]!])
    used[name] = [...pids].reduce(
      (sum, pid) => sum + Math.max(0, processMs(pid) - (before.get(pid) ?? 0)),
      0,
    )
  }
  const ours = Object.values(used).reduce((a, b) => a + b, 0)
  const busy = machineAfter.busy - machineBefore.busy
  return {
    result,
    cpu: {
      groups: used,
      other: Math.max(0, busy - ours),
      idle: machineAfter.total - machineBefore.total - busy,
      cores: cpus().length,
    },
  }
}
