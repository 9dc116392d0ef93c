// Patterns from a survey run on every page of the host site: they must never freeze it (issue 27).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guardSurvey } from '../../src/config/guard-survey'
import { partitionSurveys } from '../../src/config/partition-surveys'
import { validateLibrarySurvey } from '../../src/config/validate-library-survey'
import { surveyErrors } from '../../src/config/validate-survey'
import { canBacktrack, matchesUrl } from '../../src/triggers/url-pattern'

/** The glob as the regular expression it used to be compiled to: the reference for matching. */
const asRegex = (glob: string) =>
  new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  )

describe('globs', () => {
  it('match the whole path, * standing for any characters', () => {
    const cases: [string, string, boolean][] = [
      ['/a/*', '/a/b', true],
      ['/a/*', '/a', false],
      ['*', '/', true],
      ['/*/*/thanks', '/x/y/thanks', true],
      ['/*/*/thanks', '/x/thanks', false],
      ['/a*b*c', '/abc', true],
      ['/a*a', '/a', false],
      ['/cart', '/cart', true],
      ['/cart', '/cart/', false],
      ['*.html', '/x.html', true],
      ['/(x)+?', '/(x)+?', true],
    ]
    for (const [glob, path, expected] of cases)
      expect(matchesUrl(glob, path), `${glob} ${path}`).toBe(expected)
  })

  it('agree with the regular expression they stand for, on any glob and path', () => {
    const text = fc.stringMatching(/^[/ab*.]{0,12}$/)
    fc.assert(
      fc.property(text, fc.stringMatching(/^[/ab.]{0,16}$/), (glob, path) => {
        expect(matchesUrl(glob, path)).toBe(asRegex(glob).test(path))
      }),
      { numRuns: 5_000 },
    )
  })

  it('take time linear in the path: an 8-star glob on a long path that almost matches', () => {
    // As a regular expression, this glob took 2.4 s on a 246-character path; on this one it would
    // not end within the test's time limit. Without backtracking it is one scan per part.
    const path = `/${'a/'.repeat(20_000)}thank`
    expect(matchesUrl('/*/*/*/*/*/*/*/*/thanks', path)).toBe(false)
    expect(matchesUrl('/*/*/*/*/*/*/*/*/thank', path)).toBe(true)
  })
})

describe('regular expressions that can backtrack catastrophically', () => {
  it('are recognised: any repeated group (the only way to nest repeats or repeat an alternation) and backreferences', () => {
    for (const source of [
      '^(a+)+$',
      '(a|a)*',
      '(\\w+\\s?)*$',
      '((a)+)+',
      '((ab)*c)*',
      '(a)\\1',
      '(.*){2,}',
      '(x(a|aa))+',
      '(?<n>a)\\k<n>',
    ])
      expect(canBacktrack(source), source).toBe(true)
    for (const source of [
      '^/cart',
      '^/(en|ja)/products/[^/]+$',
      '^/p/\\d+/r/\\d+$',
      '[(a+)+]',
      '\\(a+\\)+',
      '(?:a+)?',
      '^/(a|b)/',
      '[\\])+]',
    ])
      expect(canBacktrack(source), source).toBe(false)
  })

  it('are refused by the library’s validator, so the editor never saves one and the collector never serves one', () => {
    const survey = (regex: string) => ({
      id: 's',
      type: 'nps',
      trigger: { pageview: { regex } },
      audience: { url: [{ regex }], excludeUrl: ['/admin/*', { regex }] },
    })
    const refused = validateLibrarySurvey(survey('^(a+)+$'))
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.errors.map((e) => e.field)).toEqual([
        'trigger.pageview',
        'audience.url.0',
        'audience.excludeUrl.1',
      ])
      for (const error of refused.errors) expect(error.message).toContain('repeated (group)')
    }
    expect(validateLibrarySurvey(survey('^/checkout/thanks$')).ok).toBe(true)
    // Other mistakes are the SDK's validator's, as before.
    expect(validateLibrarySurvey({ ...survey('^/a'), type: 'x' }).ok).toBe(false)
  })

  it.each([
    ['the npm module', surveyErrors],
    ['the script tag', guardSurvey],
  ])(
    'are refused by %s when it loads a survey file from elsewhere, with the field named',
    (_, check) => {
      const { surveys, _problems } = partitionSurveys(
        [
          { id: 'slow', type: 'nps', trigger: { pageview: { regex: '^(a+)+$' } } },
          { id: 'fine', type: 'nps', trigger: { pageview: { regex: '^/checkout/thanks$' } } },
          {
            id: 'ref',
            type: 'nps',
            trigger: { event: 'x' },
            audience: { url: [{ regex: '(a)\\1' }] },
          },
          {
            id: 'broken',
            type: 'nps',
            trigger: { event: 'x' },
            audience: { excludeUrl: [{ regex: '(' }] },
          },
        ],
        check,
      )
      expect(surveys.map((s) => s.id)).toEqual(['fine'])
      expect(_problems).toEqual([
        expect.stringMatching(/^survey "slow" is ignored: "trigger.pageview"/),
        expect.stringMatching(/^survey "ref" is ignored: "audience.url(.0)?"/),
        expect.stringMatching(/^survey "broken" is ignored: "audience.excludeUrl(.0)?"/),
      ])
    },
  )
})
