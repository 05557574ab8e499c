import type { Translation } from '../strings'

/** The dashboard in Spanish. */
export const esDashboard: Translation['dashboard'] = {}
