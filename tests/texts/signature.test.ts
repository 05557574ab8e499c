import { describe, expect, it } from 'vitest'
import { verifyTwilioSignature } from '../../worker/sms/signature'
import { twilioSignature } from '../support/fake-twilio'

// The example of Twilio's own documentation snippets (TwilioDevEd/api-snippets,
// security/signature_validation): auth token, URL, POST parameters and the signature Twilio sent.
const authToken = '12345'
const url = 'https://mycompany.com/myapp.php?foo=1&bar=2'
const params = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675310',
  Digits: '1234',
  From: '+14158675310',
  To: '+18005551212',
}
const documented = 'GvWf1cFY/Q7PnoempGyD5oXAezc='

describe('X-Twilio-Signature', () => {
  it("the fake signs as Twilio's documented example does", () => {
    expect(twilioSignature(authToken, url, params)).toBe(documented)
  })

  it('the worker accepts that request, in any order of its parameters, and nothing altered', async () => {
    const entries = Object.entries(params)
    expect(await verifyTwilioSignature(authToken, url, entries, documented)).toBe(true)
    expect(await verifyTwilioSignature(authToken, url, [...entries].reverse(), documented)).toBe(
      true,
    )
    const altered = entries.map(([k, v]): [string, string] => [k, k === 'Digits' ? '1235' : v])
    expect(await verifyTwilioSignature(authToken, url, altered, documented)).toBe(false)
    expect(await verifyTwilioSignature('54321', url, entries, documented)).toBe(false)
    expect(await verifyTwilioSignature(authToken, url + '&baz=3', entries, documented)).toBe(false)
    expect(await verifyTwilioSignature(authToken, url, entries, undefined)).toBe(false)
    expect(await verifyTwilioSignature(authToken, url, entries, 'not base64!')).toBe(false)
  })

  it('takes the URL with or without its default port, as Twilio signs either', async () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2'
    const entries = Object.entries(params)
    const signedWithPort = twilioSignature(authToken, withPort, params)
    expect(await verifyTwilioSignature(authToken, url, entries, signedWithPort)).toBe(true)
    expect(await verifyTwilioSignature(authToken, withPort, entries, documented)).toBe(true)
  })
})
