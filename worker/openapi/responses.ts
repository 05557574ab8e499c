import type { z } from 'zod'
import { htmlPage } from '../schemas/candidate'
import { errorBody } from '../schemas/common'

const errorSchema = errorBody.meta({ id: 'Error' })

/** An error answer in the API's one error shape; the description starts with its code. */
export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
})

export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const htmlResponse = (description: string) => ({
  description,
  content: { 'text/html': { schema: htmlPage } },
})

/** Routes that queue a coaching email answer this past a send quota. */
export const quotaExceeded = errorResponse(
  "quota_exceeded: the agency's daily or the recruiter's hourly send quota is used up; Retry-After gives the seconds until its window frees.",
)

const linkGone =
  'not_found: the link does not work (unknown, expired, or its candidate erased), or names nothing of its interview.'

/**
 * How a candidate link answers when it does not work: with a page in a browser, or a JSON 404 to
 * the page's script. An id beside the token that names nothing of the link's interview is an
 * ordinary JSON 404.
 */
export const linkNotFound = {
  page: htmlResponse(linkGone),
  pageOrJson: {
    description: linkGone,
    content: { ...htmlResponse(linkGone).content, ...errorResponse(linkGone).content },
  },
  json: errorResponse(linkGone),
}

/** A page the candidate's link opens: the page itself, or the page saying the link does not work. */
export const linkPage = (description: string) => ({
  200: htmlResponse(description),
  404: linkNotFound.page,
})

/** The link's interview was canceled: its page says so, and its notes take no more changes. */
export const interviewCanceled = errorResponse(
  'conflict: the interview was canceled; there are no notes to send for it.',
)
