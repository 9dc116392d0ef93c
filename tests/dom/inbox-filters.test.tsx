// The inbox's text filters while earlier choices are still loading (a loaded CI run failed in
// close-the-loop.spec.ts, issue 27): an answer arriving while the support agent types redrew the
// Attribute field from the last query and wiped what they had typed, so Enter filtered nothing.
import { h, render } from 'preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InboxItem } from '../../packages/koe-collector/src/contract/inbox'
import { InboxView } from '../../packages/koe-collector/src/dashboard/inbox-view'
import { type Held, holdRequests } from './held-requests'

const item = (id: string): InboxItem => ({
  id,
  surveyId: 's',
  type: 'nps',
  score: 2,
  group: 'detractor',
  comment: `comment ${id}`,
  locale: 'en',
  createdAt: '2026-12-01T10:00:00.000Z',
  userId: null,
  attributes: null,
  status: 'new',
  note: null,
})

/** Answers one load's two requests: the inbox with `items`, and its themes. */
const answer = (load: Held[], items: InboxItem[]) =>
  Promise.all(
    load.map((request) =>
      request.answer(
        request.url.pathname === '/api/inbox'
          ? { items, next: null }
          : { negative: [], positive: [] },
      ),
    ),
  )

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the inbox filters', () => {
  it('keeps what the agent types while an earlier choice’s answer arrives', async () => {
    const held = holdRequests()
    const root = document.createElement('div')
    document.body.append(root)
    render(h(InboxView, { surveys: ['s'] }), root)
    const listed = () => root.querySelectorAll('ul.inbox > li').length

    await vi.waitFor(() => expect(held).toHaveLength(2))
    await answer(held.slice(0, 2), [item('a'), item('b'), item('c')])
    await vi.waitFor(() => expect(listed()).toBe(3))

    // A status is chosen; its answer is still on the way when the agent types an attribute.
    const field = <T extends Element>(selector: string, label: string) =>
      [...root.querySelectorAll<T>(selector)].find((el) =>
        el.closest('label')?.textContent?.startsWith(label),
      ) as T
    const status = field<HTMLSelectElement>('form.filters select', 'Status')
    status.value = 'new'
    status.dispatchEvent(new Event('change', { bubbles: true }))
    await vi.waitFor(() => expect(held).toHaveLength(4))
    const attribute = field<HTMLInputElement>('form.filters input', 'Attribute')
    attribute.value = 'plan:pro'
    attribute.dispatchEvent(new Event('input', { bubbles: true }))
    await answer(held.slice(2, 4), [item('a'), item('b'), item('c')])
    await new Promise((resolve) => setTimeout(resolve, 0)) // the view redraws

    // Enter commits the field.
    attribute.dispatchEvent(new Event('change', { bubbles: true }))
    await vi.waitFor(() => expect(held).toHaveLength(6))
    const inbox = held.slice(4).find((request) => request.url.pathname === '/api/inbox')
    expect(inbox?.url.searchParams.get('attribute')).toBe('plan:pro')
    expect(inbox?.url.searchParams.get('status')).toBe('new')
    expect(attribute.value).toBe('plan:pro')
    await answer(held.slice(4, 6), [item('a')])
    await vi.waitFor(() => expect(listed()).toBe(1))

    // Two choices before the view has redrawn: the second asks for both.
    const group = field<HTMLSelectElement>('form.filters select', 'Group')
    group.value = 'detractor'
    group.dispatchEvent(new Event('change', { bubbles: true }))
    attribute.value = 'plan:free'
    attribute.dispatchEvent(new Event('change', { bubbles: true }))
    await vi.waitFor(() => expect(held).toHaveLength(10))
    const both = held.slice(8).find((request) => request.url.pathname === '/api/inbox')
    expect(Object.fromEntries(both?.url.searchParams ?? [])).toEqual({
      status: 'new',
      group: 'detractor',
      attribute: 'plan:free',
    })
    render(null, root)
    root.remove()
  })
})
