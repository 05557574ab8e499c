import { ProviderRefused, type NoteToWrite, type ProviderContext } from '../adapter'
import { BullhornError, queryOf } from './http'
import { BullhornRest, renewSession } from './session'

// The "notes sent" note on the candidate in Bullhorn: a Note (PUT entity/Note, bullhorn/rest-api-docs
// _entity.md and entityref/_note.md) about the candidate (personReference), on the job
// (jobOrder), by the interview's owner (commentingPerson), with an action of the corporation's
// commentActionList. One note per interview, kept current: once written, later changes to the
// marks (another note marked sent, an undo) update its comments in place (POST entity/Note/{id},
// _entity.md), so the note always tells the latest account and is never written twice. A note
// Bullhorn no longer has (404) is written afresh. Before a first write, the candidate's notes are
// searched for the interview's marker: a write whose answer was lost is found, brought up to
// date and kept, not doubled.

/** The action a note is filed under when the agency's settings name none (settings.noteAction). */
export const defaultNoteAction = 'Other'

/** `<candidateId>-<jobOrderId>/<appointmentId>` as the ids it holds. */
function idsOf(externalId: string) {
  const match = /^(\d*)-(\d*)\/\d+$/.exec(externalId)
  if (!match || !match[1]) {
    throw new ProviderRefused(`${externalId} names no Bullhorn candidate: the note has no record.`)
  }
  return { candidateId: Number(match[1]), jobOrderId: match[2] ? Number(match[2]) : null }
}

/** A note of the candidate that carries `marker`: one written before whose answer was lost. */
async function existingNote(rest: BullhornRest, candidateId: number, marker: string) {
  const answer = await rest.call(
    `query/Note?${queryOf({ where: `personReference.id=${candidateId}`, fields: 'id,comments,isDeleted', count: 500 })}`,
  )
  const notes = Array.isArray(answer?.data) ? (answer.data as Record<string, unknown>[]) : []
  const found = notes.find(
    (note) =>
      note.isDeleted !== true &&
      typeof note.comments === 'string' &&
      note.comments.includes(marker),
  )
  return found ? { id: String(found.id), comments: String(found.comments) } : null
}

/** Sets the note's comments to `text`; false when Bullhorn has no such note (404). */
async function updateNote(rest: BullhornRest, noteId: string, text: string) {
  try {
    await rest.call(`entity/Note/${encodeURIComponent(noteId)}`, {
      method: 'POST',
      body: { comments: text },
    })
    return true
  } catch (err) {
    if (err instanceof BullhornError && err.status === 404) return false
    throw err
  }
}

export async function writeBullhornNote(context: ProviderContext, note: NoteToWrite) {
  const { candidateId, jobOrderId } = idsOf(note.externalId)
  const rest = new BullhornRest(context.credentials, (failed) =>
    context.rotateCredentials(renewSession(failed)),
  )
  // written before: the same note now says what the marks say
  if (note.noteId && (await updateNote(rest, note.noteId, note.text))) {
    return { noteId: note.noteId }
  }
  const earlier = await existingNote(rest, candidateId, note.marker)
  // found by its marker: kept, with the latest marks if they changed since
  if (
    earlier &&
    (earlier.comments === note.text || (await updateNote(rest, earlier.id, note.text)))
  ) {
    return { noteId: earlier.id }
  }
  const action = context.integration.settings.noteAction
  const author = /^bullhorn:(\d+)$/.exec(note.recruiterExternalId ?? '')?.[1]
  const answer = await rest.call('entity/Note', {
    method: 'PUT',
    body: {
      comments: note.text,
      action: typeof action === 'string' && action !== '' ? action : defaultNoteAction,
      personReference: { id: candidateId },
      ...(jobOrderId === null ? {} : { jobOrder: { id: jobOrderId } }),
      ...(author ? { commentingPerson: { id: Number(author) } } : {}),
    },
  })
  const noteId = answer?.changedEntityId
  if (typeof noteId !== 'number') throw new ProviderRefused('Bullhorn created no Note.')
  return { noteId: String(noteId) }
}
