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
  LINK_SECRET: string
}

const generators: Record<keyof LocalSecrets, () => string> = {
  ADMIN_TOKEN: () => `ft_admin_${randomToken(24)}`,
  SESSION_SECRET: () => randomToken(32),
  LINK_SECRET: () => randomToken(32),
}

/**
 * Secrets for local runs: each from the environment when set there, else generated once and kept
 * in .data/secrets.json. `fromEnvironment` names the ones the environment gave (never printed).
 */
export function localSecrets(): { secrets: LocalSecrets; fromEnvironment: Set<string> } {
  const file = path.join(dataDir, 'secrets.json')
  const stored: Partial<LocalSecrets> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : {}
  const generated: Partial<LocalSecrets> = {}
  const fromEnvironment = new Set<string>()
  const secrets = {} as LocalSecrets
  for (const name of Object.keys(generators) as (keyof LocalSecrets)[]) {
    const given = process.env[name]
    if (given) fromEnvironment.add(name)
    else if (!stored[name]) generated[name] = generators[name]()
    secrets[name] = given || stored[name] || generated[name]!
  }
  if (Object.keys(generated).length > 0) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify({ ...stored, ...generated }, null, 2), { mode: 0o600 })
  }
  return { secrets, fromEnvironment }
}
