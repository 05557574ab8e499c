import { ProviderRefused, type NoteToWrite, type ProviderContext } from '../adapter'
import { queryOf } from './http'
import { BullhornRest, renewSession } from './session'

// The "notes sent" note on the candidate in Bullhorn: a Note (PUT entity/Note, bullhorn/rest-api-docs
// _entity.md and entityref/_note.md) about the candidate (personReference), on the job
// (jobOrder), by the interview's owner (commentingPerson), with an action of the corporation's
// commentActionList. Notes are not edited through our API: a note written once stays as written
// (the marks it reports may change later; Bullhorn keeps the first account of them).

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
  return found ? String(found.id) : null
}

export async function writeBullhornNote(context: ProviderContext, note: NoteToWrite) {
  // written before: Bullhorn keeps it as it is
  if (note.noteId) return { noteId: note.noteId }
  const { candidateId, jobOrderId } = idsOf(note.externalId)
  const rest = new BullhornRest(context.credentials, (failed) =>
    context.rotateCredentials(renewSession(failed)),
  )
  const earlier = await existingNote(rest, candidateId, note.marker)
  if (earlier) return { noteId: earlier }
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
