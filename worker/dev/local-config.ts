import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomToken } from '../lib/crypto'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** git-ignored: the embedded database and the generated local secrets live here */
export const dataDir = process.env.FOLLOWTHROUGH_DATA_DIR ?? path.join(root, '.data')

export interface LocalSecrets {
  ADMIN_TOKEN: string
  SESSION_SECRET: string
}

/** Secrets for local runs: the environment's, else generated once and kept in .data/. */
export function localSecrets(): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json')
  let stored: Partial<LocalSecrets> = {}
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'))
  const secrets = {
    ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? stored.ADMIN_TOKEN ?? `ft_admin_${randomToken(24)}`,
    SESSION_SECRET: process.env.SESSION_SECRET ?? stored.SESSION_SECRET ?? randomToken(32),
  }
  if (!stored.ADMIN_TOKEN || !stored.SESSION_SECRET) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 })
  }
  return secrets
}
