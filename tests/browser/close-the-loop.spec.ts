import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { startAlertReceiver } from '../support/alert-receiver'
import { responseRecord } from '../support/wire-records'
import { callKoe } from './call-koe'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

/** Earlier answers, so that the comments have themes to rank. */
const earlier = (score: number, comment: string) =>
  responseRecord({
    score,
    comment,
    createdAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
  })

test('a detractor’s answer alerts the team, lands in the inbox, is marked contacted, and its theme filters the list', async ({
  page,
}) => {
  const receiver = await startAlertReceiver()
  try {
    await server.store.upsert([
      earlier(3, 'Late delivery and no tracking.'),
      earlier(4, 'Another late delivery.'),
      earlier(10, 'Great coffee, fast shipping.'),
      earlier(9, 'Great coffee as always.'),
    ])

    // The team adds an alert for detractors.
    await page.goto(`${server.url}/dashboard/#alerts`)
    await page.getByLabel('Name').fill('CX team')
    await page.getByLabel(/^URL \(http or https/).fill(receiver.url)
    await page.getByLabel('NPS detractors (0–6)').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await expect(page.getByRole('status')).toContainText(/whsec_[0-9a-f]{48}/)
    await expect(page.getByTestId('webhook')).toContainText('detractor')
    expect(
      (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
    ).toEqual([])

    // A customer answers 2 with a comment on the shop's thank-you page.
    const shop = await page.context().newPage()
    await shop.goto(`${server.url}/shop/thanks.html`)
    await callKoe(shop, 'identify', 'u-77', { plan: 'pro' })
    const prompt = shop.getByRole('region', { name: /recommend Koe Coffee/ })
    await prompt.getByRole('radio', { name: /^2( |$)/ }).check()
    await prompt.getByRole('textbox').fill('The late delivery spoiled the gift.')
    await prompt.getByRole('button', { name: 'Send' }).click()

    // The alert reaches the team's receiver, signed, with the comment.
    const [alert] = await receiver.waitFor(1, 15_000)
    expect(alert?.headers['koe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(JSON.parse(alert?.body as string)).toMatchObject({
      group: 'detractor',
      record: { score: 2, comment: 'The late delivery spoiled the gift.', userId: 'u-77' },
    })

    // The inbox lists it with whom to contact; it is marked contacted with a note.
    await page.goto(`${server.url}/dashboard/#inbox`)
    const item = page.getByTestId('inbox-item').filter({ hasText: 'spoiled the gift' })
    await expect(item).toContainText('User u-77 (plan: pro)')
    await item.getByLabel('Status').selectOption('contacted')
    await item.getByLabel('Note').fill('Called, sent a voucher')
    await item.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('combobox', { name: 'Status' }).first().selectOption('contacted')
    await expect(page.getByTestId('inbox-item')).toHaveCount(1)
    await expect(page.getByTestId('inbox-item').getByLabel('Note')).toHaveValue(
      'Called, sent a voucher',
    )
    await page.getByRole('combobox', { name: 'Status' }).first().selectOption('')
    // A segment: customers on the pro plan.
    await page.getByRole('textbox', { name: 'Attribute' }).fill('plan:pro')
    await page.getByRole('textbox', { name: 'Attribute' }).press('Enter')
    await expect(page.getByTestId('inbox-item')).toHaveCount(1)
    await expect(page.getByTestId('inbox-item')).toContainText('spoiled the gift')
    await page.getByRole('textbox', { name: 'Attribute' }).fill('')
    await page.getByRole('textbox', { name: 'Attribute' }).press('Enter')

    // Its theme, as unhappy customers' comments show it, filters the list.
    const theme = page.getByRole('button', { name: /^late delivery \d+$/ })
    await theme.click()
    await expect(theme).toHaveAttribute('aria-pressed', 'true')
    const listed = page.getByTestId('inbox-item')
    await expect(listed).toHaveCount(3)
    for (const text of await listed.allTextContents()) expect(text).toMatch(/late delivery/i)
    expect(
      (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
    ).toEqual([])
  } finally {
    await receiver.close()
  }
})

test('a channel for the weekly review takes the digest and score changes, not each answer', async ({
  page,
}) => {
  await page.goto(`${server.url}/dashboard/#alerts`)
  await page.getByLabel('Name').fill('Weekly review')
  await page.getByLabel(/^URL \(http or https/).fill('http://127.0.0.1:9/review')
  await page.getByLabel('Format').selectOption('slack')
  await page.getByLabel(/each answer that matches/).uncheck()
  await page.getByLabel('Digest').selectOption('week')
  await page.getByLabel(/changes significantly/).check()
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  const endpoint = page.getByTestId('webhook').filter({ hasText: 'Weekly review' })
  await expect(endpoint).toContainText('slack · weekly digest · score changes')
  await expect(endpoint).not.toContainText('answers:')
  const listed = await page.request.get(`${server.url}/api/webhooks`)
  const { webhooks } = await listed.json()
  expect(webhooks.find((w: { name: string }) => w.name === 'Weekly review')).toMatchObject({
    answers: false,
    digest: 'week',
    changes: true,
  })
  // The form is ready for the next endpoint: answers checked again, no digest.
  await expect(page.getByLabel(/each answer that matches/)).toBeChecked()
  await expect(page.getByLabel('Digest')).toHaveValue('')
  expect(
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations,
  ).toEqual([])
})
