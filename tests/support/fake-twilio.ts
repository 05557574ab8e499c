/**
 * A stand-in for Twilio's Programmable Messaging on loopback: the Messages resource of the REST
 * API, and the webhooks Twilio sends (status callbacks and inbound messages), signed with
 * X-Twilio-Signature.
 *
 * Follows: Twilio's Messages resource docs (POST and GET /2010-04-01/Accounts/{AccountSid}/Messages.json,
 * form-encoded, HTTP Basic auth with the account SID and auth token; the message's JSON with `sid`
 * "SM…", `status` "accepted" through a messaging service or "queued" from a number, `num_segments`
 * as a string, `date_created` in RFC 2822; errors as `{code, message, more_info, status}`, among
 * them 20003 authentication, 21211 an invalid 'To', 21602 no body, 21610 a recipient who replied
 * STOP); the status callback's and inbound message's form parameters; and the signature as
 * twilio-node's webhooks validation computes it (HMAC-SHA1 under the auth token of the URL Twilio
 * called followed by each POST parameter's name and value, sorted by name, base64).
 *
 * Simplified: one page of results for a list (newest first, `PageSize` up to 1000, `To` the only
 * filter); messages stay at the status the test sets; segments counted as GSM-7 or UCS-2 by a
 * small rule of its own; the built-in STOP handling of a messaging service (Advanced Opt-Out)
 * is the fake's own list of numbers per messaging service.
 */
import { createHmac, randomBytes } from 'node:crypto'
import {
  AnswerError,
  basicAuthUser,
  controlsOf,
  startFakeServer,
  waitForCount,
  type FailureControls,
  type FakeAnswer,
  type FakeCall,
} from './fake-ats/server'

export interface FakeSms {
  sid: string
  accountSid: string
  messagingServiceSid: string | null
  from: string | null
  to: string
  body: string
  status: string
  numSegments: number
  statusCallback: string | null
  dateCreated: Date
}

export interface FakeTwilio extends FailureControls {
  /** the API base, as https://api.twilio.com */
  url: string
  accountSid: string
  authToken: string
  messagingServiceSid: string
  /** the number the messaging service sends from */
  serviceNumber: string
  calls: FakeCall[]
  /** every message the API accepted, oldest first */
  messages: FakeSms[]
  /**
   * Sends the status callback Twilio would for `message` becoming `status`, to `deliverTo` (the
   * worker's origin) at the path of the message's StatusCallback, signed for that URL.
   */
  statusCallback(
    message: FakeSms,
    status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed',
    deliverTo: string,
    options?: { errorCode?: string },
  ): Promise<Response>
  /**
   * A text from `from` to the messaging service's number, delivered as Twilio delivers an inbound
   * message to `webhookUrl` (the URL configured on the service; the request goes to `deliverTo`).
   */
  inbound(
    from: string,
    body: string,
    webhookUrl: string,
    deliverTo: string,
  ): Promise<{ response: Response; params: Record<string, string> }>
  waitForMessages(count: number, timeoutMs?: number): Promise<FakeSms[]>
  reset(): void
  close(): Promise<unknown>
}

/** Twilio's signature of a webhook request: the URL, then each parameter sorted by name. */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url)
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64')
}

const sidOf = (prefix: string) => prefix + randomBytes(16).toString('hex')

const errors: Record<number, { code: number; message: string }> = {
  400: { code: 21211, message: "Invalid 'To' Phone Number" },
  401: { code: 20003, message: 'Authenticate' },
  404: { code: 20404, message: 'The requested resource was not found' },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'Internal Server Error' },
  503: { code: 20503, message: 'Service Unavailable' },
}

function errorBody(status: number, code?: number, message?: string) {
  const known = errors[status] ?? { code: 20500, message: 'Internal Server Error' }
  const finalCode = code ?? known.code
  return {
    code: finalCode,
    message: message ?? known.message,
    more_info: `https://www.twilio.com/docs/errors/${finalCode}`,
    status,
  }
}

const refuse = (status: number, code?: number, message?: string): never => {
  throw new AnswerError({ status, body: errorBody(status, code, message) })
}

const gsm =
  /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/

function segmentsOf(body: string): number {
  const single = gsm.test(body)
  const length = single ? body.length + (body.match(/[\^{}\\[~\]|€]/g)?.length ?? 0) : body.length
  const [one, many] = single ? [160, 153] : [70, 67]
  return length <= one ? 1 : Math.ceil(length / many)
}

/** RFC 2822, as Twilio writes dates: "Mon, 30 Nov 2026 14:00:00 +0000". */
const rfc2822 = (at: Date) => at.toUTCString().replace('GMT', '+0000')

function toJson(message: FakeSms) {
  return {
    sid: message.sid,
    account_sid: message.accountSid,
    messaging_service_sid: message.messagingServiceSid,
    from: message.from,
    to: message.to,
    body: message.body,
    status: message.status,
    num_segments: String(message.numSegments),
    num_media: '0',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    price: null,
    price_unit: 'USD',
    error_code: null,
    error_message: null,
    date_created: rfc2822(message.dateCreated),
    date_updated: rfc2822(message.dateCreated),
    date_sent: null,
    uri: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`,
    subresource_uris: {
      media: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}/Media.json`,
    },
  }
}

const optOutWords = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'])

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = sidOf('AC')
  const authToken = randomBytes(16).toString('hex')
  const messagingServiceSid = sidOf('MG')
  const serviceNumber = '+15005550006'
  const messages: FakeSms[] = []
  /** numbers that replied STOP to the messaging service */
  const optedOut = new Set<string>()
  const messagesPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/

  function authorize(call: FakeCall, pathSid: string) {
    const user = basicAuthUser(call.headers.authorization)
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
    if (user !== accountSid || call.headers.authorization !== expected || pathSid !== accountSid) {
      refuse(401)
    }
  }

  function create(call: FakeCall): FakeAnswer {
    const form = (call.body ?? {}) as Record<string, string>
    if (!/^\+[1-9][0-9]{6,14}$/.test(form.To ?? '')) refuse(400, 21211)
    if (!form.Body) refuse(400, 21602, 'Message body is required.')
    if (form.Body!.length > 1600)
      refuse(400, 21617, 'The concatenated message body exceeds the 1600 character limit.')
    const service = form.MessagingServiceSid ?? null
    if (service !== null && service !== messagingServiceSid) {
      refuse(400, 21701, 'The Messaging Service Sid is invalid.')
    }
    if (service === null && !form.From) refuse(400, 21603, "A 'From' phone number is required.")
    if (optedOut.has(form.To!)) refuse(400, 21610, 'Attempt to send to unsubscribed recipient')
    const message: FakeSms = {
      sid: sidOf('SM'),
      accountSid,
      messagingServiceSid: service,
      from: service ? null : form.From!,
      to: form.To!,
      body: form.Body!,
      status: service ? 'accepted' : 'queued',
      numSegments: segmentsOf(form.Body!),
      statusCallback: form.StatusCallback ?? null,
      dateCreated: new Date(),
    }
    messages.push(message)
    return { status: 201, body: toJson(message) }
  }

  function list(call: FakeCall): FakeAnswer {
    const to = call.query.get('To')
    const pageSize = Math.min(Number(call.query.get('PageSize') ?? 50), 1000)
    const found = messages
      .filter((m) => to === null || m.to === to)
      .reverse()
      .slice(0, pageSize)
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=${pageSize}&Page=0`
    return {
      status: 200,
      body: {
        messages: found.map(toJson),
        page: 0,
        page_size: pageSize,
        start: 0,
        end: Math.max(found.length - 1, 0),
        first_page_uri: uri,
        previous_page_uri: null,
        next_page_uri: null,
        uri,
      },
    }
  }

  const server = await startFakeServer({
    handle(call) {
      const match = messagesPath.exec(call.path)
      if (!match) return { status: 404, body: errorBody(404) }
      authorize(call, match[1]!)
      if (call.method === 'POST') return create(call)
      if (call.method === 'GET') return list(call)
      return { status: 405, body: errorBody(405, 20004, 'Method not allowed') }
    },
    errorBody: (status) => errorBody(status),
    defaultFailure: { status: 503 },
  })

  async function post(url: string, signedUrl: string, params: Record<string, string>) {
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-twilio-signature': twilioSignature(authToken, signedUrl, params),
        'user-agent': 'TwilioProxy/1.1',
      },
      body: new URLSearchParams(params),
    })
  }

  return {
    url: server.url,
    accountSid,
    authToken,
    messagingServiceSid,
    serviceNumber,
    ...controlsOf(server),
    messages,
    async statusCallback(message, status, deliverTo, options = {}) {
      if (!message.statusCallback) throw new Error(`${message.sid} has no StatusCallback`)
      message.status = status
      const callback = new URL(message.statusCallback)
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: serviceNumber,
        MessageSid: message.sid,
        MessageStatus: status,
        SmsSid: message.sid,
        SmsStatus: status,
        To: message.to,
      }
      if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid
      if (options.errorCode) params.ErrorCode = options.errorCode
      return post(deliverTo + callback.pathname + callback.search, message.statusCallback, params)
    },
    async inbound(from, body, webhookUrl, deliverTo) {
      const sid = sidOf('SM')
      const word = body.trim().toUpperCase()
      if (optOutWords.has(word)) optedOut.add(from)
      if (['START', 'YES', 'UNSTOP'].includes(word)) optedOut.delete(from)
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        Body: body,
        From: from,
        MessageSid: sid,
        MessagingServiceSid: messagingServiceSid,
        NumMedia: '0',
        NumSegments: String(segmentsOf(body)),
        SmsMessageSid: sid,
        SmsSid: sid,
        SmsStatus: 'received',
        To: serviceNumber,
      }
      const target = new URL(webhookUrl)
      const response = await post(deliverTo + target.pathname + target.search, webhookUrl, params)
      return { response, params }
    },
    waitForMessages(count, timeoutMs = 5000) {
      return waitForCount(messages, count, timeoutMs, 'fake Twilio messages')
    },
    reset() {
      server.resetServer()
      messages.length = 0
      optedOut.clear()
    },
    close: () => server.close(),
  }
}

/** The worker's bindings for this fake Twilio. */
export function twilioBindings(fake: FakeTwilio, extra: Record<string, string> = {}) {
  return {
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    TWILIO_MESSAGING_SERVICE_SID: fake.messagingServiceSid,
    PROVIDER_URLS: JSON.stringify({ twilio: fake.url }),
    ...extra,
  }
}
