import type { Db } from '../../../db/client'
import type { BullhornPollState } from '../../../db/schema'
import type { Config } from '../../config'
import { ApiError, notFound } from '../../errors'
import {
  integrationKeyring,
  openIntegration,
  providerContext,
  sealCredentials,
} from '../../services/integrations'
import { ProviderRefused, ProviderUnavailable } from '../adapter'
import { BullhornError, callBullhorn, queryOf } from './http'
import { authorizeUrl, discover, requestTokens, restLogin } from './oauth'
import { withSession, withTokens } from './session'
import { checkState, signState } from './state'

// Connecting Bullhorn: the agency's user opens the link GET /v1/integrations/:id/connect gives,
// signs in at Bullhorn and allows Followthrough; Bullhorn sends the browser back to the callback
// with a code, which becomes the refresh token and a REST session, and the event subscription
// the cron polls is made.

/** The events read: interviews (Appointments) and hires (Placements). */
const subscribedTo = {
  type: 'entity',
  names: 'Appointment,Placement',
  eventTypes: 'INSERTED,UPDATED,DELETED',
}

export const callbackUrl = (publicUrl: string, integrationId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/integrations/${integrationId}/oauth/callback`

/** Bullhorn's failures as the API's: 503 when it does not answer, 400 when it refuses. */
async function askingBullhorn<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (err instanceof ProviderUnavailable) {
      throw new ApiError('unavailable', `${err.message}; try again in a moment.`, [], {
        'Retry-After': String(err.retryAfterSeconds),
      })
    }
    if (err instanceof ProviderRefused) throw new ApiError('validation_failed', err.message)
    throw err
  }
}

async function bullhornIntegration(
  db: Db,
  config: Config,
  integrationId: string,
  agencyId?: string,
) {
  let query = db.selectFrom('integrations').selectAll().where('id', '=', integrationId)
  if (agencyId) query = query.where('agency_id', '=', agencyId)
  const row = await query.executeTakeFirst()
  if (!row) throw notFound('Integration')
  if (row.provider !== 'bullhorn') {
    throw new ApiError('validation_failed', 'Only a Bullhorn integration connects this way.')
  }
  return openIntegration(await integrationKeyring(config), row)
}

/** The Bullhorn page to sign in and allow Followthrough, good for 15 minutes. */
export async function connectLink(
  db: Db,
  config: Config,
  agencyId: string,
  integrationId: string,
  publicUrl: string,
) {
  const opened = await bullhornIntegration(db, config, integrationId, agencyId)
  const { credentials, apiUrl } = providerContext(db, config, opened, new Date())
  const { oauthUrl } = await askingBullhorn(() => discover(apiUrl, credentials.username ?? ''))
  const { state, expiresAt } = await signState(config.sessionSecret, integrationId, new Date())
  const redirectUri = callbackUrl(publicUrl, integrationId)
  return {
    url: authorizeUrl(oauthUrl, credentials.clientId ?? '', redirectUri, state),
    expiresAt: expiresAt.toISOString(),
  }
}

/**
 * The callback: the state must be one signed for this integration, in time. The code becomes
 * tokens and a session, stored sealed at once (Bullhorn spends the code), then the subscription
 * is made (one that exists already, from an earlier connection, is kept).
 */
export async function completeConnection(
  db: Db,
  config: Config,
  integrationId: string,
  params: { code: string; state: string },
  publicUrl: string,
) {
  if (!(await checkState(config.sessionSecret, integrationId, params.state, new Date()))) {
    throw new ApiError(
      'validation_failed',
      'This sign-in is not valid for this integration, or it has expired: start again from the connect link.',
      [{ path: 'state', message: 'Not signed for this integration, or expired.' }],
    )
  }
  const opened = await bullhornIntegration(db, config, integrationId)
  const { credentials, apiUrl } = providerContext(db, config, opened, new Date())
  const ring = await integrationKeyring(config)
  const center = await askingBullhorn(() => discover(apiUrl, credentials.username ?? ''))
  const tokens = await askingBullhorn(() =>
    requestTokens(
      center.oauthUrl,
      { clientId: credentials.clientId ?? '', clientSecret: credentials.clientSecret ?? '' },
      {
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: callbackUrl(publicUrl, integrationId),
      },
      new Date(),
    ),
  )
  const connected = withTokens({ ...credentials, ...center, bhRestToken: '' }, tokens)
  const store = async (values: Record<string, string>, pollState?: BullhornPollState) =>
    db
      .updateTable('integrations')
      .set({
        credentials_sealed: await sealCredentials(ring, integrationId, values),
        ...(pollState ? { poll_state: pollState, last_error: null, last_error_at: null } : {}),
      })
      .where('id', '=', integrationId)
      .execute()
  await store(connected)
  const session = await askingBullhorn(() => restLogin(center.loginUrl, tokens.accessToken))
  const subscription = `followthrough-${integrationId}`
  await askingBullhorn(() => subscribe(session.restUrl, session.bhRestToken, subscription))
  const stored = opened.integration.poll_state
  const pollState: BullhornPollState =
    stored && 'subscription' in stored ? stored : { subscription, requestId: null, applied: true }
  await store(withSession(connected, session), pollState)
}

async function subscribe(restUrl: string, bhRestToken: string, subscription: string) {
  try {
    await callBullhorn(
      `${restUrl}event/subscription/${encodeURIComponent(subscription)}?${queryOf(subscribedTo)}`,
      { method: 'PUT', bhRestToken },
    )
  } catch (err) {
    const duplicate =
      err instanceof BullhornError && err.body.errorMessageKey === 'errors.duplicateSubscription'
    if (!duplicate) throw err
  }
}
