import type { ComponentChildren, VNode } from 'preact'
import { words } from '../strings'

export type FieldErrors = Record<string, string>

export interface FieldControl {
  id: string
  'aria-invalid': boolean
  'aria-describedby'?: string
}

interface FieldProps {
  /** the API's path for this value, e.g. `candidate.email` or `interviewers.0.name` */
  path: string
  label: ComponentChildren
  errors: FieldErrors
  optional?: boolean
  wide?: boolean
  control: (a11y: FieldControl) => VNode
}

/** A labelled control with the API's message for its path shown under it. */
export function Field({ path, label, errors, optional, wide, control }: FieldProps) {
  const id = `f-${path}`
  const error = errors[path]
  return (
    <p class={wide ? 'field wide' : 'field'}>
      <label for={id}>
        {label}
        {optional && <span class="muted">{words().form.optional}</span>}
      </label>
      {control({
        id,
        'aria-invalid': !!error,
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      {error && (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </p>
  )
}
