import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database'

// What `npm start` runs after building: the database (embedded, or DATABASE_URL), the demo
// agency and the worker. Each start gets a data folder that does not exist yet, as on a fresh
// clone where `.data/` has never been made.
const scratch = mkdtempSync(path.join(tmpdir(), 'followthrough-start-'))
let child: ChildProcess | undefined
let output = ''

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function start(port: number, env: Record<string, string>): Promise<{ ms: number }> {
  const began = Date.now()
  output = ''
  const launched = spawn(process.execPath, ['--import', 'tsx', 'worker/dev/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      ADMIN_TOKEN: '',
      SESSION_SECRET: '',
      LINK_SECRET: '',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = launched
  launched.stdout!.on('data', (chunk) => (output += chunk))
  launched.stderr!.on('data', (chunk) => (output += chunk))
  let exited = false
  launched.once('exit', () => (exited = true))
  for (;;) {
    if (exited) throw new Error(`npm start exited before serving:\n${output}`)
    if (Date.now() - began > 60_000)
      throw new Error(`npm start did not answer /health within 60 s:\n${output}`)
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.status === 200)
      .catch(() => false)
    if (ok) return { ms: Date.now() - began }
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function stop() {
  if (!child || child.exitCode !== null) return
  const exited = new Promise((resolve) => child?.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
  child = undefined
}

let external: TestDatabase | undefined
afterAll(async () => {
  await stop()
  await external?.close()
  rmSync(scratch, { recursive: true, force: true })
})

const demoOf = (dataDir: string) =>
  JSON.parse(readFileSync(path.join(dataDir, 'demo-agency.json'), 'utf8')) as {
    secretKey: string
  }

describe('npm start on a fresh clone', () => {
  it('embedded: answers /health within 60 s, and keeps its data across a restart', async () => {
    const port = await freePort()
    const env = { FOLLOWTHROUGH_DATA_DIR: path.join(scratch, 'embedded', '.data') }
    const first = await start(port, env)
    expect(first.ms).toBeLessThan(60_000)
    // the console names the demo agency, and the first address it prints is a page, not a 404
    await expect.poll(() => output).toMatch(/Demo agency "Brightpath Staffing \(demo\)"/)
    expect(output).toContain(`Followthrough is running at http://localhost:${port}`)
    const home = await fetch(`http://127.0.0.1:${port}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('href="/demo"')
    const demo = demoOf(env.FOLLOWTHROUGH_DATA_DIR)
    const patched = await fetch(`http://127.0.0.1:${port}/v1/agency`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${demo.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept Across Restarts' }),
    })
    expect(patched.status).toBe(200)
    await stop()

    await start(port, env)
    const read = await fetch(`http://127.0.0.1:${port}/v1/agency`, {
      headers: { authorization: `Bearer ${demo.secretKey}` },
    })
    expect(read.status).toBe(200)
    expect(((await read.json()) as { name: string }).name).toBe('Kept Across Restarts')
    await stop()
  }, 150_000)

  it('with DATABASE_URL set to an empty database and the secrets in the environment', async () => {
    // a migrated test database is dropped back to empty: the launcher must migrate it itself
    external = await createTestDatabase({ migrate: false })
    const port = await freePort()
    const dataDir = path.join(scratch, 'external', '.data')
    const adminToken = 'ft_admin_from_the_environment_0123456789'
    await start(port, {
      FOLLOWTHROUGH_DATA_DIR: dataDir,
      DATABASE_URL: external.url,
      ADMIN_TOKEN: adminToken,
      SESSION_SECRET: 'session-secret-from-the-environment-0123456789',
      LINK_SECRET: 'link-secret-from-the-environment-0123456789',
    })
    expect(output).toContain('DATABASE_URL')
    expect(output).not.toContain(adminToken)

    const created = await fetch(`http://127.0.0.1:${port}/v1/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Brought Its Own Postgres' }),
    })
    expect(created.status).toBe(201)
    // the demo portal works: its backend mints a session the widget can use
    const portal = await fetch(`http://127.0.0.1:${port}/demo`)
    expect(portal.status).toBe(200)
    const session = await fetch(`http://127.0.0.1:${port}/demo/session`, { method: 'POST' })
    expect(session.status).toBe(200)
    const agency = await fetch(`http://127.0.0.1:${port}/v1/agency`, {
      headers: { authorization: `Bearer ${demoOf(dataDir).secretKey}` },
    })
    expect(agency.status).toBe(200)
    await stop()
  }, 150_000)
})
