import { plural } from './catalog'
import type { Messages } from './en'

export const pl: Messages = {
  meta: {
    locale: 'pl',
  },

  time: {
    deadline: '{date}, godz. {time} ({zone})',
    date: '{weekday}, {day} {month}',
    cityZone: null,
    // always follows "za" ("mija za …"), so the accusative: "za mniej więcej 3 godziny"
    hoursLeft: plural({
      one: 'mniej więcej {count} godzinę',
      few: 'mniej więcej {count} godziny',
      many: 'mniej więcej {count} godzin',
      other: 'mniej więcej {count} godziny',
    }),
    underAnHour: 'mniej niż godzinę',
    countdownHours: 'Pozostało: {hours} godz. {minutes} min',
    countdownMinutes: 'Pozostało: {minutes} min',
  },

  evidence:
    'W badaniu Accountemps z 2017 roku 80% menedżerów odpowiedzialnych za rekrutację stwierdziło, że podziękowania po rozmowie mają znaczenie przy podejmowaniu decyzji, a mimo to wysłało je tylko 24% kandydatów.',

  email: {
    subject: 'Podziękowania po rozmowie w firmie {company}',
    heading: 'Kolejny krok: krótkie podziękowanie dla każdego rozmówcy',
    intro:
      'Cześć, {name}! Za Tobą rozmowa na stanowisko {role} w firmie {company} – gratulacje! Dzięki krótkiej wiadomości rozmówcy łatwiej Cię zapamiętają, a większość kandydatów w ogóle takich wiadomości nie wysyła.',
    deadline: 'Wyślij je w ciągu 24 godzin od rozmowy – **termin: {deadline}**.',
    windowPassed:
      'Minęły już 24 godziny od rozmowy, ale **wiadomość wysłana dziś nadal pomaga**: wyślij ją jak najszybciej.',
    whoToThank: 'Komu podziękować',
    personWithTitle: '{name}, {title}',
    everyone: 'wszyscy Twoi rozmówcy',
    button: 'Napisz podziękowania',
    draftsReady:
      'Na Twojej stronie czeka szkic wiadomości dla każdej osoby. Dodaj szczegół, który znasz tylko Ty, i wyślij.',
    tipsTitle: 'Cztery krótkie wskazówki',
    tips: [
      'Osobna wiadomość do każdej osoby, zaadresowana imiennie, każda trochę inna.',
      'Wspomnij o jednym temacie z rozmowy, żeby było jasne, że to Twoja wiadomość.',
      'W zdaniu lub dwóch napisz, dlaczego zależy Ci na tej pracy i co możesz wnieść.',
      'Wystarczy kilka krótkich akapitów. Sprawdź imiona i nazwiska, nazwę firmy i pisownię.',
    ],
    routingDirect: 'Wyślij każdą wiadomość e-mailem bezpośrednio do jej adresata.',
    routingViaRecruiter:
      'Wyślij podziękowania do agencji {agency} (adresat: **{recruiter}**), a agencja przekaże je firmie {company}.',
    yourRecruiter: 'osoba prowadząca Twoją rekrutację',
    signOff: 'Trzymamy kciuki!',
    agencyTeam: 'Zespół {agency}',
    preheader: 'Dzięki krótkiej wiadomości rozmówcy łatwiej Cię zapamiętają. Termin: {deadline}.',
    preheaderLate:
      'Dzięki krótkiej wiadomości rozmówcy łatwiej Cię zapamiętają – a dziś nie jest jeszcze za późno.',
    footer:
      'Otrzymujesz tę wiadomość, ponieważ agencja {agency} umówiła Twoją rozmowę w firmie {company}.',
    unsubscribe: 'Wypisz się',
    unsubscribeLine: 'Wypisz się: {url}',
  },

  reminder: {
    subject: '{company}: czas na podziękowania mija za {left}',
    heading: 'Czas na podziękowania wkrótce minie',
    intro:
      'Cześć, {name}! Czas na podziękowania po rozmowie w firmie {company} mija za {left}. Komu podziękować: {who}. Wystarczy kilka krótkich zdań.',
    preheader:
      'Czas na podziękowania mija za {left}. Komu podziękować: {who}. Wystarczy kilka krótkich zdań.',
    lateSubject: 'Wciąż możesz podziękować firmie {company}',
    lateHeading: 'Podziękowanie wysłane dziś nadal pomaga',
    lateIntro:
      'Cześć, {name}! Minęły już 24 godziny od rozmowy w firmie {company}, ale krótka wiadomość wysłana dziś nadal pomoże rozmówcom Cię zapamiętać. Komu podziękować: {who}.',
    latePreheader: 'Krótka wiadomość wysłana dziś nadal pomaga.',
    alreadySent: 'Już wysłane? Świetnie – możesz zignorować tę wiadomość.',
  },

  page: {
    title: 'Twoje podziękowania · {agency}',
    heading: 'Twoje podziękowania',
    headingNamed: 'Twoje podziękowania, {name}',
    forInterview: 'Po rozmowie na stanowisko **{role}** w firmie **{company}**.',
    sendBy: 'Wyślij je w ciągu 24 godzin od rozmowy. Termin: {deadline}.',
    sendAsap: 'Wyślij je jak najszybciej.',
    routingDirect: 'Wyślij każdą wiadomość e-mailem bezpośrednio do jej adresata.',
    askForAddress: 'Brakuje Ci czyjegoś adresu e-mail? Poproś o niego – kontakt: {who}.',
    askForAddressAt: 'Brakuje Ci czyjegoś adresu e-mail? Poproś o niego – kontakt: {who}, {email}.',
    yourRecruiter: 'osoba prowadząca Twoją rekrutację',
    viaRecruiter:
      'Wszystkie podziękowania wyślij do agencji {agency} (adresat: **{who}**), a nie bezpośrednio do rozmówców – agencja przekaże je firmie {company}.',
    viaRecruiterAt:
      'Wszystkie podziękowania wyślij do agencji {agency} (adresat: **{who}**, {email}), a nie bezpośrednio do rozmówców – agencja przekaże je firmie {company}.',
    howTo:
      'Poniżej znajdziesz szkic dla każdej osoby. Uzupełnij [luki], wyślij wiadomość, a potem kliknij „{button}”.',
    whyLink: 'Dlaczego to pomaga',
    footer:
      'Wysłane przez agencję {agency} za pośrednictwem Followthrough. Twoje wiadomości są zapisane tylko pod tym linkiem.',
    languageLabel: 'Język',
    noteLabel: 'Twoja wiadomość do: {name}',
    draftStart: 'Szkic na początek.',
    draftSaved: 'Twój zapisany szkic.',
    proofread: 'Sprawdź przed wysłaniem',
    checklist: [
      'Imię i nazwisko zapisane dokładnie tak, jak zapisuje je ta osoba',
      'Poprawna nazwa firmy i stanowiska',
      'Każda [luka] zastąpiona Twoimi słowami',
      'Tekst przeczytany raz na głos: krótkie zdania, bez literówek',
    ],
    save: 'Zapisz szkic',
    copy: 'Kopiuj',
    openMail: 'Otwórz w aplikacji pocztowej',
  },

  live: {
    words: plural({
      one: '{count} słowo (cel: ok. {target})',
      few: '{count} słowa (cel: ok. {target})',
      many: '{count} słów (cel: ok. {target})',
      other: '{count} słowa (cel: ok. {target})',
    }),
    wordsLong: plural({
      one: '{count} słowo – trochę za długo: postaraj się zmieścić w ok. {target}',
      few: '{count} słowa – trochę za długo: postaraj się zmieścić w ok. {target}',
      many: '{count} słów – trochę za długo: postaraj się zmieścić w ok. {target}',
      other: '{count} słowa – trochę za długo: postaraj się zmieścić w ok. {target}',
    }),
    noBlanks: 'Nie ma już żadnych [luk].',
    blanks: plural({
      one: 'Do uzupełnienia: {count} [luka].',
      few: 'Do uzupełnienia: {count} [luki].',
      many: 'Do uzupełnienia: {count} [luk].',
      other: 'Do uzupełnienia: {count} [luki].',
    }),
    blanksQuestion: plural({
      one: 'W tym szkicu wciąż jest {count} [luka]. Uzupełnij ją albo usuń; jeśli wiadomość mimo to została już wysłana, kliknij ponownie „{button}”.',
      few: 'W tym szkicu wciąż są {count} [luki]. Uzupełnij je albo usuń; jeśli wiadomość mimo to została już wysłana, kliknij ponownie „{button}”.',
      many: 'W tym szkicu wciąż jest {count} [luk]. Uzupełnij je albo usuń; jeśli wiadomość mimo to została już wysłana, kliknij ponownie „{button}”.',
      other:
        'W tym szkicu wciąż są {count} [luki]. Uzupełnij je albo usuń; jeśli wiadomość mimo to została już wysłana, kliknij ponownie „{button}”.',
    }),
    windowClosed: 'Minęły 24 godziny, ale wiadomość wysłana dziś nadal pomaga.',
    progress: plural({
      one: 'Oznaczone jako wysłane: {sent} z {count}',
      few: 'Oznaczone jako wysłane: {sent} z {count}',
      many: 'Oznaczone jako wysłane: {sent} z {count}',
      other: 'Oznaczone jako wysłane: {sent} z {count}',
    }),
    sent: 'Wysłane ✓',
    notSent: 'Jeszcze niewysłane',
    markSent: 'Oznacz jako wysłane',
    undo: 'Cofnij: jeszcze niewysłane',
    saving: 'Zapisywanie…',
    saved: 'Zapisano.',
    notSaved:
      'Jeszcze nie zapisano: szkic jest przechowywany na tym urządzeniu i zostanie zapisany, gdy znów będziesz online.',
    copied: 'Skopiowano. Wklej tekst do wiadomości e-mail.',
  },

  guide: {
    title: 'Dlaczego krótka wiadomość pomaga',
    intro:
      'Większość kandydatów w ogóle nie wysyła podziękowań, więc krótka, osobista wiadomość pomaga się wyróżnić. A nawet jeśli tę pracę dostanie ktoś inny, rozmówcy zapamiętają Cię przy następnej rekrutacji.',
    tipsTitle: 'Co sprawia, że to działa',
    tips: [
      'Osobna wiadomość do każdej osoby z rozmowy, zaadresowana imiennie, każda trochę inna.',
      'Wspomnij o jednym temacie z rozmowy, żeby było jasne, że to Twoja wiadomość.',
      'W zdaniu lub dwóch napisz, dlaczego zależy Ci na tej pracy i co możesz wnieść.',
      'Czegoś nie udało się powiedzieć? Krótkie zdanie teraz to druga szansa.',
      'Jeśli padł termin decyzji, napisz, że czekasz na wiadomość do tego czasu.',
      'Wystarczy kilka krótkich akapitów: uprzejmie, ale profesjonalnie.',
      'Wiadomość potwierdza rzetelność i konsekwencję, o których była mowa na rozmowie, więc wyślij ją szybko: im wcześniej, tym lepiej.',
    ],
    channelTitle: 'E-mail czy kartka?',
    channel:
      'Tutaj najlepszy jest e-mail: dotrze jeszcze dziś, a osoby rekrutujące powszechnie go akceptują. Odręcznie napisana kartka jest cieplejsza, ale może dotrzeć już po decyzji. SMS jest zbyt swobodny.',
    viaRecruiter:
      'Tę rozmowę umówiła agencja {agency}, więc podziękowania wysyłasz przez osobę prowadzącą Twoją rekrutację.',
  },

  draft: {
    greeting: 'Dzień dobry, {name},',
    openings: [
      'Dziękuję za poświęcony czas i rozmowę o stanowisku {role} w firmie {company}.',
      'Dziękuję za spotkanie i rozmowę na temat stanowiska {role} w firmie {company}.',
      'Rozmowa o stanowisku {role} w firmie {company} była dla mnie bardzo cenna – dziękuję za nią.',
    ],
    enjoyed: 'Szczególnie miło wspominam naszą rozmowę o {topic}.',
    topic: '[temat, o którym {name} rozmawiał(a) z Tobą]',
    topicWithHint: '[temat, o którym {name} rozmawiał(a) z Tobą, np. {hint}]',
    keen: 'Po naszej rozmowie jeszcze bardziej zależy mi na tej pracy. [Jedno lub dwa zdania o tym, co możesz wnieść do firmy {company}.]',
    optional: '[Opcjonalnie: coś, o czym nie udało Ci się wspomnieć podczas rozmowy.]',
    closings: [
      'Czekam na informację o kolejnych etapach rekrutacji.',
      'Jeszcze raz dziękuję za poświęcony czas i liczę na kontakt w sprawie kolejnych etapów.',
      'Raz jeszcze dziękuję i czekam na odpowiedź.',
    ],
    signOff: 'Z poważaniem,',
    yourName: '[Imię i nazwisko]',
    subjectDirect: 'Podziękowanie za rozmowę – {role}',
    subjectViaRecruiter: 'Podziękowanie do przekazania: {name} ({company})',
    recruiterGreeting: 'Dzień dobry, {name},',
    recruiterGreetingNoName: 'Dzień dobry,',
    recruiterAsk:
      'Bardzo proszę o przekazanie poniższego podziękowania. Adresat: {name}. Z góry dziękuję!',
  },

  sms: {
    coaching:
      '{agency}: krótkie podziękowanie dla rozmówców pomaga: {link} Odpisz STOP, by zrezygnować',
    reminder: '{agency}: zdążysz jeszcze podziękować rozmówcom: {link} Odpisz STOP, by zrezygnować',
    unnamedSender: 'Twój rekruter',
  },

  unsubscribe: {
    confirmTitle: 'Rezygnacja z wiadomości od agencji {agency}',
    confirmHeading: 'Wypisać się z wiadomości od agencji {agency}?',
    confirmBody:
      'Nie będziesz już otrzymywać od agencji {agency} e-maili z poradami po rozmowach kwalifikacyjnych ani przypomnień wysyłanych przez Followthrough.',
    button: 'Wypisz się',
    doneTitle: 'Wypisano Cię z listy',
    doneBody: 'Agencja {agency} nie będzie już wysyłać Ci porad przez Followthrough.',
    close: 'Możesz zamknąć tę stronę.',
  },

  link: {
    notFoundTitle: 'Nie znaleziono linku',
    notFoundHeading: 'Ten link nie działa',
    notFoundBody: 'Mógł wygasnąć albo zawierać literówkę. Nic nie zostało zmienione.',
    notFoundHelp: 'Jeśli potrzebujesz pomocy, odpowiedz na wiadomość, w której był ten link.',
    canceledTitle: 'Rozmowa odwołana',
    canceledHeading: 'Ta rozmowa została odwołana',
    canceledBody:
      'Agencja {agency} oznaczyła tę rozmowę jako odwołaną, więc nie trzeba wysyłać żadnych podziękowań.',
    canceledHelp: 'Jeśli to pomyłka, odpowiedz na wiadomość, w której był ten link.',
  },
}
