import { ProviderRefused, ProviderUnavailable } from '../adapter'

// One call to Bullhorn and what its answer means to us. Bullhorn answers 307 when a URL names
// another data center than the agency's; fetch follows it (method and body kept). A REST session
// that expired answers 401, which the caller renews; 429 and 5xx are worth trying again later.

/** The REST session (BhRestToken) was refused: it expired or was revoked. */
export class SessionExpired extends Error {
  constructor(readonly bhRestToken: string) {
    super("Bullhorn refused the session's BhRestToken")
    this.name = 'SessionExpired'
  }
}

/** Bullhorn answered, but with an error: its status and the message it gave. */
export class BullhornError extends ProviderRefused {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** Bullhorn did not answer, or answered 429 or 5xx (`status`; null: no answer at all). */
export class BullhornUnavailable extends ProviderUnavailable {
  constructor(
    message: string,
    readonly status: number | null,
    retryAfterSeconds?: number,
  ) {
    super(message, retryAfterSeconds)
  }
}

const timeoutMs = 15_000

function messageOf(status: number, body: Record<string, unknown>): string {
  const text = body.errorMessage ?? body.error_description ?? body.error ?? body.message
  return `Bullhorn answered ${status}${typeof text === 'string' ? `: ${text.slice(0, 300)}` : ''}`
}

/**
 * Calls Bullhorn; its JSON answer (null for an empty body). Throws ProviderUnavailable for no
 * answer, 429 and 5xx, SessionExpired for 401 on a call made with `bhRestToken`, and BullhornError
 * (a ProviderRefused) for the other refusals.
 */
export async function callBullhorn(
  url: string,
  init: { method?: string; body?: unknown; bhRestToken?: string } = {},
): Promise<Record<string, unknown> | null> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.bhRestToken) headers.BhRestToken = init.bhRestToken
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (err) {
    throw new BullhornUnavailable(`Bullhorn did not answer (${String(err)})`, null)
  }
  const text = await res.text().catch(() => '')
  let body: Record<string, unknown> = {}
  try {
    const parsed: unknown = text === '' ? null : JSON.parse(text)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      body = parsed as Record<string, unknown>
    }
  } catch {
    if (res.ok) throw new ProviderUnavailable('Bullhorn answered with a body that is not JSON')
  }
  if (res.ok) return text === '' ? null : body
  if (res.status === 429 || res.status >= 500) {
    const retryAfter = Number(res.headers.get('retry-after'))
    throw new BullhornUnavailable(
      messageOf(res.status, body),
      res.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60,
    )
  }
  if (res.status === 401 && init.bhRestToken) throw new SessionExpired(init.bhRestToken)
  throw new BullhornError(res.status, messageOf(res.status, body), body)
}

/** A query string of these values (undefined ones left out). */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) params.set(name, String(value))
  }
  return params.toString()
}
