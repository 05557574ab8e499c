import { plural } from './catalog'
import type { Messages } from './en'

export const es: Messages = {
  meta: {
    locale: 'es',
  },

  time: {
    deadline: '{date}, a las {time} ({zone})',
    date: '{weekday}, {day} de {month}',
    cityZone: null,
    hoursLeft: plural({
      one: 'aproximadamente {count} hora',
      many: 'unas {count} horas',
      other: 'unas {count} horas',
    }),
    underAnHour: 'menos de una hora',
    countdownHours: 'Quedan {hours} h {minutes} min',
    countdownMinutes: 'Quedan {minutes} min',
  },

  evidence:
    'En una encuesta de Accountemps de 2017, el 80\u00a0% de los responsables de contratación afirmó que los mensajes de agradecimiento cuentan a la hora de decidir, pero solo el 24\u00a0% de los candidatos envió uno.',

  email: {
    subject: 'Tus mensajes de agradecimiento para {company}',
    heading: 'Siguiente paso: un breve agradecimiento a cada persona con la que hablaste',
    intro:
      'Hola, {name}. Buen trabajo en tu entrevista para el puesto de {role} en {company}. Un mensaje breve a cada persona que te entrevistó ayuda a que te recuerden, y la mayoría de los candidatos nunca lo envía.',
    deadline:
      'Envíalos **a más tardar el {deadline}**, dentro de las 24 horas posteriores a tu entrevista.',
    windowPassed:
      'Ya pasaron las 24 horas desde tu entrevista, pero **un mensaje enviado hoy todavía ayuda**: envíalo cuanto antes.',
    whoToThank: 'A quién dar las gracias',
    personWithTitle: '{name}, {title}',
    everyone: 'cada persona con la que hablaste',
    button: 'Escribe tus mensajes de agradecimiento',
    draftsReady:
      'En tu página hay un borrador para cada persona. Incluye un detalle que solo tú conoces y envíalo.',
    tipsTitle: 'Cuatro consejos rápidos',
    tips: [
      'Un mensaje por persona, dirigido a ella por su nombre, y cada uno un poco distinto.',
      'Menciona un tema de la conversación, para que se note que el mensaje es tuyo.',
      'Explica en una o dos frases por qué quieres el puesto y qué aportarías.',
      'Limítate a unos pocos párrafos breves y revisa nombres, empresa y ortografía.',
    ],
    routingDirect: 'Envía cada mensaje por correo electrónico directamente a su destinatario.',
    routingViaRecruiter:
      'Envía tus mensajes a **{recruiter}** en {agency}, que se los hará llegar a {company}.',
    yourRecruiter: 'tu reclutador',
    signOff: '¡Mucha suerte!',
    agencyTeam: 'El equipo de {agency}',
    preheader:
      'Un mensaje breve a cada persona que te entrevistó ayuda a que te recuerden. Envíalo a más tardar el {deadline}.',
    preheaderLate:
      'Un mensaje breve a cada persona que te entrevistó ayuda a que te recuerden, y hoy todavía estás a tiempo.',
    footer: 'Recibes este correo porque {agency} organizó tu entrevista en {company}.',
    unsubscribe: 'Cancelar la suscripción',
    unsubscribeLine: 'Cancelar la suscripción: {url}',
  },

  reminder: {
    subject: 'Agradecimientos para {company}: el plazo termina en {left}',
    heading: 'Se acaba el plazo para tus mensajes de agradecimiento',
    intro:
      'Hola, {name}. El plazo para dar las gracias a {who} en {company} termina en {left}. Bastan unas pocas líneas.',
    preheader: 'El plazo para dar las gracias a {who} termina en {left}. Bastan unas pocas líneas.',
    lateSubject: 'Todavía estás a tiempo de dar las gracias a {company}',
    lateHeading: 'Un mensaje de agradecimiento hoy todavía ayuda',
    lateIntro:
      'Hola, {name}. Ya pasaron las 24 horas desde tu entrevista en {company}, pero un mensaje breve a {who} enviado hoy todavía ayuda a que te recuerden.',
    latePreheader: 'Un mensaje breve enviado hoy todavía ayuda.',
    alreadySent: '¿Ya los enviaste? ¡Bien hecho! Puedes ignorar este correo.',
  },

  page: {
    title: 'Tus mensajes de agradecimiento · {agency}',
    heading: 'Tus mensajes de agradecimiento',
    headingNamed: 'Tus mensajes de agradecimiento, {name}',
    forInterview: 'Tras tu entrevista para el puesto de **{role}** en **{company}**.',
    sendBy:
      'Envíalos a más tardar el {deadline}, dentro de las 24 horas posteriores a tu entrevista.',
    sendAsap: 'Envíalos cuanto antes.',
    routingDirect: 'Envía cada mensaje por correo electrónico directamente a su destinatario.',
    askForAddress: 'Si no tienes la dirección de correo de alguien, pídesela a {who}.',
    askForAddressAt: 'Si no tienes la dirección de correo de alguien, pídesela a {who} ({email}).',
    yourRecruiter: 'tu reclutador',
    viaRecruiter:
      'Envía todos tus mensajes a **{who}** en {agency}, que se los hará llegar a {company}, en lugar de escribir directamente a quienes te entrevistaron.',
    viaRecruiterAt:
      'Envía todos tus mensajes a **{who}** ({email}) en {agency}, que se los hará llegar a {company}, en lugar de escribir directamente a quienes te entrevistaron.',
    howTo:
      'Abajo tienes un borrador para cada persona. Completa los [huecos], envíalo y después pulsa "{button}".',
    whyLink: 'Por qué ayuda',
    footer:
      'Te lo envía {agency} a través de Followthrough. Tus mensajes se guardan solo en este enlace.',
    languageLabel: 'Idioma',
    noteLabel: 'Tu mensaje para {name}',
    draftStart: 'Un borrador para empezar.',
    draftSaved: 'Tu borrador guardado.',
    proofread: 'Revisa antes de enviar',
    checklist: [
      'Su nombre, escrito exactamente como lo escribe esa persona',
      'El nombre de la empresa y del puesto, correctos',
      'Cada [hueco] sustituido por tus propias palabras',
      'Léelo una vez en voz alta: frases cortas y sin erratas',
    ],
    save: 'Guardar borrador',
    copy: 'Copiar',
    openMail: 'Abrir en la app de correo',
  },

  live: {
    words: plural({
      one: '{count} palabra de unas {target}',
      many: '{count} palabras de unas {target}',
      other: '{count} palabras de unas {target}',
    }),
    wordsLong: plural({
      one: '{count} palabra, algo largo: intenta dejarlo en unas {target}',
      many: '{count} palabras, algo largo: intenta dejarlo en unas {target}',
      other: '{count} palabras, algo largo: intenta dejarlo en unas {target}',
    }),
    noBlanks: 'No quedan [huecos].',
    blanks: plural({
      one: 'Queda {count} [hueco] por completar.',
      many: 'Quedan {count} [huecos] por completar.',
      other: 'Quedan {count} [huecos] por completar.',
    }),
    blanksQuestion: plural({
      one: 'Este borrador todavía tiene {count} [hueco]. Complétalo o bórralo; si ya lo enviaste así, vuelve a pulsar "{button}".',
      many: 'Este borrador todavía tiene {count} [huecos]. Complétalos o bórralos; si ya lo enviaste así, vuelve a pulsar "{button}".',
      other:
        'Este borrador todavía tiene {count} [huecos]. Complétalos o bórralos; si ya lo enviaste así, vuelve a pulsar "{button}".',
    }),
    windowClosed: 'Ya pasaron las 24 horas, pero un mensaje enviado hoy todavía ayuda.',
    progress: plural({
      one: '{sent} de {count} mensaje marcado como enviado',
      many: '{sent} de {count} mensajes marcados como enviados',
      other: '{sent} de {count} mensajes marcados como enviados',
    }),
    sent: 'Enviado ✓',
    notSent: 'Aún no enviado',
    markSent: 'Ya lo envié',
    undo: 'Deshacer: aún no enviado',
    saving: 'Guardando…',
    saved: 'Guardado.',
    notSaved:
      'Aún no se ha guardado: se conserva en este dispositivo y se guardará cuando vuelvas a tener conexión.',
    copied: 'Copiado. Pégalo en tu correo.',
  },

  guide: {
    title: 'Por qué ayuda un mensaje breve',
    intro:
      'La mayoría de los candidatos nunca lo envía, así que un mensaje breve y personal te ayuda a destacar, y hace que te tengan presente para la próxima vacante aunque este puesto sea para otra persona.',
    tipsTitle: 'Claves para que funcione',
    tips: [
      'Un mensaje para cada persona con la que hablaste, dirigido a ella por su nombre, y cada uno un poco distinto.',
      'Menciona un tema de la conversación, para que se note que el mensaje es tuyo.',
      'En una o dos frases, explica por qué quieres el puesto y qué aportarías.',
      '¿Se te olvidó decir algo? Una línea breve ahora es una segunda oportunidad.',
      'Si te dijeron cuándo tomarán la decisión, di que esperas tener noticias para esa fecha.',
      'Limítate a unos pocos párrafos breves, con un tono cordial pero profesional.',
      'Demuestra ese compromiso del que hablaste en la entrevista, así que envíalo pronto: cuanto antes, mejor.',
    ],
    channelTitle: '¿Correo electrónico o tarjeta?',
    channel:
      'Aquí lo adecuado es el correo electrónico: llega hoy y los responsables de contratación lo aceptan sin problema. Una tarjeta escrita a mano es más cálida, pero puede llegar cuando ya hayan decidido. Un SMS es demasiado informal.',
    viaRecruiter:
      '{agency} organizó esta entrevista, así que tus mensajes pasan por tu reclutador.',
  },

  draft: {
    greeting: 'Hola, {name}:',
    openings: [
      'Muchas gracias por dedicar su tiempo a hablar conmigo sobre el puesto de {role} en {company}.',
      'Gracias por reunirse conmigo para conversar sobre el puesto de {role} en {company}.',
      'Le agradezco la oportunidad de hablar con usted sobre el puesto de {role} en {company}.',
    ],
    enjoyed: 'Me resultó especialmente interesante hablar de {topic}.',
    topic: '[algo de lo que hablaste con {name}]',
    topicWithHint: '[algo de lo que hablaste con {name}; por ejemplo, {hint}]',
    keen: 'Nuestra conversación ha aumentado aún más mi interés por el puesto. [Una o dos frases sobre lo que aportarías a {company}.]',
    optional: '[Opcional: algo que olvidaste mencionar en la entrevista.]',
    closings: [
      'Quedo a la espera de sus noticias sobre los próximos pasos.',
      'Gracias de nuevo por su tiempo; espero tener noticias suyas sobre los próximos pasos.',
      'Muchas gracias de nuevo; será un placer seguir en contacto.',
    ],
    signOff: 'Saludos cordiales,',
    yourName: '[Tu nombre]',
    subjectDirect: 'Gracias por la entrevista para el puesto de {role}',
    subjectViaRecruiter: 'Mensaje de agradecimiento para {name} ({company})',
    recruiterGreeting: 'Hola, {name}:',
    recruiterGreetingNoName: 'Hola:',
    recruiterAsk:
      '¿Podrías hacerle llegar a {name} este mensaje de agradecimiento? ¡Muchas gracias!',
  },

  sms: {
    coaching:
      '{agency}: agradecer a cada entrevistador ayuda mucho: {link} Responde STOP para salir',
    reminder:
      '{agency}: aún puedes agradecer a tus entrevistadores: {link} Responde STOP para salir',
    unnamedSender: 'Tu reclutador',
  },

  unsubscribe: {
    confirmTitle: 'Cancelar la suscripción a {agency}',
    confirmHeading: '¿Dejar de recibir correos de {agency}?',
    confirmBody:
      'Ya no recibirás de {agency} correos de preparación para entrevistas ni recordatorios a través de Followthrough.',
    button: 'Cancelar la suscripción',
    doneTitle: 'Suscripción cancelada',
    doneBody: '{agency} ya no te enviará más correos de preparación a través de Followthrough.',
    close: 'Ya puedes cerrar esta página.',
  },

  link: {
    notFoundTitle: 'Enlace no encontrado',
    notFoundHeading: 'Este enlace no funciona',
    notFoundBody: 'Puede que haya caducado o que esté mal escrito. No se ha cambiado nada.',
    notFoundHelp: 'Si necesitas ayuda, responde al correo en el que recibiste este enlace.',
    canceledTitle: 'Entrevista cancelada',
    canceledHeading: 'Esta entrevista se canceló',
    canceledBody:
      '{agency} marcó esta entrevista como cancelada, así que no hay mensajes de agradecimiento que enviar.',
    canceledHelp: 'Si crees que es un error, responde al correo en el que recibiste este enlace.',
  },
}
