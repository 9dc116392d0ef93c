import AxeBuilder from '@axe-core/playwright'
import { expect as baseExpect, type Page, test } from '@playwright/test'
import { startReferenceServer } from './reference-server'

// Issue 28, as a team meets it in the dashboard: the bootstrap admin adds a viewer and an editor
// on the Team page, each signs in with a password and sees the pages of their role only, the
// editor's changes carry their name, and the audit log lists them all.

/** Waits are for conditions; this only bounds one that never comes, beside another worker. */
const expect = baseExpect.configure({ timeout: 15_000 })
const ADMIN_TOKEN = 'team-admin-token-0123456789abcdef'

const axe = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations

const nav = (page: Page) => page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link')

/** Signs in on the sign-in form, which appears once a sign-out has reached the server. */
async function signIn(page: Page, name: string, password: string) {
  const form = page.getByRole('form', { name: 'Sign in' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Password').fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
}

async function addUser(page: Page, name: string, role: string, password: string) {
  const form = page.getByRole('form', { name: 'Add a user' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('Role').selectOption(role)
  await form.getByLabel(/^Password for the dashboard/).fill(password)
  await form.getByRole('button', { name: 'Add user' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toContainText(
    `Added ${name} (${role})`,
  )
  await expect(page.getByLabel(`API token of ${name}`)).toHaveText(/^koe_[\w-]{43}$/)
}

test('an admin adds a viewer and an editor; each signs in and does what the role says; the audit log lists it', async ({
  page,
}) => {
  test.slow()
  const server = await startReferenceServer({ token: ADMIN_TOKEN })
  try {
    await page.goto(`${server.url}/dashboard/`)
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    expect(await axe(page)).toEqual([])
    await page.getByLabel('Dashboard token (KOE_DASHBOARD_TOKEN)').fill(ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Open' }).click()
    await expect(page.getByText('Signed in as admin (admin)')).toBeVisible()
    await expect(nav(page)).toHaveText([
      'Results',
      'Journey',
      'Loyalty',
      'Surveys',
      'Follow-up',
      'Alerts',
      'Privacy',
      'Team',
    ])
    await nav(page).filter({ hasText: 'Team' }).click()
    await addUser(page, 'Vic', 'viewer', 'viewer password 1')
    await addUser(page, 'Eda', 'editor', 'editor password 1')
    await expect(page.locator('tr[data-user="Vic"]')).toContainText('password or token')
    expect(await axe(page)).toEqual([])
    await page.getByRole('button', { name: 'Sign out' }).click()

    // The viewer: results and surveys to read, nothing to change.
    await signIn(page, 'Vic', 'not the password')
    await expect(page.getByRole('alert')).toHaveText('Wrong name or password.')
    await signIn(page, 'Vic', 'viewer password 1')
    await expect(page.getByText('Signed in as Vic (viewer)')).toBeVisible()
    await expect(nav(page)).toHaveText(['Results', 'Journey', 'Loyalty', 'Surveys'])
    await nav(page).filter({ hasText: 'Surveys' }).click()
    await expect(page.getByText('Your role reads surveys')).toBeVisible()
    await page.getByRole('link', { name: 'cart-abandonment-ces', exact: true }).click()
    await expect(page.getByLabel('Survey id')).toHaveValue('cart-abandonment-ces')
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0)
    await page.goto(`${server.url}/dashboard/#team`)
    await expect(page.getByRole('alert')).toContainText('This page needs the admin role')
    await page.getByRole('button', { name: 'Sign out' }).click()

    // The editor: the author of a change is the account, not a name typed in.
    await signIn(page, 'Eda', 'editor password 1')
    await expect(page.getByText('Signed in as Eda (editor)')).toBeVisible()
    await expect(nav(page)).toHaveText(['Results', 'Journey', 'Loyalty', 'Surveys', 'Follow-up'])
    await page.goto(`${server.url}/dashboard/#surveys/edit/cart-abandonment-ces`)
    await expect(page.getByLabel('Your name')).toHaveCount(0)
    await expect(page.getByText('Saved, published and paused as Eda')).toBeVisible()
    await page.getByRole('button', { name: 'Pause' }).click()
    await expect(page.getByRole('heading', { level: 2 })).toContainText('Paused')
    await page.getByRole('button', { name: 'Sign out' }).click()

    // Back as the admin: the audit log has every change, and a revoked user is out at once.
    await page.getByLabel('Dashboard token (KOE_DASHBOARD_TOKEN)').fill(ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Open' }).click()
    await page.goto(`${server.url}/dashboard/#team`)
    const audit = page.getByRole('table', { name: /Audit log/ }).getByRole('row')
    await expect(audit.nth(1)).toContainText('Eda (editor)')
    await expect(audit.nth(1)).toContainText('survey.pause')
    await expect(audit.nth(1)).toContainText('cart-abandonment-ces')
    await expect(audit.nth(2)).toContainText('user.add')
    await expect(audit.nth(2)).toContainText('Eda (editor)')
    await expect(audit.nth(3)).toContainText('Vic (viewer)')
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Revoke Vic' }).click()
    await expect(page.locator('tr[data-user="Vic"]')).toContainText('revoked')
    const signInAsVic = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ name: 'Vic', password: 'viewer password 1' }),
    })
    expect(signInAsVic.status).toBe(401)
  } finally {
    await server.close()
  }
})
