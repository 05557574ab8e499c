import { sha256Hex } from '../../lib/crypto'
import {
  ProviderRefused,
  ProviderUnavailable,
  type NoteToWrite,
  type ProviderContext,
} from '../adapter'
import { signatureHeader, signWebhook } from './signature'

// The generic webhook's write-back: an `interview.notes_sent` event POSTed to the agency's
// settings.writeBackUrl, signed like the events it sends us (Followthrough-Signature with the
// integration's secret). Its id names the interview and what the note says, so a retry after a
// lost answer carries the same id and the receiver can drop it as a repeat.

const timeoutMs = 10_000

export const writeBackUrlOf = (settings: Record<string, unknown>) =>
  typeof settings.writeBackUrl === 'string' ? settings.writeBackUrl : null

export async function postNotesSent(context: ProviderContext, note: NoteToWrite) {
  const url = writeBackUrlOf(context.integration.settings)
  if (!url || !context.signingSecret) {
    throw new ProviderRefused('No writeBackUrl in the integration settings.')
  }
  const id = `${note.interviewId}.${(await sha256Hex(note.text)).slice(0, 16)}`
  const body = JSON.stringify({
    id,
    event: 'interview.notes_sent',
    occurredAt: context.now.toISOString(),
    interview: { id: note.interviewId, externalRef: { id: note.externalId } },
    notes: note.thanked.map((person) => ({
      interviewer: { name: person.name, title: person.title, email: person.email },
      sentAt: person.sentAt?.toISOString() ?? null,
    })),
    text: note.text,
  })
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [signatureHeader]: await signWebhook(context.signingSecret, body, context.now),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (err) {
    throw new ProviderUnavailable(`${new URL(url).host} did not answer: ${String(err)}`)
  }
  await res.body?.cancel()
  if (res.ok) return { noteId: id }
  const message = `${new URL(url).host} answered ${res.status} to the write-back.`
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    const retryAfter = Number(res.headers.get('retry-after'))
    throw new ProviderUnavailable(
      message,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60,
    )
  }
  throw new ProviderRefused(message)
}
