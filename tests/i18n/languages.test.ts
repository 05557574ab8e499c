import { describe, expect, it } from 'vitest'
import { formatDeadline } from '../../worker/email/format'
import { pluralText } from '../../worker/i18n/catalog'
import {
  catalogs,
  languageChoices,
  languages,
  type Language,
  type Messages,
} from '../../worker/i18n'
import { noteDeadline } from '../../worker/lib/note-window'
import { emailTo, linkIn, threeInterviewers } from '../candidate/helpers'
import { interviewBody, logInterview, runCron } from '../support/factories'
import { resendBindings } from '../support/fake-resend'
import { useAgency, useFakeResend, useHarness } from '../support/lifecycle'

const fake = useFakeResend()
const h = useHarness(() => resendBindings(fake))
const agency = useAgency(h, {
  name: 'Wrzos Kadry',
  timeZone: 'Europe/Warsaw',
  reminderHours: 18,
  branding: { replyTo: 'biuro@wrzos.example' },
})

// What the candidate, the recruiter and the agency typed: names, kept as written in any language.
const names = ['Wrzos Kadry', 'Zofia Kowalczyk', 'Zofia', 'Kontrola Jakości', 'Vistula Foods']
const interviewNames = threeInterviewers.flatMap((p) => [p.name, p.title ?? '', 'Priya', 'Ruiz'])
// the page's language switch names each language in itself
const languageNames = languageChoices.map((choice) => choice.name)

/** The text a reader sees: tags, styles and links dropped, entities read. */
function visible(htmlOrText: string): string {
  return htmlOrText
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
}

const wordsIn = (text: string) => text.toLowerCase().match(/\p{L}[\p{L}'’]*/gu) ?? []

function allTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value === null || typeof value !== 'object') return []
  return Object.values(value).flatMap(allTexts)
}

/**
 * Words only English says: every word of the English catalog that the language's own catalog
 * does not also use ("email" is a word in several), nor Intl writes for it (German "November").
 */
function englishOnly(language: Language, intlText: string): Set<string> {
  const own = new Set(wordsIn(allTexts(catalogs[language]).join(' ') + ' ' + intlText))
  const english = wordsIn(allTexts(catalogs.en).join(' ')).filter((w) => w.length >= 3)
  return new Set(english.filter((w) => !own.has(w)))
}

function expectNoEnglish(language: Language, text: string, intlText: string, where: string) {
  let rest = visible(text)
  for (const name of [...names, ...interviewNames, ...languageNames])
    if (name) rest = rest.replaceAll(name, ' ')
  const leftover = wordsIn(rest).filter((w) => englishOnly(language, intlText).has(w))
  expect([...new Set(leftover)], `English left in the ${language} ${where}`).toEqual([])
}

async function coach(candidate: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const interview = await logInterview(h, agency.secretKey, {
    candidate: {
      name: 'Zofia Kowalczyk',
      email: `${crypto.randomUUID()}@example.com`,
      ...candidate,
    },
    roleTitle: 'Kontrola Jakości',
    clientCompany: 'Vistula Foods',
    interviewers: threeInterviewers,
    talkingPoints: undefined,
    ...extra,
  })
  const email = await emailTo(fake, interview.candidate.email)
  return { interview, email, ...linkIn(email) }
}

const other = languages.filter((l) => l !== 'en')

describe.each(other)('a candidate coached in %s', (language) => {
  const m: Messages = catalogs[language]

  it('gets the email, the reminder, the page and the unsubscribe pages with no English left', async () => {
    const { interview, email, path, token } = await coach({ language }, { noteLanguage: language })
    const endsAt = new Date(interview.endsAt)
    const deadline = formatDeadline(noteDeadline(endsAt), 'Europe/Warsaw', m)
    expect(interview.candidate.language).toBe(language)

    // dates, times and the zone as the language writes them
    expect(email.text).toContain(deadline)
    expect(email.html).toContain(`<html lang="${m.meta.locale}"`)
    expectNoEnglish(language, `${email.subject}\n${email.html}`, deadline, 'email (HTML)')
    expectNoEnglish(language, email.text!, deadline, 'email (text)')

    await runCron(h, new Date(endsAt.getTime() + 18 * 3_600_000 + 60_000))
    const reminder = fake.sent.find((e) => e.to.includes(interview.candidate.email) && e !== email)!
    expect(reminder, 'the reminder').toBeDefined()
    // six hours left, in the language's plural form for six
    const sixHours = pluralText(m.meta.locale, m.time.hoursLeft, 6)
    expect(reminder.text).toContain(sixHours)
    expectNoEnglish(language, `${reminder.subject}\n${reminder.text}`, deadline, 'reminder')

    const page = await h.request('GET', path)
    expect(page.text).toContain(`<html lang="${m.meta.locale}"`)
    // three notes: Polish says "3 … notatki" (few), others their plural
    const progress = pluralText(m.meta.locale, m.live.progress, 3, { sent: 0 })
    expect(visible(page.text)).toContain(progress)
    expect(page.text).toContain(m.draft.greeting.replace('{name}', 'Priya'))
    expectNoEnglish(language, page.text, deadline, 'page')

    const confirm = await h.request('GET', `/u/${token}`)
    expectNoEnglish(language, confirm.text, '', 'unsubscribe page')
    expect(confirm.text).toContain(m.unsubscribe.button)
    const done = await h.request('POST', `/u/${token}`, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(done.text).toContain(m.unsubscribe.doneTitle.replaceAll("'", '&#x27;'))
    expectNoEnglish(language, done.text, '', 'unsubscribed page')

    const broken = await h.request('GET', `/c/${'x'.repeat(32)}`, {
      headers: { 'accept-language': `${m.meta.locale},en;q=0.5` },
    })
    expect(broken.status).toBe(404)
    expectNoEnglish(language, broken.text, '', '"link doesn\'t work" page')
  })
})

describe('two languages per interview', () => {
  it('coaches a Spanish speaker interviewed in English: guide and emails in Spanish, drafts in English', async () => {
    const { interview, email, path } = await coach({ language: 'es' }, { noteLanguage: 'en' })
    expect(interview).toMatchObject({ candidate: { language: 'es' }, noteLanguage: 'en' })
    expect(email.subject).toBe('Tus mensajes de agradecimiento para Vistula Foods')
    expect(email.text).toContain(catalogs.es.email.heading)
    const page = await h.request('GET', path)
    expect(page.text).toContain(catalogs.es.guide.title)
    expect(page.text).toContain('Dear Priya,')
    expect(page.text).toContain('Thank you for taking the time to talk with me')
    expect(page.text).not.toContain(catalogs.es.draft.greeting.replace('{name}', 'Priya'))
  })

  it('takes both from the agency when the interview does not say', async () => {
    await h.request('PATCH', '/v1/agency', {
      token: agency.secretKey,
      json: { defaultLanguage: 'de' },
    })
    try {
      const { interview, email, path } = await coach({})
      expect(interview).toMatchObject({ candidate: { language: 'de' }, noteLanguage: 'de' })
      expect(email.text).toContain(catalogs.de.email.heading)
      expect((await h.request('GET', path)).text).toContain('Guten Tag Priya,')
    } finally {
      await h.request('PATCH', '/v1/agency', {
        token: agency.secretKey,
        json: { defaultLanguage: 'en' },
      })
    }
  })

  it('lets the candidate switch the page, keeping the drafts in the interview language', async () => {
    const { path } = await coach({ language: 'pl' }, { noteLanguage: 'en' })
    const page = await h.request('GET', `${path}?lang=fr`)
    expect(page.text).toContain('<html lang="fr"')
    expect(page.text).toContain(catalogs.fr.guide.title)
    expect(page.text).toContain('Dear Priya,')
    // the switch links the others, and names each in its own language
    for (const code of ['en', 'es', 'de', 'pt', 'pl']) {
      expect(page.text).toContain(`href="${path}?lang=${code}"`)
    }
    expect(page.text).toContain('aria-current="page">Français<')
    // a language we do not have shows the candidate's
    expect((await h.request('GET', `${path}?lang=xx`)).text).toContain('<html lang="pl"')
  })
})

describe('how the candidate is addressed', () => {
  it('greets them by the name they go by, and gives the deadline in their own time zone', async () => {
    const { interview, email, path } = await coach({
      name: 'Samantha Rivera',
      preferredName: 'Sam',
      timeZone: 'America/Chicago',
    })
    expect(interview.candidate).toMatchObject({ preferredName: 'Sam', timeZone: 'America/Chicago' })
    expect(email.text).toContain('Hi Sam, well done')
    expect(email.text).toContain('(Chicago time)')
    const page = await h.request('GET', path)
    expect(page.text).toContain('Your thank-you notes, Sam')
    expect(page.text).toContain('(Chicago time)')
    // the note is signed with the full name
    expect(page.text).toContain('Best regards,\nSamantha Rivera')
  })

  it('refuses a language, a time zone or a preferred name it cannot use, naming the field', async () => {
    for (const [field, candidate] of [
      ['candidate.language', { language: 'xx' }],
      ['candidate.timeZone', { timeZone: '+05:00' }],
      ['candidate.preferredName', { preferredName: 'x'.repeat(61) }],
    ] as const) {
      const res = await h.request('POST', '/v1/interviews', {
        token: agency.secretKey,
        json: interviewBody({
          candidate: { name: 'Zofia Kowalczyk', email: 'z@example.com', ...candidate },
        }),
      })
      expect(res.status, field).toBe(400)
      expect(JSON.stringify(res.body.error), field).toContain(field)
    }
  })
})
