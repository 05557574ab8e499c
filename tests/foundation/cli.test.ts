import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN, startHarness, type Harness } from '../support/harness'

const run = promisify(execFile)
let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'worker/cli/agency-create.ts', ...args], {
    env: { ...process.env, FOLLOWTHROUGH_URL: h.baseUrl, ADMIN_TOKEN },
  })

describe('npm run agency:create', () => {
  it('creates an agency and prints keys that work', async () => {
    const { stdout } = await cli([
      '--name',
      'Harbor Talent',
      '--origin',
      'https://portal.harbor.example',
    ])
    const secretKey = stdout.match(/secret key\s+(ft_sk_\S+)/)?.[1]
    expect(secretKey).toBeDefined()
    const res = await h.request('GET', '/v1/agency', { token: secretKey })
    expect(res.body).toMatchObject({
      name: 'Harbor Talent',
      allowedOrigins: ['https://portal.harbor.example'],
    })
  })

  it('explains a refusal instead of crashing', async () => {
    const err = await cli(['--name', 'Bad Zone', '--time-zone', 'Nowhere/Else']).catch((e) => e)
    expect(err.code).toBe(1)
    expect(err.stderr).toContain('timeZone: Must be an IANA time zone')
  })
})
