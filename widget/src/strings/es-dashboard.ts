import type { Translation } from '../strings'

/** "1 día", "30 días" */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The dashboard in Spanish. */
export const esDashboard: Translation['dashboard'] = {
  range: 'Periodo',
  from: 'Desde',
  to: 'Hasta',
  refresh: 'Actualizar',
  figures: 'las cifras',
  noInterviews:
    'Todavía no hay entrevistas en este periodo. Las entrevistas registradas aparecerán aquí.',
  noneOfYours: 'Ninguna de tus entrevistas cae en este periodo todavía.',
  ratesByWeek: (mine) => (mine ? 'Tus tasas por semana' : 'Tasas por semana'),
  funnelTitle: (mine) => (mine ? 'Tu embudo de notas' : 'Embudo de notas'),
  byRecruiter: 'Por reclutador',
  recruiter: 'Reclutador',
  byClient: (mine) => (mine ? 'Tus entrevistas por cliente' : 'Por cliente'),
  client: 'Cliente',
  sortBy: 'Ordenar por',
  csv: 'Descargar CSV',
  baseline: (rate, source) => `Tasa de envío del sector: ${rate} (fuente: ${source}).`,

  rates: {
    sendRate: 'Tasa de envío',
    onTimeRate: 'A tiempo',
    fullCoverageRate: 'Nota a todos los entrevistadores',
  },
  allThanked: 'Nota a todos',
  industrySendRate: 'Tasa de envío del sector',
  coached: 'Con guía',
  ofDecided: (n, decided) => `${n} de ${decided} ya definidas`,

  tiles: {
    period: (mine, dates, days) =>
      `${mine ? 'Tus cifras' : 'Las cifras de la agencia'}, ${dates}${days ? `; cambios frente ${days === 1 ? 'al día anterior' : `a los ${days} días anteriores`}` : ''}.`,
    name: (mine) => (mine ? 'Tus cifras' : 'Cifras de la agencia'),
    against: (days) => `frente ${days === 1 ? 'al día anterior' : `a los ${days} días anteriores`}`,
    noChange: 'sin cambios',
    points: (n) => count(n, 'punto'),
    faster: (time) => `${time} menos`,
    slower: (time) => `${time} más`,
    open: (n) =>
      n === 1 ? '1 sigue dentro de sus 24 horas.' : `${n} siguen dentro de sus 24 horas.`,
    agency: (rate) => `Agencia ${rate}`,
    industry: (rate) => `Sector ${rate}`,
    onTime: 'A tiempo (24 h)',
    median: 'Mediana hasta la primera nota',
    withNote: (n) => `sobre ${n} con nota`,
    coached: 'Entrevistas con guía',
    logged: (n) => `de ${count(n, 'registrada')}`,
  },
  duration: {
    minutes: (n) => `${n} min`,
    hours: (n) => `${n} h`,
    days: (n) => `${n} días`,
  },

  funnel: {
    caption: 'Del correo con la guía a la nota',
    step: 'Paso',
    interviews: 'Entrevistas',
    share: 'Porcentaje del total con guía',
    emailed: 'Correo con la guía enviado',
    delivered: 'Entregado',
    opened: 'Página abierta',
    drafted: 'Borrador copiado o app de correo abierta',
    sent: 'Nota enviada',
  },

  trend: {
    industry: (rate) => `Tasa de envío del sector: ${rate}.`,
    described: (week, rates, decided) => `${week}: ${rates}; sobre ${decided} ya definidas.`,
    noWeeks: 'No hay semanas en este periodo.',
    asTable: 'Lo mismo en una tabla',
    week: 'Semana',
  },

  breakdown: {
    below: (points) => `(${count(points, 'punto')} por debajo de la agencia)`,
    flagged: 'Muy por debajo de la agencia',
    flagRule: (points, decided) => `(${points} puntos o más, con ${decided} o más definidas)`,
    flag: (rate, value, n, decided, agency) =>
      `${rate.toLowerCase()} ${value} (${n} de ${decided}) frente a ${agency}`,
  },

  outcomes: {
    title: (mine) =>
      mine
        ? 'Hasta dónde llegaron los candidatos de la agencia'
        : 'Hasta dónde llegaron los candidatos',
    caption: 'Resultados, con nota y sin ella',
    interviews: 'Entrevistas con guía',
    withOutcome: 'Con resultado',
    of: (n) => `de ${n}`,
    withNote: 'Nota enviada',
    withoutNote: 'Sin nota',
    advanced: 'Avanzó',
    offer: 'Oferta',
    hired: 'Contratado',
    caveat:
      'Porcentajes sobre las entrevistas con un resultado registrado. Quienes envían notas pueden diferir también en otras cosas: esto muestra qué va junto, no qué causa qué.',
  },

  systems: {
    title: 'Sistemas conectados',
    none: 'Todavía no hay ningún ATS conectado. Conecta Bullhorn, Greenhouse, Lever o un webhook firmado mediante la API y las entrevistas llegarán solas.',
    webhook: 'Webhook firmado',
    created: (n) => count(n, 'añadida'),
    updated: (n) => count(n, 'actualizada'),
    canceled: (n) => count(n, 'cancelada'),
    ignored: (n) => count(n, 'ignorada'),
    written: (n) => (n === 1 ? '1 nota devuelta al ATS' : `${n} notas devueltas al ATS`),
    refused: (n) => (n === 1 ? '1 escritura rechazada' : `${n} escrituras rechazadas`),
    nothing: 'Todavía no se ha recibido nada',
    lastEvent: (when) => `Último evento: ${when}`,
    noEvent: 'Ningún evento todavía',
    lastProblem: (when) => `Último problema${when ? ` (${when})` : ''}:`,
  },
}
