import { describe, it, expect } from 'vitest'
import {
  renderCoachingEmail,
  renderReminderEmail,
  type CoachingEmailInput,
} from '../../worker/email/templates'
import { defaultBranding } from '../../worker/services/agencies'

const pageUrl = 'https://notes.followthrough.test/p/k3y'
const unsubscribeUrl = 'https://notes.followthrough.test/unsubscribe?token=t0k&list=coaching'

function input(overrides: Partial<CoachingEmailInput> = {}): CoachingEmailInput {
  return {
    agency: {
      name: 'Brightpath Staffing',
      branding: defaultBranding,
      routingMode: 'direct',
      timeZone: 'America/New_York',
    },
    candidateName: 'Ana Lopez',
    language: 'en',
    // the candidate's zone, when given, else the agency's
    timeZone: 'America/New_York',
    recruiterName: 'Maria Chen',
    roleTitle: 'Senior Designer',
    clientCompany: 'Acme Corp',
    interviewers: [
      { name: 'Jane Doe', title: 'Head of Design' },
      { name: 'Sam Okafor', title: null },
    ],
    // 3:30 PM in New York (EST, UTC-5) on Monday 23 November 2026, and 24 hours later.
    interviewEndsAt: new Date('2026-11-23T20:30:00Z'),
    deadline: new Date('2026-11-24T20:30:00Z'),
    // the coaching email goes when the interview ends
    now: new Date('2026-11-23T20:30:00Z'),
    pageUrl,
    unsubscribeUrl,
    ...overrides,
  }
}

const render = (overrides: Partial<CoachingEmailInput> = {}) =>
  renderCoachingEmail(input(overrides))

function withAgency(changes: Partial<CoachingEmailInput['agency']>): Partial<CoachingEmailInput> {
  const agency = input().agency
  return { agency: { ...agency, ...changes } }
}

/** The links a reader can click, with the HTML attribute escaping undone. */
function links(html: string): { href: string; label: string }[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => ({
    href: (m[1] ?? '').replaceAll('&amp;', '&'),
    label: m[2] ?? '',
  }))
}

function hrefOf(html: string, label: string): string | undefined {
  return links(html).find((link) => link.label === label)?.href
}

describe('renderCoachingEmail', () => {
  it('names the company in the subject and opens as an English HTML document', () => {
    const email = render()
    expect(email.subject).toBe('Your thank-you notes for Acme Corp')
    expect(email.html.startsWith('<!doctype html><html lang="en-US">')).toBe(true)
  })

  it('has one big button to the notes page, also given as a link in the text part', () => {
    const email = render()
    expect(hrefOf(email.html, 'Write your thank-you notes')).toBe(pageUrl)
    expect(email.text).toContain(`Write your thank-you notes:\n${pageUrl}`)
  })

  it('greets the candidate by first name', () => {
    expect(render().text).toContain('Hi Ana, well done on your interview')
    expect(render().text).not.toContain('Hi Ana Lopez')
  })

  it('says plainly that a note still helps when it is sent after the 24 hours', () => {
    // logged three days late: the deadline is already behind
    const late = render({ now: new Date('2026-11-27T09:00:00Z') })
    for (const part of [late.html, late.text]) {
      expect(part).toContain('a note sent today still helps')
      expect(part).not.toContain('24 November')
      expect(part).not.toContain('Send them by')
    }
  })

  it('cites the one study the page and the stats cite', async () => {
    const { thankYouEvidence } = await import('../../worker/lib/evidence')
    expect(render().text).toContain(thankYouEvidence.sentence)
  })

  it("states the deadline in the agency's time zone and as 24 hours", () => {
    const email = render()
    const deadline = 'by 3:30 PM on Tuesday, 24 November (New York time)'
    expect(email.html).toContain(deadline)
    expect(email.text).toContain(`Send them ${deadline}, within 24 hours of your interview.`)
  })

  it('uses summer time where the agency is, and the zone name where there is no city', () => {
    const summer = {
      deadline: new Date('2026-07-07T08:05:00Z'),
      now: new Date('2026-07-06T08:05:00Z'),
    }
    expect(render({ ...summer, timeZone: 'Europe/London' }).text).toContain(
      'by 9:05 AM on Tuesday, 7 July (London time)',
    )
    expect(render({ ...summer, timeZone: 'UTC' }).text).toContain(
      'by 8:05 AM on Tuesday, 7 July (UTC)',
    )
  })

  it('lists every interviewer by name, with a title when known', () => {
    const email = render()
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Who to thank')
      expect(part).toContain('Jane Doe, Head of Design')
      expect(part).toContain('Sam Okafor')
    }
  })

  it('leaves out the list when no interviewer was logged', () => {
    const email = render({ interviewers: [] })
    expect(email.text).not.toContain('Who to thank')
    expect(email.text).toContain('a short thank-you to each person you met')
  })

  it('gives the guide in four short tips', () => {
    const { text } = render()
    const tips = text.split('Four quick tips\n')[1]?.split('\n\n')[0]?.split('\n') ?? []
    expect(tips).toHaveLength(4)
    expect(tips[0]).toContain('addressed by name')
    expect(tips[3]).toContain('proofread')
  })

  it('tells a direct-mode candidate to send each note to its interviewer', () => {
    const { text } = render()
    expect(text).toContain('Email each note straight to the person it is for.')
    expect(text).not.toContain('pass them on')
  })

  it('in via_recruiter mode sends the notes through the recruiter, by name when known', () => {
    const named = render(withAgency({ routingMode: 'via_recruiter' }))
    expect(named.text).toContain(
      'Send your notes to Maria Chen at Brightpath Staffing, who will pass them on to Acme Corp for you.',
    )
    expect(named.html).toContain('Send your notes to <strong>Maria Chen</strong> at Brightpath')

    const unnamed = render({ recruiterName: null, ...withAgency({ routingMode: 'via_recruiter' }) })
    expect(unnamed.text).toContain('Send your notes to your recruiter at Brightpath Staffing')
    expect(unnamed.text).toContain('The Brightpath Staffing team')
  })

  it('ends with the agency, why the candidate got this, and a working unsubscribe link', () => {
    const email = render()
    expect(hrefOf(email.html, 'Unsubscribe')).toBe(unsubscribeUrl)
    expect(email.text).toContain(`Unsubscribe: ${unsubscribeUrl}`)
    const reason =
      "You're getting this because Brightpath Staffing arranged your interview at Acme Corp."
    expect(email.text).toContain(reason)
    expect(email.html).toContain("<strong>Brightpath Staffing</strong><br/>You're getting this")
  })

  it('carries a hidden preheader for the inbox preview', () => {
    const { html } = render()
    expect(html).toMatch(
      /<div style="display:none;[^"]*">A short note to each interviewer helps them remember you\./,
    )
  })

  it('shows the logo when there is one, and the agency name when there is not', () => {
    const logoUrl = 'https://cdn.brightpath.test/logo.png'
    const branded = render(withAgency({ branding: { ...input().agency.branding, logoUrl } }))
    expect(branded.html).toContain(`<img src="${logoUrl}" alt="Brightpath Staffing"`)
    expect(render().html).not.toContain('<img')
  })

  it("paints the button in the agency's colour, and never interpolates a colour that is not #rrggbb", () => {
    const branding = input().agency.branding
    const red = render(withAgency({ branding: { ...branding, primaryColor: '#c0392b' } }))
    expect(red.html).toContain('background-color:#c0392b;border-radius:6px')

    const pale = render(withAgency({ branding: { ...branding, primaryColor: '#f5f5f5' } }))
    expect(pale.html).toContain('color:#1a1a1a;text-decoration:none')

    const hostile = render(
      withAgency({
        branding: {
          ...branding,
          primaryColor: 'red;background:url(https://x.test/t)',
          accentColor: '#12',
        },
      }),
    )
    expect(hostile.html).not.toContain('url(')
    expect(hostile.html).toContain('background-color:#1f4f8f;border-radius:6px')
    expect(hostile.html).toContain('border-top:4px solid #0f7b5f')
  })

  it('escapes markup in names in the HTML and keeps the text part plain', () => {
    const email = render({
      candidateName: '<script>alert(1)</script>',
      clientCompany: '"quotes" & <tags>',
      interviewers: [{ name: '<img src=x onerror=alert(1)>', title: null }],
    })
    expect(email.html).not.toMatch(/<script/i)
    expect(email.html).not.toContain('<tags>')
    expect(email.html).not.toContain('<img src=x')
    // `>` and `'` need no escaping in text; `<`, `&` and `"` do.
    expect(email.html).toContain('Hi &lt;script>alert(1)&lt;/script>, well done')
    expect(email.html).toContain('&quot;quotes&quot; &amp; &lt;tags>')

    expect(email.text).toContain('Hi <script>alert(1)</script>, well done')
    expect(email.text).toContain('role at "quotes" & <tags>.')
    expect(email.text).not.toMatch(/&(lt|gt|amp|quot);/)
    expect(email.subject).toBe('Your thank-you notes for "quotes" & <tags>')
  })

  it('keeps line breaks and control characters out of the subject and on one line in the text', () => {
    const email = render({
      roleTitle: 'Designer\r\nBcc: victim@example.test',
      clientCompany: 'Acme\r\nBcc: victim@example.test\u0000\u2028',
    })
    expect(email.subject).toBe('Your thank-you notes for Acme Bcc: victim@example.test')
    expect(email.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u)
    expect(email.text).toContain('the Designer Bcc: victim@example.test role')
  })

  it('keeps a long company name within an 80-character subject', () => {
    const { subject } = render({ clientCompany: 'Very Long Company '.repeat(8) })
    expect(subject.length).toBeLessThanOrEqual(80)
    expect(subject).toMatch(/^Your thank-you notes for Very Long Company .*…$/)
  })

  it('never puts a javascript: URL in an href or src', () => {
    const bad = ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>hi</b>']
    for (const url of bad) {
      expect(() => render({ pageUrl: url })).toThrow(/http\(s\) URL/)
      expect(() => renderReminderEmail(input({ pageUrl: url }))).toThrow(/http\(s\) URL/)
      expect(() => render({ unsubscribeUrl: url })).toThrow(/http\(s\) URL/)

      const branding = { ...input().agency.branding, logoUrl: url }
      const { html } = render(withAgency({ branding }))
      expect(html.toLowerCase()).not.toContain('javascript:')
      expect(html).not.toContain('<img')
    }
    for (const link of links(render().html)) {
      expect(link.href).toMatch(/^https:\/\//)
    }
  })
})

describe('renderReminderEmail', () => {
  const threeHoursBefore = new Date('2026-11-24T17:25:00Z')

  it('says how long is left, when the window closes, and has the same button', () => {
    const email = renderReminderEmail(input({ now: threeHoursBefore }))
    expect(email.subject).toBe('About 3 hours left for your Acme Corp thank-you notes')
    expect(email.text).toContain('your window to thank Jane Doe and Sam Okafor at Acme Corp')
    expect(email.text).toContain('closes in about 3 hours')
    expect(email.text).toContain('by 3:30 PM on Tuesday, 24 November (New York time)')
    expect(hrefOf(email.html, 'Write your thank-you notes')).toBe(pageUrl)
    expect(hrefOf(email.html, 'Unsubscribe')).toBe(unsubscribeUrl)
  })

  it('is shorter than the first email', () => {
    const coaching = render()
    const reminder = renderReminderEmail(input({ now: threeHoursBefore }))
    expect(reminder.text.length).toBeLessThan(coaching.text.length * 0.75)
    expect(reminder.text).not.toContain('Four quick tips')
  })

  it('counts down to less than an hour', () => {
    const email = renderReminderEmail(input({ now: new Date('2026-11-24T20:00:00Z') }))
    expect(email.subject).toBe('Less than an hour left for your Acme Corp thank-you notes')
  })

  it('still encourages a note, without a countdown, once the window has passed', () => {
    const email = renderReminderEmail(input({ now: new Date('2026-11-24T22:00:00Z') }))
    expect(email.subject).toBe("It's not too late to thank Acme Corp")
    expect(email.text).toContain('sent today still helps')
    expect(email.text).not.toContain('closes in')
    expect(hrefOf(email.html, 'Write your thank-you notes')).toBe(pageUrl)
  })

  it('keeps the recruiter routing in via_recruiter mode', () => {
    const email = renderReminderEmail(
      input({ now: threeHoursBefore, ...withAgency({ routingMode: 'via_recruiter' }) }),
    )
    expect(email.text).toContain('Send your notes to Maria Chen at Brightpath Staffing')
  })

  it('keeps control characters out of its subject too', () => {
    const email = renderReminderEmail(input({ now: threeHoursBefore, clientCompany: 'Acme\r\nX' }))
    expect(email.subject).toBe('About 3 hours left for your Acme X thank-you notes')
  })
})

describe('button text on brand colours', () => {
  it('picks whichever of dark or white text has the higher contrast', async () => {
    const { textColorOn } = await import('../../worker/email/format')
    expect(textColorOn('#3b82f6')).toBe('#1a1a1a')
    expect(textColorOn('#1f4f8f')).toBe('#ffffff')
    expect(textColorOn('#ffe066')).toBe('#1a1a1a')
    expect(textColorOn('#000000')).toBe('#ffffff')
  })
})
