import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/**
 * Debian's PgBouncer in transaction pooling mode, the local stand-in for Hyperdrive: many short
 * client connections share a few server connections, each held for one transaction. Connecting
 * to it costs a socket and a startup packet, not a Postgres backend.
 */
export interface PgBouncer {
  port: number
  pid: number
  /** the server connections it keeps per database */
  poolSize: number
  /** `url` (a database on the pooled server) reached through the pool */
  pooledUrl(url: string): string
  stop(): Promise<void>
}

const binary = '/usr/sbin/pgbouncer'

/** Whether this machine has PgBouncer (`apt-get install pgbouncer`). */
export function hasPgBouncer(): boolean {
  return spawnSync(binary, ['--version']).status === 0
}

/** a TCP port of 127.0.0.1 nothing listens on just now */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

// a pool left running by a process that died without stopping it
const running = new Set<() => void>()
process.once('exit', () => running.forEach((kill) => kill()))

/**
 * Starts PgBouncer on a free loopback port in front of the server of `serverUrl` (trust
 * authentication, as the test server has), with its configuration in a temporary folder removed
 * by `stop()`. Any database name is passed through to the server. Run as root, it drops to the
 * `postgres` user, since PgBouncer refuses to run as root.
 */
export async function startPgBouncer(serverUrl: string, poolSize = 20): Promise<PgBouncer> {
  if (!hasPgBouncer()) {
    throw new Error(`${binary} is missing: install Debian's pgbouncer (apt-get install pgbouncer).`)
  }
  const server = new URL(serverUrl)
  const user = decodeURIComponent(server.username || 'postgres')
  const port = await freePort()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pgbouncer-'))
  chmodSync(dir, 0o755)
  const write = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text, { mode: 0o644 })
    return path.join(dir, name)
  }
  const authFile = write('users.txt', `"${user}" ""\n`)
  const config = write(
    'pgbouncer.ini',
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir =`,
      'auth_type = trust',
      `auth_file = ${authFile}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      // one line per client connection would swamp the output of a run that opens thousands
      'log_connections = 0',
      'log_disconnections = 0',
      'log_pooler_errors = 1',
      '',
    ].join('\n'),
  )
  const asRoot = process.getuid?.() === 0
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const kill = () => child.kill('SIGKILL')
  running.add(kill)
  const cleanUp = () => {
    running.delete(kill)
    rmSync(dir, { recursive: true, force: true })
  }
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i >= 100) {
      kill()
      await exited
      cleanUp()
      throw new Error(`pgbouncer did not start:\n${output}`)
    }
    if (await accepting(port)) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    port,
    pid: child.pid!,
    poolSize,
    pooledUrl(url) {
      const pooled = new URL(url)
      pooled.hostname = '127.0.0.1'
      pooled.port = String(port)
      return pooled.toString()
    },
    async stop() {
      // SIGTERM: shut down now (the run is over); SIGKILL if it lingers
      child.kill('SIGTERM')
      const timer = setTimeout(kill, 5000)
      await exited
      clearTimeout(timer)
      cleanUp()
    },
  }
}
