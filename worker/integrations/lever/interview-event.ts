import type { InboundEvent } from '../../schemas/integration'
import { ProviderRefused, type ProviderContext } from '../adapter'
import type { LeverClient } from './client'
import { segment, type LeverInterview, type LeverOpportunity, type LeverPosting } from './records'

// A Lever interview as one of our interviews. The webhook names the interview only; its fields
// are read from the API, as they are now (so a late delivery carries the latest state, and the
// core's ordering by triggeredAt keeps an older event from undoing a newer one).
//
//   externalRef          `<opportunityId>/<interviewId>`
//   candidate            the opportunity's `name` and first of its `emails` (none: the core
//                        records the event as ignored, naming the missing email)
//   roleTitle            the `text` (job title) of the interview's first posting
//   clientCompany        Lever has no client field: the posting's department, else its team,
//                        else the integration's `clientCompany` setting
//   startsAt, duration   `date` (epoch ms) and `duration` (minutes)
//   format               a `location` that is a link or names a video service: video; one that
//                        names a phone: phone; another place: onsite; none: video
//   interviewers         `interviewers` with their names and emails (Lever keeps no titles)
//   recruiterExternalId  `lever:<opportunity owner's user id>`
//   canceled             `canceledAt` set (the interview stays in Lever), or interviewDeleted
//
// The interview's `note` is left out: it is written for the panel, not for the candidate.

export const interviewRef = (opportunityId: string, interviewId: string) =>
  `${opportunityId}/${interviewId}`

const videoPlace = /^https?:\/\/|zoom|meet\.google|teams|webex|whereby|video|virtual|remote/i
const phonePlace = /phone|call|^\+?[\d\s().-]{7,}$/i

function formatOf(location: string | null): 'video' | 'phone' | 'onsite' {
  const place = location?.trim() ?? ''
  if (place === '' || videoPlace.test(place)) return 'video'
  if (phonePlace.test(place)) return 'phone'
  return 'onsite'
}

async function postingOf(client: LeverClient, interview: LeverInterview) {
  const [postingId] = interview.postings ?? []
  return postingId ? client.get<LeverPosting>(`/postings/${segment(postingId)}`) : null
}

function clientCompanyOf(context: ProviderContext, posting: LeverPosting | null) {
  const setting = context.integration.settings.clientCompany
  return (
    posting?.categories?.department ||
    posting?.categories?.team ||
    (typeof setting === 'string' && setting !== '' ? setting : undefined)
  )
}

/** The event an interviewCreated or interviewUpdated webhook carries, read from the API. */
export async function readInterviewEvent(
  context: ProviderContext,
  client: LeverClient,
  base: Pick<InboundEvent, 'id' | 'occurredAt'>,
  ids: { opportunityId: string; interviewId: string },
  created: boolean,
): Promise<InboundEvent> {
  const externalRef = { id: interviewRef(ids.opportunityId, ids.interviewId) }
  const opportunityPath = `/opportunities/${segment(ids.opportunityId)}`
  const interview = await client.get<LeverInterview>(
    `${opportunityPath}/interviews/${segment(ids.interviewId)}`,
  )
  if (!interview) {
    throw new ProviderRefused(`Lever has no interview ${externalRef.id} (deleted since?).`)
  }
  if (interview.canceledAt) {
    return { ...base, event: 'interview.canceled', interview: { externalRef } }
  }
  const opportunity = await client.get<LeverOpportunity>(opportunityPath)
  if (!opportunity) throw new ProviderRefused(`Lever has no opportunity ${ids.opportunityId}.`)
  const posting = await postingOf(client, interview)
  return {
    ...base,
    event: created ? 'interview.scheduled' : 'interview.updated',
    interview: {
      externalRef,
      candidate: { name: opportunity.name, email: opportunity.emails?.[0] },
      roleTitle: posting?.text,
      clientCompany: clientCompanyOf(context, posting),
      startsAt: Number.isFinite(interview.date)
        ? new Date(interview.date).toISOString()
        : undefined,
      durationMinutes: interview.duration,
      format: formatOf(interview.location),
      interviewers: (interview.interviewers ?? []).map(({ name, email }) => ({
        name,
        ...(email ? { email } : {}),
      })),
      ...(opportunity.owner ? { recruiterExternalId: `lever:${opportunity.owner}` } : {}),
    },
  }
}
