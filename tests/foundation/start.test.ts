import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// What `npm start` runs after building: the embedded database, the demo agency and the worker.
const dataDir = mkdtempSync(path.join(tmpdir(), 'followthrough-start-'))
let child: ChildProcess | undefined

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function start(port: number): Promise<{ ms: number }> {
  const began = Date.now()
  child = spawn(process.execPath, ['--import', 'tsx', 'worker/dev/start.ts'], {
    env: { ...process.env, PORT: String(port), FOLLOWTHROUGH_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: 'ignore',
  })
  for (;;) {
    if (Date.now() - began > 60_000) throw new Error('npm start did not answer /health within 60 s')
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.status === 200)
      .catch(() => false)
    if (ok) return { ms: Date.now() - began }
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function stop() {
  const exited = new Promise((resolve) => child?.once('exit', resolve))
  child?.kill('SIGTERM')
  await exited
  child = undefined
}

afterAll(async () => {
  if (child) await stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the local launcher', () => {
  it('answers /health within 60 s, and keeps its data across a restart', async () => {
    const port = await freePort()
    const first = await start(port)
    expect(first.ms).toBeLessThan(60_000)
    const demo = JSON.parse(readFileSync(path.join(dataDir, 'demo-agency.json'), 'utf8'))
    const patched = await fetch(`http://127.0.0.1:${port}/v1/agency`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept Across Restarts' }),
    })
    expect(patched.status).toBe(200)
    await stop()

    await start(port)
    const read = await fetch(`http://127.0.0.1:${port}/v1/agency`, {
      headers: { authorization: `Bearer ${demo.secretKey}` },
    })
    expect(read.status).toBe(200)
    expect(((await read.json()) as { name: string }).name).toBe('Kept Across Restarts')
  }, 150_000)
})
