import { useEffect, useRef } from 'preact/hooks'

/** Focus to move once the next render is on screen: to what `selector` matches inside `root`. */
export function useFocusLater<T extends HTMLElement>() {
  const root = useRef<T>(null)
  const wanted = useRef('')
  useEffect(() => {
    if (wanted.current) root.current?.querySelector<HTMLElement>(wanted.current)?.focus()
    wanted.current = ''
  })
  return [root, (selector: string) => (wanted.current = selector)] as const
}
