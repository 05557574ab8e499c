import type { Limits, Translation } from '../strings'
import { esDashboard } from './es-dashboard'
import { esDetail, esList } from './es-list'

/**
 * The widget in Spanish; a key left out here reads in English. The limits come from the caller,
 * so this chunk shares no code with the app's.
 */
const es = ({
  minMinutes,
  maxMinutes,
  latestPastDays,
  furthestAheadDays,
}: Limits): Translation => ({
  loading: (what) => `Cargando ${what}…`,
  tryAgain: 'Reintentar',
  head: { tagline: 'Notas de agradecimiento, paso a paso' },
  tabs: { log: 'Registrar entrevista', list: 'Mis entrevistas', stats: 'Panel' },
  lazy: {
    list: 'La lista',
    dashboard: 'El panel',
    failed: (what) =>
      `${what} no se pudo cargar. Revisa tu conexión y vuelve a intentarlo, o recarga la página si Followthrough se acaba de actualizar.`,
  },
  errors: {
    signIn: 'No pudimos iniciar tu sesión en Followthrough. Recarga la página para reintentar.',
    offline: 'No hay conexión con Followthrough. Revisa tu conexión y vuelve a intentarlo.',
  },
  form: {
    name: 'Registrar una entrevista',
    candidateAndRole: 'Candidato y puesto',
    candidateName: 'Nombre del candidato',
    candidateEmail: 'Correo del candidato',
    role: 'Puesto',
    client: 'Cliente',
    language: 'Idioma del candidato',
    interview: 'Entrevista',
    startedAt: 'Empezó a las',
    duration: 'Duración (minutos)',
    format: 'Modalidad',
    formats: { video: 'Videollamada', phone: 'Teléfono', onsite: 'Presencial' },
    interviewers: 'Entrevistadores',
    interviewer: (n) => `Entrevistador ${n}`,
    personName: 'Nombre',
    personTitle: 'Cargo',
    personEmail: 'Correo',
    remove: 'Quitar',
    removeInterviewer: (n) => `Quitar entrevistador ${n}`,
    addInterviewer: 'Añadir entrevistador',
    talkingPoints: 'Ideas para las notas',
    optional: ' (opcional)',
    submit: 'Registrar y enviar correo al candidato',
    submitting: 'Registrando…',
    problems: {
      'candidate.name': 'Escribe el nombre del candidato.',
      'candidate.email': 'Escribe un correo como ana@example.com.',
      roleTitle: 'Escribe el puesto.',
      clientCompany: 'Escribe el cliente.',
      startsAt: 'Indica cuándo empezó.',
      'startsAt.old': `Hace más de ${latestPastDays} días: ya es tarde para las notas.`,
      'startsAt.ahead': `Faltan más de ${furthestAheadDays} días.`,
      durationMinutes: `Indica entre ${minMinutes} y ${maxMinutes} minutos.`,
      'interviewers.*.name': 'Escribe un nombre o quita este entrevistador.',
      'interviewers.*.email': 'Escribe un correo como tom@example.com, o déjalo vacío.',
      summary: 'Hay datos que corregir antes de poder enviar el correo.',
      other: 'Revisa este dato.',
    },
    late: (days) =>
      `Registrada tarde: terminó hace ${days} ${days === 1 ? 'día' : 'días'}, fuera del plazo de 24 horas para las notas. El correo se envía igual; más vale una nota tarde que ninguna.`,
    done: 'Entrevista registrada',
    theCandidate: 'El candidato',
    willGetEmail: (who, names, viaRecruiter) =>
      `${who} recibirá ahora un correo con una breve guía y un enlace para redactar una nota de agradecimiento a ${names}${viaRecruiter ? ', que te enviará para que la reenvíes' : ''}.`,
    reminder: (who, when) =>
      ` Si no se marca ninguna nota como enviada, ${who} recibirá un recordatorio antes de que venza el plazo (${when}).`,
    another: 'Registrar otra entrevista',
    seeList: 'Ver mis entrevistas',
  },
  and: 'y',
  list: esList,
  detail: esDetail,
  dashboard: esDashboard,
})

export default es
