import { ProviderRefused, type NoteToWrite, type ProviderContext } from '../adapter'
import { createCandidateNote, getApplication, getInterview, listCandidateNotes } from './harvest'

// The "notes sent" note goes on the candidate's activity feed. Greenhouse notes cannot be edited,
// so a changed text is written as a follow-up note; every note written carries the marker, and
// the newest note with the marker is what Greenhouse already says about this interview.

const followUpLead = 'Update to the earlier Followthrough note:\n'

/** The text a note carries for us, without a follow-up's first line. */
const textOf = (body: string) =>
  body.startsWith(followUpLead) ? body.slice(followUpLead.length) : body

export async function writeGreenhouseNote(
  context: ProviderContext,
  note: NoteToWrite,
): Promise<{ noteId: string }> {
  const interviewId = Number(note.externalId.split('/').pop())
  const interview = Number.isSafeInteger(interviewId)
    ? await getInterview(context, interviewId)
    : null
  if (!interview) {
    throw new ProviderRefused(`Greenhouse has no scheduled interview ${note.externalId}.`)
  }
  const application = await getApplication(context, interview.application_id)
  if (!application) {
    throw new ProviderRefused(`Greenhouse has no application ${interview.application_id}.`)
  }
  // newest first: an answer lost after a write shows up here, and is not written twice
  const notes = await listCandidateNotes(context, application.candidate_id)
  const earlier = notes.find((existing) => existing.body?.includes(note.marker))
  if (earlier && textOf(earlier.body ?? '').trim() === note.text.trim()) {
    return { noteId: String(earlier.id) }
  }
  const body = earlier ? `${followUpLead}${note.text}` : note.text
  const { userId } = context.credentials
  const written = await createCandidateNote(context, {
    candidateId: application.candidate_id,
    applicationId: application.id,
    userId: userId ? Number(userId) : null,
    body,
  })
  return { noteId: String(written.id) }
}
