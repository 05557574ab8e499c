import type { Translation } from '../strings'

/** The list in Spanish. */
export const esList: Translation['list'] = {}

/** The detail panel in Spanish. */
export const esDetail: Translation['detail'] = {}
