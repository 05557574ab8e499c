import { describe, expect, it } from 'vitest'
import { previousRange, wholeWeeks } from '../../worker/services/stats-range'

// The calendar arithmetic of a stats range, on fixed dates. 2026-11-30 is a Monday.

describe('wholeWeeks', () => {
  it('finds the Monday-to-Sunday weeks inside a range, whatever day it starts and ends on', () => {
    // a start on each day from Monday 2026-11-30 to Sunday 2026-12-06, ending on Sunday 2026-12-27
    const firstMonday = ['2026-11-30', ...Array(6).fill('2026-12-07')]
    for (let d = 0; d < 7; d++) {
      const from = new Date(Date.UTC(2026, 10, 30 + d)).toISOString().slice(0, 10)
      expect(wholeWeeks({ from, to: '2026-12-27' }), from).toEqual({
        from: firstMonday[d],
        end: '2026-12-28',
      })
    }
    // an end on each day from Monday 2026-12-21 to Sunday 2026-12-27, from Monday 2026-11-30
    for (let d = 0; d < 7; d++) {
      const to = new Date(Date.UTC(2026, 11, 21 + d)).toISOString().slice(0, 10)
      expect(wholeWeeks({ from: '2026-11-30', to }), to).toEqual({
        from: '2026-11-30',
        end: d === 6 ? '2026-12-28' : '2026-12-21',
      })
    }
  })

  it('finds none in a range shorter than a week or across one weekend', () => {
    for (const range of [
      { from: '2026-12-02', to: '2026-12-02' },
      { from: '2026-12-01', to: '2026-12-07' },
      { from: '2026-12-05', to: '2026-12-10' },
    ]) {
      const weeks = wholeWeeks(range)
      expect(weeks.from, range.from).toBe(weeks.end)
    }
    // exactly one week, and a year's turn
    expect(wholeWeeks({ from: '2026-11-30', to: '2026-12-06' })).toEqual({
      from: '2026-11-30',
      end: '2026-12-07',
    })
    expect(wholeWeeks({ from: '2026-12-27', to: '2027-01-11' })).toEqual({
      from: '2026-12-28',
      end: '2027-01-11',
    })
  })
})

describe('previousRange', () => {
  it('is the period of equal length that ends the day before', () => {
    expect(previousRange({ from: '2026-12-01', to: '2026-12-30' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    })
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    })
  })
})
