import { useEffect, useRef, useState } from 'preact/hooks'
import type { Agency } from '../../../worker/schemas/agency'
import type { Interview } from '../../../worker/schemas/interview'
import type { Api, ApiFailure } from '../api'
import { firstName, formatWhen, listNames, localInputValue } from '../format'
import { Field, type FieldControl, type FieldErrors } from './field'
import { blankPerson, InterviewerRows, type Person } from './interviewer-rows'

interface Values {
  name: string
  email: string
  roleTitle: string
  clientCompany: string
  startsAt: string
  durationMinutes: string
  format: string
  talkingPoints: string
  interviewers: Person[]
}

type TextKey = Exclude<keyof Values, 'interviewers'>

// the interview most likely just ended: it started one usual length ago, at a quarter hour
const usualMinutes = 45
const blankValues = (): Values => ({
  name: '',
  email: '',
  roleTitle: '',
  clientCompany: '',
  startsAt: localInputValue(
    new Date(Math.floor((Date.now() - usualMinutes * 60_000) / 900_000) * 900_000),
  ),
  durationMinutes: String(usualMinutes),
  format: 'video',
  talkingPoints: '',
  interviewers: [blankPerson],
})

const optional = (value: string) => value.trim() || undefined

function bodyOf(v: Values) {
  const startsAt = new Date(v.startsAt)
  return {
    candidate: { name: v.name, email: v.email },
    roleTitle: v.roleTitle,
    clientCompany: v.clientCompany,
    startsAt: isNaN(startsAt.getTime()) ? undefined : startsAt.toISOString(),
    durationMinutes: v.durationMinutes ? Number(v.durationMinutes) : undefined,
    format: v.format,
    interviewers: v.interviewers.map((p) => ({
      name: p.name,
      title: optional(p.title),
      email: optional(p.email),
    })),
    talkingPoints: optional(v.talkingPoints),
  }
}

function randomKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
}

interface Props {
  api: Api
  agency: Agency | undefined
  onLogged: () => void
  onShowList: () => void
}

export function LogForm({ api, agency, onLogged, onShowList }: Props) {
  const [values, setValues] = useState(blankValues)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [logged, setLogged] = useState<Interview>()
  const form = useRef<HTMLFormElement>(null)
  // the same body sent again (after a dropped connection) reuses its key: never two interviews
  const attempt = useRef({ body: '', key: '' })

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [errors])

  const bind = (key: TextKey) => (a11y: FieldControl) => ({
    ...a11y,
    value: values[key],
    onInput: (e: Event) =>
      setValues((v) => ({ ...v, [key]: (e.currentTarget as HTMLInputElement).value })),
  })
  const text = (
    key: TextKey,
    type: 'text' | 'email' | 'number' | 'datetime-local' = 'text',
    extra = {},
  ) =>
    function control(a11y: FieldControl) {
      return <input type={type as 'text'} {...bind(key)(a11y)} {...extra} />
    }

  async function submit(e: Event) {
    e.preventDefault()
    const body = bodyOf(values)
    const json = JSON.stringify(body)
    if (attempt.current.body !== json) attempt.current = { body: json, key: randomKey() }
    setBusy(true)
    try {
      const created = await api.post<Interview>('/v1/interviews', body, {
        'Idempotency-Key': attempt.current.key,
      })
      setErrors({})
      setProblem([])
      setLogged(created)
      onLogged()
    } catch (err) {
      const failure = err as ApiFailure
      const placed: FieldErrors = {}
      const unplaced: string[] = []
      for (const { path, message } of failure.details) {
        if (form.current?.querySelector(`[id="f-${path}"]`) || path === 'interviewers') {
          placed[path] ??= message
        } else {
          unplaced.push(path ? `${path}: ${message}` : message)
        }
      }
      setErrors(placed)
      setProblem(
        failure.details.length
          ? ['Some details need a fix before the email can go out.', ...unplaced]
          : [failure.message],
      )
    } finally {
      setBusy(false)
    }
  }

  if (logged) {
    const who = logged.candidate ? firstName(logged.candidate.name) : 'The candidate'
    const via = agency?.routingMode === 'via_recruiter' ? ', to send to you to forward' : ''
    return (
      <div class="done" role="status">
        <h2>Interview logged</h2>
        <p>
          {who} will get an email now with a short guide and a link to draft a thank-you note for{' '}
          {listNames(logged.interviewers.map((p) => p.name))}
          {via}. If no note is marked sent, {who} gets one reminder before{' '}
          {formatWhen(logged.coaching.deadline)}.
        </p>
        <p class="actions">
          <button
            type="button"
            onClick={() => {
              setValues(blankValues())
              setLogged(undefined)
            }}
          >
            Log another interview
          </button>
          <button type="button" class="secondary" onClick={onShowList}>
            See my interviews
          </button>
        </p>
      </div>
    )
  }

  return (
    <form ref={form} noValidate onSubmit={submit} aria-label="Log an interview">
      {problem.length > 0 && (
        <div class="alert" role="alert">
          {problem.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <fieldset class="grid">
        <legend>Candidate and role</legend>
        <Field
          path="candidate.name"
          label="Candidate name"
          errors={errors}
          control={text('name')}
        />
        <Field
          path="candidate.email"
          label="Candidate email"
          errors={errors}
          control={text('email', 'email', { autocomplete: 'off' })}
        />
        <Field path="roleTitle" label="Role" errors={errors} control={text('roleTitle')} />
        <Field
          path="clientCompany"
          label="Client"
          errors={errors}
          control={text('clientCompany')}
        />
      </fieldset>
      <fieldset class="grid">
        <legend>Interview</legend>
        <Field
          path="startsAt"
          label="Started at"
          errors={errors}
          control={text('startsAt', 'datetime-local')}
        />
        <Field
          path="durationMinutes"
          label="Duration (minutes)"
          errors={errors}
          control={text('durationMinutes', 'number', { min: 5, max: 480, step: 5 })}
        />
        <Field
          path="format"
          label="Format"
          errors={errors}
          control={(a11y) => (
            <select {...bind('format')(a11y)}>
              <option value="video">Video call</option>
              <option value="phone">Phone</option>
              <option value="onsite">On site</option>
            </select>
          )}
        />
      </fieldset>
      <InterviewerRows
        people={values.interviewers}
        errors={errors}
        onChange={(interviewers) => setValues((v) => ({ ...v, interviewers }))}
      />
      <Field
        path="talkingPoints"
        label="Talking points for the notes"
        optional
        wide
        errors={errors}
        control={(a11y) => <textarea rows={3} {...bind('talkingPoints')(a11y)} />}
      />
      <p class="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Logging…' : 'Log interview and email candidate'}
        </button>
      </p>
    </form>
  )
}
