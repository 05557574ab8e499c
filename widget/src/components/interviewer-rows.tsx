import { blankPerson, type Person } from '../log-values'
import { words } from '../strings'
import { useFocusLater } from '../use-focus-later'
import { Field, type FieldErrors } from './field'

export const maxInterviewers = 10

/** Each interviewer's fields, in order. */
const personFields: {
  key: keyof Person
  label: 'personName' | 'personTitle' | 'personEmail'
  optional?: true
  type?: 'email'
}[] = [
  { key: 'name', label: 'personName' },
  { key: 'title', label: 'personTitle', optional: true },
  { key: 'email', label: 'personEmail', optional: true, type: 'email' },
]
const nameOf = (i: number) => `[id="f-interviewers.${i}.name"]`

interface Props {
  people: Person[]
  errors: FieldErrors
  /** `path` names the value edited; none when a row was added or removed */
  onChange: (people: Person[], path?: string) => void
}

/** One row per interviewer (1–10): each gets their own drafted note. */
export function InterviewerRows({ people, errors, onChange }: Props) {
  const [root, focusLater] = useFocusLater<HTMLFieldSetElement>()
  const edit = (i: number, key: keyof Person, value: string) =>
    onChange(
      people.map((p, j) => (j === i ? { ...p, [key]: value } : p)),
      `interviewers.${i}.${key}`,
    )
  const input = (i: number, key: keyof Person, type: 'text' | 'email' = 'text') =>
    function control(a11y: object) {
      return (
        <input
          {...a11y}
          type={type as 'text'}
          value={people[i]![key]}
          maxLength={key === 'email' ? 254 : 120}
          onInput={(e) => edit(i, key, e.currentTarget.value)}
        />
      )
    }

  const w = words().form
  return (
    <fieldset class="people" ref={root}>
      <legend>{w.interviewers}</legend>
      {people.map((_, i) => (
        <fieldset key={i} class="person">
          <legend class="sr">{w.interviewer(i + 1)}</legend>
          {personFields.map(({ key, label, optional, type }) => (
            <Field
              key={key}
              path={`interviewers.${i}.${key}`}
              label={
                <>
                  <span class="sr">{w.interviewer(i + 1)} </span>
                  {w[label]}
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
              aria-label={w.removeInterviewer(i + 1)}
              onClick={() => {
                // to the row before, or to the button that adds one back
                focusLater(i ? nameOf(i - 1) : '.add')
                onChange(people.filter((_, j) => j !== i))
              }}
            >
              {w.remove}
            </button>
          )}
        </fieldset>
      ))}
      {errors.interviewers && <p class="error">{errors.interviewers}</p>}
      <button
        type="button"
        class="secondary add"
        disabled={people.length >= maxInterviewers}
        onClick={() => {
          focusLater(nameOf(people.length))
          onChange([...people, blankPerson()])
        }}
      >
        {w.addInterviewer}
      </button>
    </fieldset>
  )
}
