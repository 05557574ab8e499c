/** The detail panel's words in English (they load with its chunk). */
export const detailEn = {}
