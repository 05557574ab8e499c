// What candidates read, in English. The other catalogs have this shape exactly (the typecheck
// fails on a missing or extra key); each says the same things in its own natural words.
//
// Conventions: `{name}` is filled in by the code, `**text**` is bold, and [square brackets] in a
// draft mark a blank only the candidate can fill (the page counts them).
import { plural } from './catalog'

export const en = {
  meta: {
    /** the BCP 47 tag dates, numbers, lists and plurals are formatted with */
    locale: 'en-US',
  },

  time: {
    /** the deadline: "3:30 PM on Tuesday, 24 November (London time)" */
    deadline: '{time} on {date} ({zone})',
    /** from the parts of a long weekday, day and month */
    date: '{weekday}, {day} {month}',
    /** the zone named by its city; null: the language's own generic zone name is used */
    cityZone: '{city} time' as string | null,
    hoursLeft: plural({ one: 'about {count} hour', other: 'about {count} hours' }),
    underAnHour: 'less than an hour',
    /** the page's live countdown, a sentence of its own after the deadline's */
    countdownHours: '{hours} h {minutes} min left',
    countdownMinutes: '{minutes} min left',
  },

  /** the one study cited to candidates (worker/lib/evidence.ts has its source and figures) */
  evidence:
    'In a 2017 Accountemps survey, 80% of hiring managers said thank-you notes count when they decide, yet only 24% of applicants sent one.',

  email: {
    subject: 'Your thank-you notes for {company}',
    heading: 'Next: a short thank-you to each person you met',
    intro:
      'Hi {name}, well done on your interview for the {role} role at {company}. A brief note to each interviewer helps them remember you, and most candidates never send one.',
    deadline: 'Send them **by {deadline}**, within 24 hours of your interview.',
    windowPassed:
      'The 24 hours after your interview have passed, but **a note sent today still helps**: send it as soon as you can.',
    whoToThank: 'Who to thank',
    personWithTitle: '{name}, {title}',
    everyone: 'each person you met',
    button: 'Write your thank-you notes',
    draftsReady: 'Your page has a draft for each person. Add a detail only you know, and send.',
    tipsTitle: 'Four quick tips',
    tips: [
      'One note per person, addressed by name, each a little different.',
      'Mention one thing you talked about, so it is clearly yours.',
      'Say in a sentence or two why you want the role and what you would bring.',
      'Keep it to a few short paragraphs, and proofread names, company and spelling.',
    ],
    routingDirect: 'Email each note straight to the person it is for.',
    routingViaRecruiter:
      'Send your notes to **{recruiter}** at {agency}, who will pass them on to {company} for you.',
    yourRecruiter: 'your recruiter',
    signOff: 'Rooting for you,',
    agencyTeam: 'The {agency} team',
    preheader: 'A short note to each interviewer helps them remember you. Send by {deadline}.',
    preheaderLate:
      'A short note to each interviewer helps them remember you, and today is not too late.',
    footer: "You're getting this because {agency} arranged your interview at {company}.",
    unsubscribe: 'Unsubscribe',
    /** the plain-text email's link line */
    unsubscribeLine: 'Unsubscribe: {url}',
  },

  reminder: {
    subject: '{left} left for your {company} thank-you notes',
    heading: 'Your thank-you notes are due soon',
    intro:
      'Hi {name}, your window to thank {who} at {company} closes in {left}. A few short lines are all it takes.',
    preheader: '{left} left to thank {who}. A few short lines are all it takes.',
    lateSubject: "It's not too late to thank {company}",
    lateHeading: 'A thank-you note today still helps',
    lateIntro:
      'Hi {name}, the 24-hour window after your {company} interview has passed, but a short note to {who} sent today still helps them remember you.',
    latePreheader: 'A short note sent today still helps.',
    alreadySent: 'Already sent them? Well done, you can ignore this one.',
  },

  page: {
    title: 'Your thank-you notes · {agency}',
    heading: 'Your thank-you notes',
    headingNamed: 'Your thank-you notes, {name}',
    forInterview: 'For your interview for **{role}** at **{company}**.',
    sendBy: 'Send them by {deadline}, within 24 hours of your interview.',
    sendAsap: 'Send yours as soon as you can.',
    routingDirect: 'Email each note straight to the person it is for.',
    askForAddress: "If you don't have someone's address, ask {who}.",
    askForAddressAt: "If you don't have someone's address, ask {who} at {email}.",
    yourRecruiter: 'your recruiter',
    viaRecruiter:
      'Send all your notes to **{who}** at {agency}, who will pass them on to {company}, rather than writing to the interviewers yourself.',
    viaRecruiterAt:
      'Send all your notes to **{who}** ({email}) at {agency}, who will pass them on to {company}, rather than writing to the interviewers yourself.',
    howTo:
      'Below is a draft for each person. Fill in the [blanks], send it, then press "{button}".',
    whyLink: 'Why it helps',
    footer:
      'Sent to you by {agency} through Followthrough. Your notes are saved for this link only.',
    languageLabel: 'Language',
    noteLabel: 'Your note to {name}',
    draftStart: 'A draft to start from.',
    draftSaved: 'Your saved draft.',
    proofread: 'Proofread before sending',
    checklist: [
      'Their name spelled exactly as they spell it',
      'The company and role named correctly',
      'Every [blank] replaced with your own words',
      'Read once aloud: short sentences, no typos',
    ],
    save: 'Save draft',
    copy: 'Copy',
    openMail: 'Open in email app',
  },

  /** what the page's script says as well as the server: sent to the browser as JSON */
  live: {
    words: plural({
      one: '{count} word of about {target}',
      other: '{count} words of about {target}',
    }),
    wordsLong: plural({
      one: '{count} word, a little long: aim for about {target}',
      other: '{count} words, a little long: aim for about {target}',
    }),
    noBlanks: 'No [blanks] left.',
    blanks: plural({
      one: '{count} [blank] left to fill in.',
      other: '{count} [blanks] left to fill in.',
    }),
    blanksQuestion: plural({
      one: 'This draft still has a [blank] in it. Fill it in or delete it; if you sent it anyway, press "{button}" again.',
      other:
        'This draft still has {count} [blanks] in it. Fill them in or delete them; if you sent it anyway, press "{button}" again.',
    }),
    windowClosed: 'The 24 hours have passed, but a note sent today still helps.',
    progress: plural({
      one: '{sent} of {count} note marked sent',
      other: '{sent} of {count} notes marked sent',
    }),
    sent: 'Sent ✓',
    notSent: 'Not sent yet',
    markSent: 'I sent it',
    undo: 'Undo: not sent yet',
    saving: 'Saving…',
    saved: 'Saved.',
    notSaved: 'Not saved yet: kept on this device, and saved when you are back online.',
    copied: 'Copied. Paste it into your email.',
  },

  guide: {
    title: 'Why a short note helps',
    intro:
      'Most candidates never send one, so a brief, personal note helps you stand out, and it keeps you in mind for the next opening even if this one goes to someone else.',
    tipsTitle: 'What makes it work',
    tips: [
      'One note per person you met, addressed by name, each a little different.',
      'Mention one thing you talked about, so it is clearly yours.',
      'In a sentence or two, say why you want the role and what you would bring.',
      'Forgot to say something? A short line now is a second chance.',
      'If they said when they would decide, say you look forward to hearing by then.',
      'Keep it to a few short paragraphs: friendly, but professional.',
      'It shows the follow-through you spoke about in the interview, so send it soon: the sooner, the better.',
    ],
    channelTitle: 'Email or a card?',
    channel:
      'Email is right here: it arrives today and hiring managers widely accept it. A handwritten card is warmer but may arrive after they decide. A text message is too casual.',
    viaRecruiter: '{agency} arranged this interview, so your notes go through your recruiter.',
  },

  /** the drafts, in the language the interview was held in */
  draft: {
    greeting: 'Dear {name},',
    openings: [
      'Thank you for taking the time to talk with me about the {role} role at {company}.',
      'Thank you for meeting with me to discuss the {role} position at {company}.',
      'I appreciated the chance to speak with you about the {role} role at {company}.',
    ],
    enjoyed: 'I especially enjoyed talking about {topic}.',
    topic: '[something you and {name} discussed]',
    topicWithHint: '[something you and {name} discussed, e.g. {hint}]',
    keen: 'Our conversation made me even more keen on the role. [One or two sentences on what you would bring to {company}.]',
    optional: '[Optional: something you forgot to mention in the interview.]',
    closings: [
      'I look forward to hearing about the next steps.',
      'Thank you again for your time; I hope to hear from you about the next steps.',
      'Thanks again, and I look forward to hearing from you.',
    ],
    signOff: 'Best regards,',
    yourName: '[Your name]',
    subjectDirect: 'Thank you: {role} interview',
    subjectViaRecruiter: 'Thank-you note for {name} ({company})',
    recruiterGreeting: 'Hi {name},',
    recruiterGreetingNoName: 'Hi,',
    recruiterAsk: 'Could you please pass this thank-you note on to {name}? Thank you!',
  },

  /**
   * the text-message nudge (worker/sms/text.ts): one segment with the link, so short; sent as
   * GSM-7, letters outside it lose their accents; "STOP" is the carrier's keyword in every language
   */
  sms: {
    coaching: '{agency}: a short thank-you to each interviewer helps: {link} Reply STOP to opt out',
    reminder: '{agency}: still time to thank your interviewers: {link} Reply STOP to opt out',
    /** who it is from when the agency's name has no letter a text can carry */
    unnamedSender: 'Your recruiter',
  },

  unsubscribe: {
    confirmTitle: 'Unsubscribe from {agency}',
    confirmHeading: 'Stop emails from {agency}?',
    confirmBody:
      'You will no longer get interview coaching emails or reminders from {agency} through Followthrough.',
    button: 'Unsubscribe',
    doneTitle: "You're unsubscribed",
    doneBody: "{agency} won't send you any more coaching emails through Followthrough.",
    close: 'You can close this page.',
  },

  link: {
    notFoundTitle: 'Link not found',
    notFoundHeading: "This link doesn't work",
    notFoundBody: 'It may have expired or been mistyped. Nothing has been changed.',
    notFoundHelp: 'If you need help, reply to the email this link came in.',
    canceledTitle: 'Interview canceled',
    canceledHeading: 'This interview was canceled',
    canceledBody:
      '{agency} marked this interview as canceled, so there are no thank-you notes to send for it.',
    canceledHelp: 'If that seems wrong, reply to the email this link came in.',
  },
}

/** The shape every catalog has; a missing or extra key fails the typecheck. */
export type Messages = typeof en
