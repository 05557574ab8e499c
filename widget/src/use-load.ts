import { useEffect, useState } from 'preact/hooks'
import type { ApiFailure } from './api'

export interface Loaded<T> {
  data?: T
  error?: ApiFailure
  loading: boolean
  retry: () => void
}

/** Runs `load` when `deps` change (or on retry), keeping the last data while the next loads. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'retry'>>({ loading: true })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    setState((s) => ({ data: s.data, loading: true }))
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    )
    return () => {
      live = false
    }
  }, [...deps, attempt])
  return { ...state, retry: () => setAttempt((n) => n + 1) }
}
