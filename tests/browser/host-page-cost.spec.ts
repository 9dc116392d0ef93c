// What Koe costs a page where it has nothing to do (issue 18): one storage transaction, and no
// listener, channel or history wrapper that no configured trigger needs.
import { expect, type Page, test } from '@playwright/test'
import { callKoe } from './call-koe'
import { openPromptPage } from './prompt-page'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

/** What the page saw Koe do, recorded by {@link watchKoe}. */
interface Cost {
  /** `database:mode` of every IndexedDB transaction. */
  transactions: string[]
  /** Event types listened to on window and document. */
  listeners: string[]
  channels: number
  historyWrapped: boolean
}

/** Records, from before any script of the page runs, what the page's scripts ask of the browser. */
async function watchKoe(page: Page) {
  await page.addInitScript(() => {
    const cost = { transactions: [] as string[], listeners: [] as string[], channels: 0 }
    ;(window as unknown as { cost: typeof cost }).cost = cost
    const transaction = IDBDatabase.prototype.transaction
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args) {
      cost.transactions.push(`${this.name}:${args[1] ?? 'readonly'}`)
      return transaction.apply(this, args)
    } as typeof transaction
    const add = EventTarget.prototype.addEventListener
    EventTarget.prototype.addEventListener = function (this: EventTarget, ...args) {
      if (this === window || this === document) cost.listeners.push(args[0])
      return add.apply(this, args)
    } as typeof add
    const Channel = BroadcastChannel
    window.BroadcastChannel = class extends Channel {
      constructor(name: string) {
        super(name)
        cost.channels++
      }
    }
    const pushState = history.pushState
    Object.defineProperty(window, 'historyWrapped', { get: () => history.pushState !== pushState })
  })
}

/** What Koe did on the page so far, once the idle work it defers (at most 2 s) has run. */
async function costAfterIdle(page: Page): Promise<Cost> {
  await page.waitForTimeout(2_500)
  return page.evaluate(() => ({
    ...(window as unknown as { cost: Omit<Cost, 'historyWrapped'> }).cost,
    historyWrapped: (window as unknown as { historyWrapped: boolean }).historyWrapped,
  }))
}

const NOTHING_TO_DO = {
  transactions: ['koe-state:readonly'],
  listeners: [],
  channels: 0,
  historyWrapped: false,
}

test('a page where no survey can show: after the first visit, one storage read and no listener', async ({
  page,
}) => {
  await watchKoe(page)
  await openPromptPage(page, server, {
    config: {
      surveys: [
        // Phones only, on a desktop: its exit-intent listeners are not needed here.
        {
          id: 'phones',
          type: 'nps',
          trigger: { exitIntent: true },
          audience: { device: ['mobile'] },
        },
        // German pages only, on an English one: no route watching for its pageview trigger.
        { id: 'german', type: 'ces', trigger: { pageview: '/*' }, audience: { locale: ['de'] } },
      ],
    },
  })
  // The first visit stores the anonymous id and marks the queue empty without opening it: on a
  // device new to Koe, earlier pages left nothing in it.
  const first = await costAfterIdle(page)
  expect(first.transactions.sort()).toEqual([
    'koe-state:readonly',
    'koe-state:readwrite',
    'koe-state:readwrite',
  ])
  await page.reload()
  expect(await costAfterIdle(page)).toEqual(NOTHING_TO_DO)
  // Koe is still there for what the page asks of it.
  expect((await callKoe<{ reasons: string[] }>(page, 'explain', 'phones')).reasons).toEqual([
    'device desktop not in audience.device',
  ])
})

test('a new device whose first page shows a prompt nobody answers: the display is sent from that page, and the next page reads koe-state once', async ({
  page,
}) => {
  await watchKoe(page)
  await openPromptPage(page, server, {
    config: { surveys: [{ id: 'ignored', type: 'nps', trigger: { pageview: '/*' } }] },
  })
  await expect(page.locator('koe-prompt')).toHaveCount(1)
  await costAfterIdle(page)
  // Sent at the page's idle moment, not left for the next page to find.
  expect(await server.store.records({ surveyId: 'ignored', kind: 'display' })).toHaveLength(1)
  await page.reload()
  // Shown once per page view at most, and throttled now: the page has nothing to do.
  const next = await costAfterIdle(page)
  expect(next.transactions).toEqual(['koe-state:readonly'])
  await expect(page.locator('koe-prompt')).toHaveCount(0)
})

test('a survey that can show adds the listeners of its trigger, nothing else', async ({ page }) => {
  await watchKoe(page)
  await openPromptPage(page, server, {
    config: { surveys: [{ id: 'leaving', type: 'nps', trigger: { exitIntent: true } }] },
  })
  await costAfterIdle(page)
  await page.reload()
  const cost = await costAfterIdle(page)
  expect(cost.transactions).toEqual(['koe-state:readonly'])
  // Exit intent and activity (page-signals.ts); one channel to hear the other tabs.
  expect(cost.listeners.sort()).toEqual(
    ['keydown', 'mouseout', 'pointerdown', 'pointermove', 'scroll', 'touchstart'].concat(
      'visibilitychange',
    ),
  )
  expect(cost.channels).toBe(1)
  expect(cost.historyWrapped).toBe(false)
})

test('an answer the collector did not take is sent from the next page; after that the queue is left alone', async ({
  page,
}) => {
  await watchKoe(page)
  const surveys = [{ id: 'asked', type: 'nps', trigger: { event: 'never' } }]
  // Nothing listens on port 9: every send fails, the tab's last one at pagehide too.
  await openPromptPage(page, server, {
    config: { surveys, endpoint: 'http://127.0.0.1:9/collect' },
  })
  await callKoe(page, 'show', 'asked')
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: /^8$/ }).click()
  await dialog.getByRole('button', { name: 'Close' }).click()
  // The collector is reachable from the next page on: it finds the answer through the marker.
  await openPromptPage(page, server, { config: { surveys } })
  await expect
    .poll(async () => (await server.store.records({ surveyId: 'asked', kind: 'response' })).length)
    .toBe(1)
  await costAfterIdle(page)
  await page.reload()
  expect((await costAfterIdle(page)).transactions).toEqual(['koe-state:readonly'])
})

test('after a page whose answer reached the collector, the next page reads koe-state once and nothing else', async ({
  page,
}) => {
  await watchKoe(page)
  await openPromptPage(page, server, {
    config: { surveys: [{ id: 'answered', type: 'nps', trigger: { event: 'never' } }] },
  })
  await costAfterIdle(page)
  await callKoe(page, 'show', 'answered')
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('radio', { name: /^9$/ }).click()
  await dialog.getByRole('button', { name: 'Send' }).click()
  await expect
    .poll(async () => (await server.store.records({ surveyId: 'answered' })).length)
    .toBe(2)
  await costAfterIdle(page)
  await page.reload()
  expect(await costAfterIdle(page)).toEqual(NOTHING_TO_DO)
})
