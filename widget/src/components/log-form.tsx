import { useRef, useState } from 'preact/hooks'
import type { Agency } from '../../../worker/schemas/agency'
import type { Interview } from '../../../worker/schemas/interview'
import type { Api, ApiFailure } from '../api'
import { firstName, formatWhen, listNames } from '../format'
import {
  blankValues,
  bodyOf,
  daysLate,
  messageFor,
  problemAt,
  problemsIn,
  startFor,
  type TextPath,
  type Values,
} from '../log-values'
import { languageNames } from '../../../worker/i18n/catalog'
import { words } from '../strings'
import { useFocusLater } from '../use-focus-later'
import { Field, type FieldControl, type FieldErrors } from './field'
import { InterviewerRows } from './interviewer-rows'

interface Props {
  api: Api
  agency: Agency | undefined
  onLogged: () => void
  onShowList: () => void
}

type Label = 'candidateName' | 'candidateEmail' | 'role' | 'client'
const candidateFields: [TextPath, Label, 'text' | 'email', number][] = [
  ['candidate.name', 'candidateName', 'text', 120],
  ['candidate.email', 'candidateEmail', 'email', 254],
  ['roleTitle', 'role', 'text', 160],
  ['clientCompany', 'client', 'text', 160],
]

export function LogForm({ api, agency, onLogged, onShowList }: Props) {
  const [values, setValues] = useState(blankValues)
  // until the user sets the start, it follows the length: the interview ends as it is logged
  const [startSet, setStartSet] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const [logged, setLogged] = useState<Interview>()
  // on the form, or on the message that replaces it
  const [box, focusLater] = useFocusLater<HTMLFormElement & HTMLDivElement>()
  // the same body sent again (after a dropped connection) reuses its key: never two interviews
  const attempt = useRef({ body: '', key: '' })

  /** Takes the new values; an error shown on an edited path goes as soon as its value passes. */
  function change(next: Values, edited: string[]) {
    setValues(next)
    const left: FieldErrors = {}
    for (const [path, message] of Object.entries(errors)) {
      // an interviewer's errors stay with them when a row above is removed
      const row = /^interviewers\.(\d+)(.+)/.exec(path)
      const i = Number(row?.[1])
      const at = edited.length ? i : next.interviewers.indexOf(values.interviewers[i]!)
      if (!row) left[path] = message
      else if (at >= 0) left[`interviewers.${at}${row[2]}`] = message
    }
    for (const path of edited) if (!problemAt(path, next)) delete left[path]
    setErrors(left)
  }

  const bind = (path: TextPath) => (a11y: FieldControl) => ({
    ...a11y,
    value: values[path],
    onInput: (e: Event) => {
      const value = (e.currentTarget as HTMLInputElement).value
      const next = { ...values, [path]: value }
      if (path === 'startsAt') setStartSet(true)
      if (path === 'durationMinutes' && !startSet && !problemAt(path, next)) {
        next.startsAt = startFor(value)
      }
      change(next, [path, 'startsAt'])
    },
  })
  const text = (
    path: TextPath,
    type: 'text' | 'email' | 'number' | 'datetime-local' = 'text',
    extra = {},
  ) =>
    function control(a11y: FieldControl) {
      return <input type={type as 'text'} {...bind(path)(a11y)} {...extra} />
    }

  function showProblems(found: FieldErrors) {
    setErrors(found)
    setProblem(words().form.problems.summary!)
    focusLater('[aria-invalid="true"]')
  }

  async function submit(e: Event) {
    e.preventDefault()
    const found = problemsIn(values)
    if (Object.keys(found).length) return showProblems(found)
    const body = bodyOf(values)
    const json = JSON.stringify(body)
    if (attempt.current.body !== json) attempt.current = { body: json, key: crypto.randomUUID() }
    setBusy(true)
    try {
      const created = await api.post<Interview>('/v1/interviews', body, {
        'Idempotency-Key': attempt.current.key,
      })
      setErrors({})
      setProblem('')
      setLogged(created)
      focusLater('h2')
      onLogged()
    } catch (err) {
      const failure = err as ApiFailure
      // each on its field; one no field shows (none the form sends) leaves the summary alone
      const placed: FieldErrors = {}
      for (const { path } of failure.details) placed[path] = messageFor(path, values)
      if (failure.details.length) showProblems(placed)
      else {
        setProblem(failure.message)
        focusLater('.alert')
      }
    } finally {
      setBusy(false)
    }
  }

  const w = words().form
  const late = daysLate(values)
  // a value not chosen yet shows `shown` (the language: the agency's default, which the API applies)
  const choice = (path: TextPath, label: string, options: object, shown?: string) => (
    <Field
      path={path}
      label={label}
      errors={errors}
      control={(a11y) => (
        <select {...bind(path)(a11y)} value={values[path] || shown}>
          {Object.entries(options).map(([value, name]) => (
            <option value={value}>{name}</option>
          ))}
        </select>
      )}
    />
  )

  if (logged) {
    const who = logged.candidate ? firstName(logged.candidate.name) : w.theCandidate
    const names = listNames(logged.interviewers.map((p) => p.name))
    return (
      <div class="done" role="status" ref={box}>
        <h2 tabIndex={-1}>{w.done}</h2>
        <p>
          {w.willGetEmail(who, names, agency?.routingMode === 'via_recruiter')}
          {Date.parse(logged.coaching.deadline) > Date.now() &&
            w.reminder(who, formatWhen(logged.coaching.deadline))}
        </p>
        <p class="actions">
          <button
            type="button"
            onClick={() => {
              setValues(blankValues())
              setStartSet(false)
              setLogged(undefined)
              focusLater('input')
            }}
          >
            {w.another}
          </button>
          <button type="button" class="secondary" onClick={onShowList}>
            {w.seeList}
          </button>
        </p>
      </div>
    )
  }

  return (
    <form ref={box} noValidate onSubmit={submit} aria-label={w.name}>
      {problem && (
        <p class="alert" role="alert" tabIndex={-1}>
          {problem}
        </p>
      )}
      <fieldset class="grid">
        <legend>{w.candidateAndRole}</legend>
        {candidateFields.map(([path, label, type, max]) => (
          <Field
            key={path}
            path={path}
            label={w[label]}
            errors={errors}
            control={text(path, type, { maxLength: max, autocomplete: 'off' })}
          />
        ))}
        {choice('candidate.language', w.language, languageNames, agency?.defaultLanguage)}
      </fieldset>
      <fieldset class="grid">
        <legend>{w.interview}</legend>
        <Field
          path="startsAt"
          label={w.startedAt}
          errors={errors}
          control={text('startsAt', 'datetime-local')}
        />
        <Field
          path="durationMinutes"
          label={w.duration}
          errors={errors}
          control={text('durationMinutes', 'number', { min: 5, max: 480, step: 5 })}
        />
        {choice('format', w.format, w.formats)}
      </fieldset>
      {late > 0 && (
        <p class="notice" role="status">
          {w.late(late)}
        </p>
      )}
      <InterviewerRows
        people={values.interviewers}
        errors={errors}
        onChange={(interviewers, path) => change({ ...values, interviewers }, path ? [path] : [])}
      />
      <Field
        path="talkingPoints"
        label={w.talkingPoints}
        optional
        wide
        errors={errors}
        control={(a11y) => <textarea rows={3} maxLength={2000} {...bind('talkingPoints')(a11y)} />}
      />
      <p class="actions">
        <button type="submit" disabled={busy}>
          {busy ? w.submitting : w.submit}
        </button>
      </p>
    </form>
  )
}
