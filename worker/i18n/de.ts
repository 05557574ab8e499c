import { plural } from './catalog'
import type { Messages } from './en'

export const de: Messages = {
  meta: {
    locale: 'de',
  },

  time: {
    deadline: '{date} um {time} Uhr ({zone})',
    date: '{weekday}, {day}. {month}',
    cityZone: null,
    hoursLeft: plural({ one: 'etwa {count} Stunde', other: 'etwa {count} Stunden' }),
    underAnHour: 'weniger als eine Stunde',
    countdownHours: 'Noch {hours} Std. {minutes} Min.',
    countdownMinutes: 'Noch {minutes} Min.',
  },

  evidence:
    'In einer Accountemps-Umfrage von 2017 gaben 80 % der Personalverantwortlichen an, dass Dankesnachrichten in ihre Entscheidung einfließen – doch nur 24 % der Bewerbenden hatten eine geschickt.',

  email: {
    subject: 'Ihre Dankesnachrichten für {company}',
    heading: 'Als Nächstes: ein kurzer Dank an jede Person aus Ihrem Gespräch',
    intro:
      'Hallo {name}, Ihr Vorstellungsgespräch für die Stelle als {role} bei {company} ist geschafft – gut gemacht! Eine kurze Nachricht an jede Person, mit der Sie gesprochen haben, bleibt im Gedächtnis, und die meisten Bewerbenden schicken nie eine.',
    deadline:
      'Schicken Sie Ihre Nachrichten **bis {deadline}** ab, also innerhalb von 24 Stunden nach Ihrem Gespräch.',
    windowPassed:
      'Die 24 Stunden nach Ihrem Gespräch sind vorbei, aber **eine Nachricht von heute hilft trotzdem noch**: Schicken Sie sie so bald wie möglich ab.',
    whoToThank: 'Wem Sie danken',
    personWithTitle: '{name}, {title}',
    everyone: 'jeder Person aus dem Gespräch',
    button: 'Dankesnachrichten schreiben',
    draftsReady:
      'Auf Ihrer Seite liegt für jede Person ein Entwurf bereit. Ergänzen Sie ein Detail, das nur Sie kennen, und schicken Sie ihn ab.',
    tipsTitle: 'Vier kurze Tipps',
    tips: [
      'Eine Nachricht pro Person, mit Namen angesprochen und jeweils etwas anders formuliert.',
      'Erwähnen Sie ein Thema aus dem Gespräch, damit klar ist, dass die Nachricht von Ihnen kommt.',
      'Sagen Sie in ein, zwei Sätzen, warum Sie die Stelle möchten und was Sie mitbringen.',
      'Bleiben Sie bei ein paar kurzen Absätzen und prüfen Sie Namen, Firma und Rechtschreibung.',
    ],
    routingDirect:
      'Schicken Sie jede Nachricht per E-Mail direkt an die Person, für die sie bestimmt ist.',
    routingViaRecruiter:
      'Schicken Sie Ihre Nachrichten an **{recruiter}** bei {agency}; von dort werden sie für Sie an {company} weitergeleitet.',
    yourRecruiter: 'Ihre Ansprechperson',
    signOff: 'Wir drücken Ihnen die Daumen!',
    agencyTeam: 'Ihr Team von {agency}',
    preheader:
      'Eine kurze Nachricht an jede Person aus dem Gespräch bleibt in Erinnerung. Bitte bis {deadline} abschicken.',
    preheaderLate:
      'Eine kurze Nachricht an jede Person aus dem Gespräch bleibt in Erinnerung – und heute ist es noch nicht zu spät.',
    footer:
      'Sie erhalten diese E-Mail, weil {agency} Ihr Vorstellungsgespräch bei {company} vermittelt hat.',
    unsubscribe: 'Abmelden',
    unsubscribeLine: 'Abmelden: {url}',
  },

  reminder: {
    subject: 'Noch {left} für Ihre Dankesnachrichten an {company}',
    heading: 'Ihre Dankesnachrichten sind bald fällig',
    intro:
      'Hallo {name}, nach Ihrem Termin bei {company} haben Sie noch {left} Zeit, um sich bei {who} zu bedanken. Ein paar kurze Zeilen genügen.',
    preheader: 'Noch {left}, um sich bei {who} zu bedanken. Ein paar kurze Zeilen genügen.',
    lateSubject: 'Es ist nicht zu spät, sich bei {company} zu bedanken',
    lateHeading: 'Eine Dankesnachricht hilft auch heute noch',
    lateIntro:
      'Hallo {name}, die 24 Stunden nach Ihrem Gespräch bei {company} sind vorbei. Wenn Sie sich aber heute noch kurz bei {who} bedanken, hilft Ihnen das trotzdem, in Erinnerung zu bleiben.',
    latePreheader: 'Eine kurze Nachricht hilft auch heute noch.',
    alreadySent: 'Schon erledigt? Sehr gut, dann können Sie diese E-Mail ignorieren.',
  },

  page: {
    title: 'Ihre Dankesnachrichten · {agency}',
    heading: 'Ihre Dankesnachrichten',
    headingNamed: 'Ihre Dankesnachrichten, {name}',
    forInterview: 'Für Ihr Vorstellungsgespräch als **{role}** bei **{company}**.',
    sendBy:
      'Schicken Sie Ihre Nachrichten bis {deadline} ab, also innerhalb von 24 Stunden nach Ihrem Gespräch.',
    sendAsap: 'Schicken Sie Ihre Nachrichten so bald wie möglich ab.',
    routingDirect:
      'Schicken Sie jede Nachricht per E-Mail direkt an die Person, für die sie bestimmt ist.',
    askForAddress: 'Wenn Ihnen eine Adresse fehlt, fragen Sie {who}.',
    askForAddressAt: 'Wenn Ihnen eine Adresse fehlt, fragen Sie {who} unter {email}.',
    yourRecruiter: 'Ihre Ansprechperson',
    viaRecruiter:
      'Schicken Sie alle Nachrichten an **{who}** bei {agency} statt selbst an die Personen aus dem Gespräch; von dort werden sie an {company} weitergeleitet.',
    viaRecruiterAt:
      'Schicken Sie alle Nachrichten an **{who}** ({email}) bei {agency} statt selbst an die Personen aus dem Gespräch; von dort werden sie an {company} weitergeleitet.',
    howTo:
      'Unten finden Sie für jede Person einen Entwurf. Füllen Sie die [Lücken] aus, schicken Sie ihn ab und drücken Sie dann auf „{button}“.',
    whyLink: 'Warum das hilft',
    footer:
      'Von {agency} über Followthrough an Sie gesendet. Ihre Nachrichten werden nur für diesen Link gespeichert.',
    languageLabel: 'Sprache',
    noteLabel: 'Ihre Nachricht an {name}',
    draftStart: 'Ein Entwurf als Ausgangspunkt.',
    draftSaved: 'Ihr gespeicherter Entwurf.',
    proofread: 'Vor dem Senden prüfen',
    checklist: [
      'Der Name genau so geschrieben, wie die Person ihn selbst schreibt',
      'Firma und Stelle richtig benannt',
      'Jede [Lücke] durch eigene Worte ersetzt',
      'Einmal laut gelesen: kurze Sätze, keine Tippfehler',
    ],
    save: 'Entwurf speichern',
    copy: 'Kopieren',
    openMail: 'In Mail-App öffnen',
  },

  live: {
    words: plural({
      one: '{count} Wort von etwa {target}',
      other: '{count} Wörter von etwa {target}',
    }),
    wordsLong: plural({
      one: '{count} Wort, etwas lang: ideal sind etwa {target}',
      other: '{count} Wörter, etwas lang: ideal sind etwa {target}',
    }),
    noBlanks: 'Keine [Lücken] mehr.',
    blanks: plural({
      one: 'Noch {count} [Lücke] auszufüllen.',
      other: 'Noch {count} [Lücken] auszufüllen.',
    }),
    blanksQuestion: plural({
      one: 'Dieser Entwurf enthält noch {count} [Lücke]. Füllen Sie sie aus oder löschen Sie sie; falls Sie ihn trotzdem gesendet haben, drücken Sie noch einmal auf „{button}“.',
      other:
        'Dieser Entwurf enthält noch {count} [Lücken]. Füllen Sie sie aus oder löschen Sie sie; falls Sie ihn trotzdem gesendet haben, drücken Sie noch einmal auf „{button}“.',
    }),
    windowClosed: 'Die 24 Stunden sind vorbei, aber eine Nachricht von heute hilft trotzdem noch.',
    progress: plural({
      one: '{sent} von {count} Nachricht als gesendet markiert',
      other: '{sent} von {count} Nachrichten als gesendet markiert',
    }),
    sent: 'Gesendet ✓',
    notSent: 'Noch nicht gesendet',
    markSent: 'Habe ich gesendet',
    undo: 'Doch nicht gesendet',
    saving: 'Wird gespeichert…',
    saved: 'Gespeichert.',
    notSaved:
      'Noch nicht gespeichert: Der Entwurf bleibt auf diesem Gerät und wird gespeichert, sobald Sie wieder online sind.',
    copied: 'Kopiert. Fügen Sie den Text in Ihre E-Mail ein.',
  },

  guide: {
    title: 'Warum eine kurze Nachricht hilft',
    intro:
      'Die meisten Bewerbenden schicken keine. Eine kurze, persönliche Nachricht hebt Sie also ab, und selbst wenn diese Stelle an jemand anderen geht, bleiben Sie für die nächste in Erinnerung.',
    tipsTitle: 'Worauf es ankommt',
    tips: [
      'Eine Nachricht an jede Person aus dem Gespräch, mit Namen angesprochen und jeweils etwas anders.',
      'Erwähnen Sie ein Thema, über das Sie gesprochen haben, damit klar ist, dass die Nachricht von Ihnen kommt.',
      'Sagen Sie in ein, zwei Sätzen, warum Sie die Stelle möchten und was Sie mitbringen.',
      'Etwas vergessen? Ein kurzer Satz jetzt ist eine zweite Chance.',
      'Wurde gesagt, wann die Entscheidung fällt? Dann schreiben Sie, dass Sie sich auf eine Rückmeldung bis dahin freuen.',
      'Bleiben Sie bei ein paar kurzen Absätzen: freundlich, aber professionell.',
      'Die Nachricht zeigt genau die Zuverlässigkeit, die Sie im Gespräch betont haben. Schicken Sie sie also bald ab: je früher, desto besser.',
    ],
    channelTitle: 'E-Mail oder Karte?',
    channel:
      'Eine E-Mail ist hier genau richtig: Sie kommt noch heute an und ist bei Personalverantwortlichen allgemein akzeptiert. Eine handgeschriebene Karte wirkt persönlicher, kommt aber womöglich erst nach der Entscheidung an. Eine SMS ist zu salopp.',
    viaRecruiter:
      '{agency} hat dieses Gespräch vermittelt, daher gehen Ihre Nachrichten über Ihre Ansprechperson bei der Agentur.',
  },

  draft: {
    greeting: 'Guten Tag {name},',
    openings: [
      'vielen Dank, dass Sie sich die Zeit genommen haben, mit mir über die Stelle als {role} bei {company} zu sprechen.',
      'herzlichen Dank für das Gespräch über die Position als {role} bei {company}.',
      'ich habe mich sehr über die Gelegenheit gefreut, mit Ihnen über die Stelle als {role} bei {company} zu sprechen.',
    ],
    enjoyed: 'Besonders gern habe ich mit Ihnen über {topic} gesprochen.',
    topic: '[etwas, worüber Sie mit {name} gesprochen haben]',
    topicWithHint: '[etwas, worüber Sie mit {name} gesprochen haben, z. B. {hint}]',
    keen: 'Unser Gespräch hat mein Interesse an der Stelle noch verstärkt. [Ein, zwei Sätze dazu, was Sie bei {company} einbringen würden.]',
    optional: '[Optional: etwas, das Sie im Gespräch zu erwähnen vergessen haben.]',
    closings: [
      'Über eine Rückmeldung zu den nächsten Schritten freue ich mich.',
      'Nochmals vielen Dank für Ihre Zeit. Ich würde mich freuen, bald von Ihnen zu hören, wie es weitergeht.',
      'Nochmals herzlichen Dank – ich freue mich auf Ihre Rückmeldung.',
    ],
    signOff: 'Mit freundlichen Grüßen',
    yourName: '[Ihr Name]',
    subjectDirect: 'Danke für das Vorstellungsgespräch – {role}',
    subjectViaRecruiter: 'Dankesnachricht für {name} ({company})',
    recruiterGreeting: 'Hallo {name},',
    recruiterGreetingNoName: 'Hallo,',
    recruiterAsk: 'könnten Sie diese Dankesnachricht bitte an {name} weiterleiten? Vielen Dank!',
  },

  sms: {
    coaching: '{agency}: Ein kurzes Danke nach dem Gespräch hilft: {link} Abmelden mit STOP',
    reminder: '{agency}: Noch ist Zeit für Ihr Dankeschön: {link} Abmelden mit STOP',
    unnamedSender: 'Ihre Agentur',
  },

  unsubscribe: {
    confirmTitle: 'Von {agency} abmelden',
    confirmHeading: 'Keine E-Mails mehr von {agency}?',
    confirmBody:
      'Sie erhalten dann über Followthrough keine Coaching-E-Mails und Erinnerungen zu Vorstellungsgesprächen mehr von {agency}.',
    button: 'Abmelden',
    doneTitle: 'Sie sind abgemeldet',
    doneBody: '{agency} schickt Ihnen über Followthrough keine Coaching-E-Mails mehr.',
    close: 'Sie können diese Seite jetzt schließen.',
  },

  link: {
    notFoundTitle: 'Link nicht gefunden',
    notFoundHeading: 'Dieser Link funktioniert nicht',
    notFoundBody:
      'Vielleicht ist er abgelaufen oder wurde falsch eingegeben. Es wurde nichts geändert.',
    notFoundHelp:
      'Wenn Sie Hilfe brauchen, antworten Sie auf die E-Mail, mit der Sie diesen Link erhalten haben.',
    canceledTitle: 'Gespräch abgesagt',
    canceledHeading: 'Dieses Gespräch wurde abgesagt',
    canceledBody:
      '{agency} hat dieses Gespräch als abgesagt markiert, daher sind dafür keine Dankesnachrichten zu schicken.',
    canceledHelp:
      'Falls das nicht stimmt, antworten Sie auf die E-Mail, mit der Sie diesen Link erhalten haben.',
  },
}
