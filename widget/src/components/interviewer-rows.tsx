import { Field, type FieldErrors } from './field'

export interface Person {
  name: string
  title: string
  email: string
}

export const blankPerson: Person = { name: '', title: '', email: '' }
export const maxInterviewers = 10

/** Each interviewer's fields, in order. */
const personFields: { key: keyof Person; label: string; optional?: true; type?: 'email' }[] = [
  { key: 'name', label: 'Name' },
  { key: 'title', label: 'Job title', optional: true },
  { key: 'email', label: 'Email', optional: true, type: 'email' },
]

interface Props {
  people: Person[]
  errors: FieldErrors
  onChange: (people: Person[]) => void
}

/** One row per interviewer (1–10): each gets their own drafted note. */
export function InterviewerRows({ people, errors, onChange }: Props) {
  const edit = (i: number, key: keyof Person, value: string) =>
    onChange(people.map((p, j) => (j === i ? { ...p, [key]: value } : p)))
  const input = (i: number, key: keyof Person, type: 'text' | 'email' = 'text') =>
    function control(a11y: object) {
      return (
        <input
          {...a11y}
          type={type as 'text'}
          value={people[i]![key]}
          onInput={(e) => edit(i, key, e.currentTarget.value)}
        />
      )
    }

  return (
    <fieldset class="people">
      <legend>Interviewers</legend>
      {people.map((_, i) => (
        <fieldset key={i} class="person">
          <legend class="sr">Interviewer {i + 1}</legend>
          {personFields.map(({ key, label, optional, type }) => (
            <Field
              key={key}
              path={`interviewers.${i}.${key}`}
              label={
                <>
                  <span class="sr">Interviewer {i + 1} </span>
                  {label}
                </>
              }
              optional={optional}
              errors={errors}
              control={input(i, key, type)}
            />
          ))}
          {people.length > 1 && (
            <button
              type="button"
              class="link"
              aria-label={`Remove interviewer ${i + 1}`}
              onClick={() => onChange(people.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          )}
        </fieldset>
      ))}
      {errors.interviewers && <p class="error">{errors.interviewers}</p>}
      <button
        type="button"
        class="secondary"
        disabled={people.length >= maxInterviewers}
        onClick={() => onChange([...people, blankPerson])}
      >
        Add interviewer
      </button>
    </fieldset>
  )
}
