/** The dashboard's words in English (they load with its chunk). */
export const dashboardEn = {}
