import { ProviderRefused, type NoteToWrite, type ProviderContext } from '../adapter'
import { leverClient, type LeverClient } from './client'
import { segment, type LeverNote, type LeverOpportunity } from './records'

// The "notes sent" note, on the opportunity (Lever keeps notes there, not on an interview):
// POST /opportunities/{id}/notes with `{ value }`, as the recruiter (`perform_as=<user id>`);
// `note_id=` rewrites an earlier one in place.

const idOf = (note: LeverNote) => note.noteId ?? note.id

const textsOf = (note: LeverNote) =>
  (note.fields ?? []).map((field) => (typeof field.value === 'string' ? field.value : ''))

/** The opportunity's note a lost earlier attempt left, found by the marker line it carries. */
async function noteWithMarker(client: LeverClient, notesPath: string, marker: string) {
  const notes = await client.list<LeverNote>(notesPath)
  return notes.find((note) => textsOf(note).some((text) => text.includes(marker))) ?? null
}

/**
 * The Lever user the note is written as: the interview's recruiter when they are a Lever user,
 * else the opportunity's owner (some API keys may only write notes on someone's behalf).
 */
async function authorOf(client: LeverClient, opportunityId: string, recruiter: string | null) {
  if (recruiter?.startsWith('lever:')) return recruiter.slice('lever:'.length)
  const opportunity = await client.get<LeverOpportunity>(`/opportunities/${segment(opportunityId)}`)
  return opportunity?.owner ?? null
}

export async function writeLeverNote(
  context: ProviderContext,
  note: NoteToWrite,
): Promise<{ noteId: string }> {
  const client = leverClient(context)
  const [opportunityId] = note.externalId.split('/')
  if (!opportunityId) throw new ProviderRefused(`${note.externalId} names no Lever opportunity.`)
  const notesPath = `/opportunities/${segment(opportunityId)}/notes`
  const author = await authorOf(client, opportunityId, note.recruiterExternalId)
  const performAs: Record<string, string> = author ? { perform_as: author } : {}
  const body = { value: note.text }

  const rewrite = async (noteId: string) =>
    client.post<LeverNote>(notesPath, { ...performAs, note_id: noteId }, body)

  if (note.noteId && (await rewrite(note.noteId))) return { noteId: note.noteId }
  // no note yet, or the one written before was deleted in Lever: an attempt whose answer was
  // lost may have written it all the same
  const earlier = await noteWithMarker(client, notesPath, note.marker)
  if (earlier) {
    if (!textsOf(earlier).includes(note.text) && !(await rewrite(idOf(earlier)))) {
      throw new ProviderRefused(`Lever lost note ${idOf(earlier)} while it was rewritten.`)
    }
    return { noteId: idOf(earlier) }
  }
  const created = await client.post<LeverNote>(notesPath, performAs, body)
  if (!created) throw new ProviderRefused(`Lever has no opportunity ${opportunityId}.`)
  return { noteId: idOf(created) }
}
