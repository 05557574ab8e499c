import { sql } from 'kysely'
import type { Db } from '../../db/client'
import type { OutgoingMessage } from '../../db/schema'
import { hmacSign, sha256Hex } from '../lib/crypto'
import type { Language } from '../i18n/catalog'

/** Links work for 30 days after the interview: long past the note's window, not forever. */
const linkLifetimeDays = 30

/**
 * Stands where the token goes in a stored message. Made of the token's own alphabet, so no
 * template or URL escaping changes it on the way into the HTML and text.
 */
export const linkTokenSlot = '_ft_link_token_'

/** characters in a link token: what a message's length is measured with in the slot's place */
export const linkTokenLength = 32

/**
 * The candidate's link token for an interview: 192 bits of HMAC-SHA256 under LINK_SECRET. It is
 * derived when a message goes out and never stored; the link row keeps only its SHA-256, so
 * nothing at rest (rows, backups, logs) opens a candidate's page.
 */
export async function linkTokenFor(secret: string, interviewId: string): Promise<string> {
  return (await hmacSign(secret, `coaching-link/${interviewId}`)).slice(0, linkTokenLength)
}

/** Stored text with the interview's link token put in its slot. */
export function fillLinkToken(text: string, token: string): string {
  return text.replaceAll(linkTokenSlot, token)
}

/** A stored message with the interview's link put in, as it is handed to the provider. */
export function withLinkToken(message: OutgoingMessage, token: string): OutgoingMessage {
  const fill = (text: string) => fillLinkToken(text, token)
  return {
    ...message,
    html: fill(message.html),
    text: fill(message.text),
    headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, fill(v)])),
  }
}

/**
 * Makes the links of these interviews work (once a message carrying them goes out): a row with
 * the token's hash, valid for 30 days after the interview. Running it again changes nothing; a
 * forgotten interview gets no link.
 */
export async function issueCoachingLinks(db: Db, secret: string, interviewIds: string[]) {
  const unique = [...new Set(interviewIds)]
  if (unique.length === 0) return
  const links = await Promise.all(
    unique.map(async (id) => ({
      interview_id: id,
      token_hash: await sha256Hex(await linkTokenFor(secret, id)),
    })),
  )
  await sql`
    insert into coaching_links (token_hash, interview_id, expires_at)
    select l.token_hash, i.id, i.ends_at + make_interval(days => ${linkLifetimeDays})
    from jsonb_to_recordset(${JSON.stringify(links)}::text::jsonb) as l (interview_id uuid, token_hash text)
    join interviews i on i.id = l.interview_id and i.forgotten_at is null
    on conflict (token_hash) do nothing
  `.execute(db)
}

export interface LinkTarget {
  interviewId: string
  agencyId: string
  candidateId: string
  /** the interview was canceled: the page says so and takes no more notes */
  canceled: boolean
  /** what the candidate reads: their pages are in it */
  language: Language
  /** the page's first view is recorded already */
  pageOpened: boolean
}

/**
 * The interview behind a candidate's link, or null when the token is unknown, malformed, expired
 * or its candidate erased: all look the same to the caller.
 */
export async function findLinkTarget(
  db: Db,
  token: string,
  now = new Date(),
): Promise<LinkTarget | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null
  const row = await db
    .selectFrom('coaching_links as l')
    .innerJoin('interviews as i', 'i.id', 'l.interview_id')
    .innerJoin('candidates as c', 'c.id', 'i.candidate_id')
    .select([
      'i.id as interviewId',
      'i.agency_id as agencyId',
      'c.id as candidateId',
      sql<boolean>`i.canceled_at is not null`.as('canceled'),
      'i.candidate_language as language',
      sql<boolean>`exists (select 1 from events e
        where e.interview_id = i.id and e.type = 'page_opened')`.as('pageOpened'),
    ])
    .where('l.token_hash', '=', await sha256Hex(token))
    .where('l.expires_at', '>', now)
    .where('c.erased_at', 'is', null)
    .executeTakeFirst()
  return row ?? null
}
