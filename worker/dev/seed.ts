import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Db } from '../../db/client'
import { createAgency } from '../services/agencies'
import { findActiveApiKey } from '../services/api-keys'
import { dataDir } from './local-config'

export interface DemoAgency {
  agencyId: string
  name: string
  secretKey: string
  publishableKey: string
}

const file = path.join(dataDir, 'demo-agency.json')

/**
 * The demo agency, created once. Keys are stored only as hashes, so the plain keys are kept
 * beside the embedded data; if either is gone, a fresh demo agency is made.
 */
export async function seedDemoAgency(db: Db, origins: string[]): Promise<DemoAgency> {
  if (existsSync(file)) {
    const demo: Omit<DemoAgency, 'name'> = JSON.parse(readFileSync(file, 'utf8'))
    const [secret, publishable] = await Promise.all([
      findActiveApiKey(db, demo.secretKey),
      findActiveApiKey(db, demo.publishableKey),
    ])
    if (secret?.agency_id === demo.agencyId && publishable?.agency_id === demo.agencyId) {
      const { name } = await db
        .updateTable('agencies')
        .set({ allowed_origins: origins })
        .where('id', '=', demo.agencyId)
        .returning('name')
        .executeTakeFirstOrThrow()
      return { ...demo, name }
    }
  }
  const created = await db.transaction().execute((trx) =>
    createAgency(trx, {
      name: 'Brightpath Staffing (demo)',
      allowedOrigins: origins,
      timeZone: 'Europe/London',
      branding: {
        primaryColor: '#23408e',
        accentColor: '#0f7b5f',
        senderName: 'Brightpath Careers',
      },
    }),
  )
  const demo = {
    agencyId: created.agency.id,
    secretKey: created.secretKey.key!,
    publishableKey: created.publishableKey.key!,
  }
  writeFileSync(file, JSON.stringify(demo, null, 2), { mode: 0o600 })
  return { ...demo, name: created.agency.name }
}
