import type { Config } from '../config'

// Texts leave through Twilio's Messages resource, called with `fetch`:
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic auth with the
// account SID and auth token. Twilio has no idempotency key for it, so a call whose answer was
// lost is resolved by looking the text up in the account's list of messages to that number
// (GET …/Messages.json?To=…) before it is ever sent again (worker/sms/send.ts).

export interface OutgoingText {
  to: string
  body: string
  /** where Twilio reports the text's delivery; null when there is no public URL */
  statusCallback: string | null
}

export type TextOutcome =
  | { ok: true; sid: string }
  | {
      ok: false
      /** no answer came, or a 5xx: Twilio may or may not have taken the text */
      ambiguous: boolean
      retryable: boolean
      retryAfterSeconds: number | null
      /** Twilio's 21610: the number replied STOP to this sender */
      optedOut: boolean
      error: string
    }

/** The one way texts leave: Twilio in production, the local capture otherwise. */
export interface Texter {
  readonly captures: boolean
  /** the sender opt-outs are kept for: the messaging service */
  readonly sender: string
  send(text: OutgoingText): Promise<TextOutcome>
  /**
   * A text to `to` with exactly this body that Twilio took since `since`: its sid and its status
   * now (a delivery report may have come before we knew the sid), or null when Twilio has none.
   * Throws when Twilio could not be asked.
   */
  findSent(to: string, body: string, since: Date): Promise<FoundText | null>
}

/** A text found in Twilio's list: its sid and its MessageStatus now. */
export interface FoundText {
  sid: string
  status: string
}

/** Twilio refused to list the messages (4xx other than 429): asking again will not help. */
export class LookupRefused extends Error {
  constructor(readonly status: number) {
    super(`listing messages: ${status}`)
    this.name = 'LookupRefused'
  }
}

/** Twilio's error answer: `{code, message, more_info, status}`. */
interface TwilioError {
  code?: number
  message?: string
}

/** Twilio's error for a number that replied STOP to the sender. */
const unsubscribedRecipient = 21610
/** how far Twilio's clock may be from ours when a text is looked up */
const clockSlackMs = 5 * 60_000

async function errorOf(response: Response): Promise<TwilioError> {
  try {
    return (await response.json()) as TwilioError
  } catch {
    return {}
  }
}

export function twilioTexter(sms: Config['sms']): Texter {
  const { accountSid, authToken, messagingServiceSid } = sms
  if (!accountSid || !authToken || !messagingServiceSid) throw new Error('Twilio is not set up.')
  const messagesUrl = `${sms.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`
  const authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`

  return {
    captures: false,
    sender: messagingServiceSid,
    async send(text) {
      const form = new URLSearchParams({
        To: text.to,
        MessagingServiceSid: messagingServiceSid,
        Body: text.body,
      })
      if (text.statusCallback) form.set('StatusCallback', text.statusCallback)
      let response: Response
      try {
        response = await fetch(messagesUrl, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          signal: AbortSignal.timeout(sms.timeoutMs),
        })
      } catch (err) {
        const error = `no answer: ${err instanceof Error ? err.message : String(err)}`
        return failure({ ambiguous: true, retryable: true, error })
      }
      if (response.ok) {
        try {
          const { sid } = (await response.json()) as { sid?: string }
          if (sid) return { ok: true, sid }
        } catch {
          // a cut-off body: Twilio took the text, but we cannot tell which it is
        }
        return failure({ ambiguous: true, retryable: true, error: 'an answer without a sid' })
      }
      const body = await errorOf(response)
      const status = response.status
      const retryAfter = Number(response.headers.get('retry-after'))
      return failure({
        // a 5xx may come from a proxy after Twilio took the text: looked up before another try
        ambiguous: status >= 500,
        retryable: status === 429 || status >= 500,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
        optedOut: body.code === unsubscribedRecipient,
        error: `${status} ${body.code ?? ''}: ${body.message ?? ''}`.slice(0, 500),
      })
    },
    async findSent(to, body, since) {
      const url = `${messagesUrl}?${new URLSearchParams({ To: to, PageSize: '100' })}`
      const response = await fetch(url, {
        headers: { authorization },
        signal: AbortSignal.timeout(sms.timeoutMs),
      })
      if (!response.ok) {
        const status = response.status
        if (status >= 400 && status < 500 && status !== 429) throw new LookupRefused(status)
        throw new Error(`listing messages: ${status}`)
      }
      const page = (await response.json()) as {
        messages: {
          sid: string
          body: string
          status: string
          date_created: string
          direction: string
        }[]
      }
      const found = page.messages.find(
        (m) =>
          m.body === body &&
          m.direction.startsWith('outbound') &&
          Date.parse(m.date_created) >= since.getTime() - clockSlackMs,
      )
      return found ? { sid: found.sid, status: found.status } : null
    },
  }
}

function failure(
  outcome: Partial<Extract<TextOutcome, { ok: false }>> & { error: string },
): TextOutcome {
  return {
    ok: false,
    ambiguous: false,
    retryable: false,
    retryAfterSeconds: null,
    optedOut: false,
    ...outcome,
  }
}

/** Local development without Twilio's secrets: every text is "sent" into the dev mailbox. */
export const captureTexter: Texter = {
  captures: true,
  sender: 'capture',
  async send() {
    return { ok: true, sid: `captured_${crypto.randomUUID()}` }
  },
  async findSent() {
    return null
  },
}

/** Twilio when its secrets are set; the capture outside production; none in production. */
export function texterFor(sms: Config['sms']): Texter | null {
  if (sms.mode === 'twilio') return twilioTexter(sms)
  return sms.mode === 'capture' ? captureTexter : null
}
