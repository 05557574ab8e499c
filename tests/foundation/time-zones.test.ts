import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAgency, logInterview, type TestAgency } from '../support/factories'
import { ADMIN_TOKEN, startHarness, type Harness } from '../support/harness'

const run = promisify(execFile)
let h: Harness
let agency: TestAgency
beforeAll(async () => {
  h = await startHarness()
  agency = await createAgency(h, { timeZone: 'Europe/Berlin' })
  await logInterview(h, agency.secretKey)
})
afterAll(() => h?.close())

// Each of these is accepted by JavaScript's Intl (in workerd, or once was) and then read by
// Postgres otherwise, or not at all.
const refused = [
  'US/Pacific-New', // Intl still knows it; Postgres's time zone data dropped it in 2020
  '+05:00', // Intl: five hours east of UTC; Postgres: five hours west (POSIX signs)
  '-03:00',
  'UTC+5', // POSIX: five hours west
  'EST5EDT', // a POSIX rule, not a region
  'Etc/GMT+5', // five hours west, whatever the sign suggests
  'CET', // Intl: Central Europe with summer time; Postgres: the fixed +01 abbreviation
  'europe/london', // Intl folds the case, Postgres does not
  'posix/Europe/London',
  'Mars/Olympus',
  '',
]

const accepted = [
  'Europe/London',
  'America/New_York',
  'UTC',
  'US/Eastern',
  'Asia/Calcutta',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Argentina/Buenos_Aires',
  'America/Port-au-Prince',
]

const stats = (token: string) => h.request('GET', '/v1/stats?groupBy=week', { token })

describe('time zones are checked the way Postgres will use them', () => {
  it('refuses offsets, POSIX-style names and names Postgres does not know, with a 400 on timeZone', async () => {
    for (const timeZone of refused) {
      const patched = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { timeZone },
      })
      expect(patched.status, timeZone).toBe(400)
      expect(patched.body.error.code).toBe('validation_failed')
      expect(patched.body.error.details, timeZone).toEqual([
        { path: 'timeZone', message: expect.stringMatching(/time zone/) },
      ])
      const created = await h.request('POST', '/v1/agencies', {
        token: ADMIN_TOKEN,
        json: { name: 'Zone Probe', timeZone },
      })
      expect(created.status, timeZone).toBe(400)
      expect(created.body.error.details[0].path).toBe('timeZone')
    }
    const read = await h.request('GET', '/v1/agency', { token: agency.secretKey })
    expect(read.body.timeZone).toBe('Europe/Berlin')
    expect((await stats(agency.secretKey)).status).toBe(200)
    const probes = await h.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', 'Zone Probe')
      .execute()
    expect(probes).toEqual([])
  })

  it('accepts region names and UTC, and the stats answer for each', async () => {
    for (const timeZone of accepted) {
      const patched = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { timeZone },
      })
      expect(patched.status, `${timeZone}: ${patched.text}`).toBe(200)
      expect(patched.body.timeZone).toBe(timeZone)
      const res = await stats(agency.secretKey)
      expect(res.status, `${timeZone}: ${res.text}`).toBe(200)
      expect(res.body.timeZone).toBe(timeZone)
    }
  })

  it('never lets a zone through that the stats cannot use, across the zones JavaScript lists', async () => {
    // every 20th zone of Intl's list: each is refused cleanly, or accepted and usable
    const sample = Intl.supportedValuesOf('timeZone').filter((_, i) => i % 20 === 0)
    const outcomes: string[] = []
    for (const timeZone of sample) {
      const patched = await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { timeZone },
      })
      expect([200, 400], `${timeZone}: ${patched.text}`).toContain(patched.status)
      if (patched.status === 200) {
        const res = await stats(agency.secretKey)
        expect(res.status, `${timeZone}: ${res.text}`).toBe(200)
      }
      outcomes.push(`${timeZone} ${patched.status}`)
    }
    expect(outcomes.filter((o) => o.endsWith('200')).length).toBeGreaterThan(sample.length / 2)
  })

  it('refuses the same zones from the CLI, with the reason', async () => {
    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'worker/cli/agency-create.ts', ...args], {
        env: { ...process.env, FOLLOWTHROUGH_URL: h.baseUrl, ADMIN_TOKEN },
      })
    for (const timeZone of ['US/Pacific-New', '+05:00']) {
      const err = await cli(['--name', 'CLI Zone', '--time-zone', timeZone]).catch((e) => e)
      expect(err.code, timeZone).toBe(1)
      expect(err.stderr, timeZone).toMatch(/timeZone: .*time zone/)
    }
    const { stdout } = await cli(['--name', 'CLI Zone', '--time-zone', 'America/New_York'])
    expect(stdout).toContain('Created agency "CLI Zone"')
  })
})
