import { plural } from './catalog'
import type { Messages } from './en'

export const fr: Messages = {
  meta: {
    locale: 'fr',
  },

  time: {
    deadline: '{date} à {time} ({zone})',
    date: '{weekday} {day} {month}',
    cityZone: null,
    hoursLeft: plural({
      one: 'environ {count} heure',
      many: 'environ {count} heures',
      other: 'environ {count} heures',
    }),
    underAnHour: "moins d'une heure",
    countdownHours: 'Il reste {hours} h {minutes} min',
    countdownMinutes: 'Il reste {minutes} min',
  },

  evidence:
    'Selon une enquête Accountemps de 2017, 80 % des responsables du recrutement tiennent compte des messages de remerciement dans leur décision, mais seuls 24 % des candidats en avaient envoyé un.',

  email: {
    subject: 'Vos messages de remerciement pour {company}',
    heading: 'Prochaine étape : un petit mot de remerciement à chaque personne rencontrée',
    intro:
      "Bonjour {name}, bravo pour votre entretien chez {company} pour le poste de {role}. Un court message à chaque personne rencontrée l'aide à se souvenir de vous, et la plupart des candidats n'en envoient jamais.",
    deadline:
      'Envoyez-les **avant le {deadline}**, dans les 24 heures qui suivent votre entretien.',
    windowPassed:
      "Plus de 24 heures ont passé depuis votre entretien, mais **un message envoyé aujourd'hui aide encore** : envoyez-le dès que vous pouvez.",
    whoToThank: 'Qui remercier',
    personWithTitle: '{name}, {title}',
    everyone: 'chaque personne rencontrée',
    button: 'Écrire vos remerciements',
    draftsReady:
      'Votre page contient un brouillon pour chaque personne. Ajoutez-y un détail de votre échange, puis envoyez-le.',
    tipsTitle: 'Quatre conseils rapides',
    tips: [
      'Un message par personne, à son nom, chacun un peu différent.',
      'Mentionnez un sujet abordé ensemble, pour que votre message ne ressemble pas à un modèle.',
      'Dites en une ou deux phrases pourquoi le poste vous intéresse et ce que vous apporteriez.',
      "Quelques courts paragraphes suffisent ; relisez les noms, l'entreprise et l'orthographe.",
    ],
    routingDirect: 'Envoyez chaque message par e-mail directement à la personne concernée.',
    routingViaRecruiter:
      'Envoyez vos messages à **{recruiter}** chez {agency}, qui les transmettra à {company} pour vous.',
    yourRecruiter: 'votre contact',
    signOff: 'Nous croisons les doigts pour vous,',
    agencyTeam: "L'équipe {agency}",
    preheader:
      "Un court message à chaque personne rencontrée l'aide à se souvenir de vous. À envoyer avant le {deadline}.",
    preheaderLate:
      "Un court message à chaque personne rencontrée l'aide à se souvenir de vous, et aujourd'hui, il n'est pas trop tard.",
    footer: 'Vous recevez cet e-mail parce que {agency} a organisé votre entretien chez {company}.',
    unsubscribe: 'Se désabonner',
    unsubscribeLine: 'Se désabonner : {url}',
  },

  reminder: {
    subject: 'Il vous reste {left} pour remercier {company}',
    heading: 'Le délai pour vos remerciements touche à sa fin',
    intro:
      'Bonjour {name}, il vous reste {left} pour remercier {who} chez {company}. Quelques lignes suffisent.',
    preheader: 'Il vous reste {left} pour remercier {who}. Quelques lignes suffisent.',
    lateSubject: "Il n'est pas trop tard pour remercier {company}",
    lateHeading: "Un message de remerciement envoyé aujourd'hui aide encore",
    lateIntro:
      "Bonjour {name}, les 24 heures qui ont suivi votre entretien chez {company} sont écoulées, mais un court message envoyé aujourd'hui à {who} vous aide encore à rester en mémoire.",
    latePreheader: "Un court message envoyé aujourd'hui aide encore.",
    alreadySent: 'Vous les avez déjà envoyés ? Bravo, ignorez simplement cet e-mail.',
  },

  page: {
    title: 'Vos messages de remerciement · {agency}',
    heading: 'Vos messages de remerciement',
    headingNamed: 'Vos messages de remerciement, {name}',
    forInterview: 'Pour votre entretien au poste de **{role}** chez **{company}**.',
    sendBy: 'Envoyez-les avant le {deadline}, dans les 24 heures qui suivent votre entretien.',
    sendAsap: 'Envoyez-les dès que possible.',
    routingDirect: 'Envoyez chaque message par e-mail directement à la personne concernée.',
    askForAddress: "S'il vous manque une adresse, demandez-la à {who}.",
    askForAddressAt: "S'il vous manque une adresse, demandez-la à {who} ({email}).",
    yourRecruiter: 'votre contact',
    viaRecruiter:
      "Envoyez tous vos messages à **{who}** chez {agency}, qui les transmettra à {company}, plutôt que d'écrire vous-même aux personnes rencontrées.",
    viaRecruiterAt:
      "Envoyez tous vos messages à **{who}** ({email}) chez {agency}, qui les transmettra à {company}, plutôt que d'écrire vous-même aux personnes rencontrées.",
    howTo:
      'Voici un brouillon pour chaque personne. Remplissez les [blancs], envoyez-le, puis appuyez sur « {button} ».',
    whyLink: "Pourquoi c'est utile",
    footer:
      'Envoyé par {agency} via Followthrough. Vos messages sont enregistrés pour ce lien uniquement.',
    languageLabel: 'Langue',
    noteLabel: 'Votre message à {name}',
    draftStart: 'Un brouillon pour commencer.',
    draftSaved: 'Votre brouillon enregistré.',
    proofread: "À relire avant l'envoi",
    checklist: [
      "Le nom de la personne, écrit exactement comme elle l'écrit",
      "L'entreprise et le poste correctement nommés",
      'Chaque [blanc] remplacé par vos propres mots',
      'Une lecture à voix haute : phrases courtes, aucune faute de frappe',
    ],
    save: 'Enregistrer le brouillon',
    copy: 'Copier',
    openMail: 'Ouvrir dans la messagerie',
  },

  live: {
    words: plural({
      one: '{count} mot sur environ {target}',
      many: '{count} mots sur environ {target}',
      other: '{count} mots sur environ {target}',
    }),
    wordsLong: plural({
      one: "{count} mot, c'est un peu long : visez environ {target}",
      many: "{count} mots, c'est un peu long : visez environ {target}",
      other: "{count} mots, c'est un peu long : visez environ {target}",
    }),
    noBlanks: 'Plus aucun [blanc] à remplir.',
    blanks: plural({
      one: 'Encore {count} [blanc] à remplir.',
      many: 'Encore {count} [blancs] à remplir.',
      other: 'Encore {count} [blancs] à remplir.',
    }),
    blanksQuestion: plural({
      one: "Ce brouillon contient encore {count} [blanc]. Remplissez-le ou supprimez-le ; si vous l'avez quand même envoyé, appuyez à nouveau sur « {button} ».",
      many: "Ce brouillon contient encore {count} [blancs]. Remplissez-les ou supprimez-les ; si vous l'avez quand même envoyé, appuyez à nouveau sur « {button} ».",
      other:
        "Ce brouillon contient encore {count} [blancs]. Remplissez-les ou supprimez-les ; si vous l'avez quand même envoyé, appuyez à nouveau sur « {button} ».",
    }),
    windowClosed: "Les 24 heures sont passées, mais un message envoyé aujourd'hui aide encore.",
    progress: plural({
      one: 'Message marqué comme envoyé : {sent} sur {count}',
      many: 'Messages marqués comme envoyés : {sent} sur {count}',
      other: 'Messages marqués comme envoyés : {sent} sur {count}',
    }),
    sent: 'Envoyé ✓',
    notSent: 'Pas encore envoyé',
    markSent: "Je l'ai envoyé",
    undo: 'Annuler : pas encore envoyé',
    saving: 'Enregistrement…',
    saved: 'Enregistré.',
    notSaved:
      'Pas encore enregistré : le brouillon reste sur cet appareil et sera enregistré dès votre retour en ligne.',
    copied: 'Copié. Collez-le dans votre e-mail.',
  },

  guide: {
    title: 'Pourquoi un court message aide',
    intro:
      "La plupart des candidats n'en envoient jamais : un message bref et personnel vous aide donc à vous démarquer, et l'on pensera à vous pour le prochain poste, même si celui-ci revient à quelqu'un d'autre.",
    tipsTitle: 'Ce qui fait la différence',
    tips: [
      'Un message par personne rencontrée, à son nom, chacun un peu différent.',
      'Mentionnez un sujet abordé ensemble, pour que votre message ne ressemble pas à un modèle.',
      'En une ou deux phrases, dites pourquoi le poste vous intéresse et ce que vous apporteriez.',
      'Vous avez oublié de dire quelque chose ? Une courte phrase maintenant, et vous avez une seconde chance.',
      "Si l'on vous a dit quand la décision serait prise, indiquez que vous espérez avoir des nouvelles d'ici là.",
      'Quelques courts paragraphes suffisent : un ton chaleureux, mais professionnel.',
      'Ce message montre concrètement la rigueur dont vous avez parlé en entretien : envoyez-le vite, le plus tôt sera le mieux.',
    ],
    channelTitle: 'E-mail ou carte ?',
    channel:
      "Ici, l'e-mail est le bon choix : il arrive aujourd'hui et les recruteurs l'acceptent largement. Une carte manuscrite est plus chaleureuse, mais risque d'arriver après la décision. Un SMS est trop familier.",
    viaRecruiter:
      "{agency} a organisé cet entretien : vos messages passent donc par votre contact à l'agence.",
  },

  draft: {
    greeting: 'Bonjour {name},',
    openings: [
      "Je vous remercie d'avoir pris le temps d'échanger avec moi au sujet du poste de {role} chez {company}.",
      "Merci de m'avoir accordé cet entretien pour le poste de {role} chez {company}.",
      "J'ai beaucoup apprécié notre échange sur le poste de {role} chez {company}.",
    ],
    enjoyed: "J'ai pris un plaisir tout particulier à parler de {topic}.",
    topic: '[un sujet abordé avec {name}]',
    topicWithHint: '[un sujet abordé avec {name}, par ex. {hint}]',
    keen: 'Cet échange a encore renforcé mon intérêt pour le poste. [Une ou deux phrases sur ce que vous apporteriez à {company}.]',
    optional: "[Facultatif : un point que vous avez oublié de mentionner pendant l'entretien.]",
    closings: [
      "Dans l'attente de la suite du processus, je reste à votre disposition.",
      "Merci encore pour le temps que vous m'avez consacré ; j'espère avoir de vos nouvelles pour la suite.",
      'Encore merci, et au plaisir de vous lire.',
    ],
    signOff: 'Bien cordialement,',
    yourName: '[Votre nom]',
    subjectDirect: 'Remerciements – entretien pour le poste de {role}',
    subjectViaRecruiter: 'Message de remerciement pour {name} ({company})',
    recruiterGreeting: 'Bonjour {name},',
    recruiterGreetingNoName: 'Bonjour,',
    recruiterAsk:
      'Pourriez-vous transmettre ce message de remerciement à {name} ? Merci beaucoup !',
  },

  sms: {
    coaching:
      '{agency} : un petit merci à chaque personne compte : {link} Répondez STOP pour arrêter',
    reminder: '{agency} : il est encore temps de remercier : {link} Répondez STOP pour arrêter',
    unnamedSender: 'Votre recruteur',
  },

  unsubscribe: {
    confirmTitle: 'Se désabonner de {agency}',
    confirmHeading: 'Ne plus recevoir les e-mails de {agency} ?',
    confirmBody:
      'Vous ne recevrez plus les conseils ni les rappels liés à vos entretiens que {agency} envoie via Followthrough.',
    button: 'Se désabonner',
    doneTitle: 'Désabonnement confirmé',
    doneBody: "{agency} ne vous enverra plus d'e-mails de conseils via Followthrough.",
    close: 'Vous pouvez fermer cette page.',
  },

  link: {
    notFoundTitle: 'Lien introuvable',
    notFoundHeading: 'Ce lien ne fonctionne pas',
    notFoundBody: "Il a peut-être expiré ou été mal recopié. Rien n'a été modifié.",
    notFoundHelp: "Si vous avez besoin d'aide, répondez à l'e-mail qui contenait ce lien.",
    canceledTitle: 'Entretien annulé',
    canceledHeading: 'Cet entretien a été annulé',
    canceledBody:
      "{agency} a indiqué que cet entretien était annulé : vous n'avez donc aucun message de remerciement à envoyer.",
    canceledHelp: "Si cela vous semble être une erreur, répondez à l'e-mail qui contenait ce lien.",
  },
}
