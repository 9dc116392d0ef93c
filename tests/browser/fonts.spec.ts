import { expect, test } from '@playwright/test'
import { useReferenceServer } from './reference-server'

const server = useReferenceServer()

test('the Japanese demo draws its text with a Japanese font, even on a machine without one', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('shop-lang', 'ja'))
  await page.goto(`${server.url}/shop/thanks.html`)
  await page.getByRole('region', { name: /Koe Coffee/ }).waitFor()
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => document.fonts.ready)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true })
  // Text that is Japanese only: the page's heading (bold) and paragraph, and the prompt's Send
  // button inside its shadow root.
  const fontsOf = async (selector: string, within = root.nodeId) => {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: within, selector })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    return fonts
  }
  const host = await cdp.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector: '[data-koe-survey]',
  })
  const { node } = await cdp.send('DOM.describeNode', {
    nodeId: host.nodeId,
    depth: 1,
    pierce: true,
  })
  const shadow = node.shadowRoots?.[0]?.backendNodeId
  const [shadowId] = (
    await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [shadow as number] })
  ).nodeIds
  // Either the demo's web font (Noto Sans JP from npm) or a Japanese font of the system: never
  // a Latin font drawing empty boxes. Each subset of the web font loads when its glyphs are first
  // laid out, so this is polled.
  const latinOnly = async () => {
    const wrong: string[] = []
    for (const [name, fonts] of [
      ['h2', await fontsOf('h2')],
      ['main p', await fontsOf('main p')],
      ['.send', await fontsOf('.send', shadowId)],
    ] as const) {
      for (const font of fonts)
        if (!font.isCustomFont && !/CJK|JP|Hiragino|Gothic|Mincho|Meiryo/.test(font.familyName))
          wrong.push(`${name}: ${font.familyName}`)
    }
    return wrong
  }
  await expect.poll(latinOnly, { timeout: 15_000 }).toEqual([])
})
