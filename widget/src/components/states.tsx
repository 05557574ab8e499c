import type { ComponentChildren } from 'preact'
import type { ApiFailure } from '../api'
import { words } from '../strings'

export const Loading = ({ what }: { what: string }) => (
  <p class="muted" role="status">
    {words().loading(what)}
  </p>
)

export const Empty = ({ children }: { children: ComponentChildren }) => (
  <p class="empty">{children}</p>
)

export function Failed({ error, retry }: { error: ApiFailure; retry?: () => void }) {
  return (
    <div class="alert" role="alert">
      <p>{error.message}</p>
      {retry && (
        <button type="button" class="link" onClick={retry}>
          {words().tryAgain}
        </button>
      )}
    </div>
  )
}
