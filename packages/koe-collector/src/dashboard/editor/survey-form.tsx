import { Fragment, h } from 'preact'
import type { ConfigIssue } from '../../../../../src/config/config-error'
import { SHIPPED_LOCALES } from '../../../../../src/config/resolve-locale'
import { isByGroup } from '../../../../../src/config/score-groups'
import type { Lang } from './describe-trigger'
import { STRINGS } from './editor-strings'
import { DraftInput, Field, patternOf, patternText, shown, typed, typedValue } from './fields'
import { NamedRows } from './named-rows'
import { type Draft, getPath, setPath } from './survey-paths'

/** Texts edited per language. */
const TEXTS = ['question', 'followUp', 'thanks'] as const

/** Each kind of trigger the SDK has, the key that names it, and what a new one starts as. */
const KINDS = [
  ['post-purchase', 'kindPostPurchase', { preset: 'post-purchase' }],
  ['cart-abandonment', 'kindCart', { preset: 'cart-abandonment' }],
  ['event', 'kindEvent', { event: '' }],
  ['pageview', 'kindPageview', { pageview: '/' }],
  ['exitIntent', 'kindExit', { exitIntent: true }],
  ['idle', 'kindIdle', { idle: 30_000 }],
  ['timeOnPage', 'kindTime', { timeOnPage: 30_000 }],
  ['scrollDepth', 'kindScroll', { scrollDepth: 0.5 }],
] as const

/** The kind of a trigger, by the key it has. */
function kindOf(trigger: unknown): string {
  const t = (trigger ?? {}) as Record<string, unknown>
  if (typeof t.preset === 'string') return t.preset
  return KINDS.find(([kind]) => kind in t)?.[0] ?? 'event'
}

/** Operators of a condition row, and the JSON each writes. */
const OPERATORS = ['=', '≥', '≤', 'exists'] as const
type Operator = (typeof OPERATORS)[number]

function rowOf(value: unknown): { op: Operator; text: string } | null {
  if (typeof value !== 'object' || value === null) return { op: '=', text: String(value) }
  const keys = Object.keys(value)
  const v = value as Record<string, unknown>
  if (keys.length !== 1) return null
  if ('gte' in v) return { op: '≥', text: String(v.gte) }
  if ('lte' in v) return { op: '≤', text: String(v.lte) }
  if (v.exists === true) return { op: 'exists', text: '' }
  return null
}

function conditionOf(op: Operator, text: string): unknown {
  if (op === '≥') return { gte: typed(text) ?? 0 }
  if (op === '≤') return { lte: typed(text) ?? 0 }
  if (op === 'exists') return { exists: true }
  return typedValue(text)
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}

/** The languages a survey's texts are written in, English and Japanese first. */
export function languagesOf(draft: Draft, extra: string[]): string[] {
  const found = new Set<string>(extra)
  for (const name of TEXTS) {
    const value = draft[name]
    if (typeof value === 'object' && value !== null && !isByGroup(value))
      for (const locale of Object.keys(value)) found.add(locale)
  }
  const order = (l: string) => (l === 'en' ? 0 : l === 'ja' ? 1 : 2)
  return [...found].sort((a, b) => order(a) - order(b) || a.localeCompare(b))
}

export interface SurveyFormProps {
  draft: Draft
  /** Applies a change to the latest draft. */
  onChange: (update: (draft: Draft) => Draft) => void
  lang: Lang
  /** The errors to show, by the form field they belong to. */
  errorsAt: (field: string) => ConfigIssue[]
  isNew: boolean
  languages: string[]
  onAddLanguage: (locale: string) => void
  onRemoveLanguage: (locale: string) => void
}

/**
 * The survey as a form, for someone who has never seen the JSON: every field the survey JSON has
 * (docs/survey-json.md), each with a line of plain words. The form edits the JSON object itself,
 * so the JSON view and the form can never disagree.
 */
export function SurveyForm(props: SurveyFormProps) {
  const { draft, lang, errorsAt, languages } = props
  const t = STRINGS[lang].ui
  /**
   * Sets a field of the latest draft (not of this render's: two events can come before the next
   * render, and the second must not undo the first). A function gets the field's current value.
   */
  const set = (path: string, value: unknown) =>
    props.onChange((d) =>
      setPath(d, path, typeof value === 'function' ? value(getPath(d, path)) : value),
    )
  const get = (path: string) => getPath(draft, path)
  const field = (name: string) => ({ name, lang, errors: errorsAt(name) })
  /** What a {@link NamedRows} editor of the object at `path` needs from the form. */
  const rowsField = (path: string) => ({
    path,
    legend: STRINGS[lang].fields[path]?.label,
    removeLabel: t.remove,
    onChange: (change: (rows: Record<string, unknown>) => unknown) =>
      set(path, (current: unknown) => change(asRecord(current))),
  })
  const trigger = (draft.trigger ?? {}) as Record<string, unknown>
  const kind = kindOf(trigger)
  const type = draft.type === 'ces' ? 'ces' : 'nps'

  const numberField = (name: string, unit = 1, step = 'any') => (
    <Field
      {...field(name)}
      control={(p) => (
        <DraftInput
          {...p}
          inputMode={step === '1' ? 'numeric' : 'decimal'}
          value={get(name)}
          format={(v) => shown(v, unit)}
          parse={(text) => typed(text, unit)}
          onCommit={(v) => set(name, v)}
        />
      )}
    />
  )
  const textField = (name: string, placeholder = '') => (
    <Field
      {...field(name)}
      control={(p) => (
        <input
          {...p}
          type="text"
          placeholder={placeholder}
          value={String(get(name) ?? '')}
          onInput={(e) => set(name, e.currentTarget.value || undefined)}
        />
      )}
    />
  )
  const patternField = (name: string, placeholder: string) => (
    <Field
      {...field(name)}
      control={(p) => (
        <input
          {...p}
          type="text"
          placeholder={placeholder}
          value={patternText(get(name))}
          onInput={(e) =>
            set(name, e.currentTarget.value ? patternOf(e.currentTarget.value) : undefined)
          }
        />
      )}
    />
  )
  const patternList = (name: string) => (
    <Field
      {...field(name)}
      control={(p) => (
        <DraftInput
          {...p}
          multiline={true}
          rows={2}
          value={get(name)}
          format={(v) => ((v as unknown[]) ?? []).map(patternText).join('\n')}
          parse={(text) => {
            const lines = text.split('\n').filter((line) => line.trim())
            return lines.length ? lines.map(patternOf) : undefined
          }}
          onCommit={(v) => set(name, v)}
        />
      )}
    />
  )
  /** A text per language; `""` stays (the validator says it is empty), a missing one is marked. */
  const texts = (name: (typeof TEXTS)[number]) => {
    const value = draft[name]
    if (typeof value === 'string')
      return (
        <Field
          {...field(name)}
          label={`${STRINGS[lang].fields[name]?.label} (${t.everyLanguage})`}
          control={(p) => (
            <input
              {...p}
              type="text"
              value={value}
              onInput={(e) => set(name, e.currentTarget.value)}
            />
          )}
        />
      )
    return languages.map((locale) => {
      const text = (value as Record<string, string> | undefined)?.[locale]
      return (
        <Field
          key={locale}
          {...field(`${name}.${locale}`)}
          label={`${STRINGS[lang].fields[name]?.label} · ${locale}${text === undefined ? ` (${t.missing})` : ''}`}
          help={null}
          control={(p) => (
            <input
              {...p}
              type="text"
              lang={locale}
              value={text ?? ''}
              onInput={(e) => {
                const typedText = e.currentTarget.value
                set(name, (current: unknown) => ({ ...asRecord(current), [locale]: typedText }))
              }}
            />
          )}
        />
      )
    })
  }

  const followUp = draft.followUp
  const followMode =
    followUp === undefined || followUp === true
      ? 'default'
      : followUp === false
        ? 'none'
        : typeof followUp === 'object' && followUp !== null && isByGroup(followUp)
          ? 'groups'
          : 'own'
  const where = (trigger.where ?? {}) as Record<string, unknown>
  const attributes = (get('audience.attributes') ?? {}) as Record<string, unknown>
  const devices = (get('audience.device') as string[] | undefined) ?? []

  return (
    <div class="survey-form">
      <fieldset>
        <legend>{t.sectionTexts}</legend>
        <Field
          {...field('id')}
          control={(p) => (
            <input
              {...p}
              type="text"
              disabled={!props.isNew}
              value={String(draft.id ?? '')}
              onInput={(e) => set('id', e.currentTarget.value)}
            />
          )}
        />
        <Field
          {...field('type')}
          control={(p) => (
            <select
              {...p}
              value={type}
              onChange={(e) => {
                const chosen = e.currentTarget.value
                props.onChange((d) => {
                  const next = setPath(d, 'type', chosen)
                  return chosen === 'nps' ? setPath(next, 'scale', undefined) : next
                })
              }}
            >
              <option value="nps">NPS (0–10)</option>
              <option value="ces">CES</option>
            </select>
          )}
        />
        {type === 'ces' ? (
          <Field
            {...field('scale')}
            control={(p) => (
              <select
                {...p}
                value={String(draft.scale ?? '')}
                onChange={(e) =>
                  set('scale', e.currentTarget.value ? Number(e.currentTarget.value) : undefined)
                }
              >
                <option value="">7 ({t.default})</option>
                <option value="7">7</option>
                <option value="5">5</option>
              </select>
            )}
          />
        ) : null}
        <div class="languages" data-field="languages">
          <span>{t.languages}:</span>
          {languages.map((locale) => (
            <span class="language" key={locale}>
              {locale}
              <button
                type="button"
                class="link"
                aria-label={`${t.remove} ${locale}`}
                onClick={() => props.onRemoveLanguage(locale)}
              >
                ×
              </button>
            </span>
          ))}
          <label>
            {t.addLanguage}
            <select
              value=""
              onChange={(e) => {
                if (e.currentTarget.value) props.onAddLanguage(e.currentTarget.value)
              }}
            >
              <option value="">…</option>
              {SHIPPED_LOCALES.filter((l) => !languages.includes(l)).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
        {texts('question')}
        <Field
          {...field('followUp')}
          control={(p) => (
            <select
              {...p}
              value={followMode}
              onChange={(e) => {
                const mode = e.currentTarget.value
                set(
                  'followUp',
                  mode === 'default'
                    ? true
                    : mode === 'none'
                      ? false
                      : Object.fromEntries(languages.map((l) => [l, ''])),
                )
              }}
            >
              <option value="default">{t.defaultWording}</option>
              <option value="own">{t.ownWording}</option>
              <option value="none">{t.noComment}</option>
              {followMode === 'groups' ? <option value="groups">{t.byGroup}</option> : null}
            </select>
          )}
        />
        {followMode === 'own' ? (
          texts('followUp')
        ) : followMode === 'groups' ? (
          <p class="help">{t.byGroup}</p>
        ) : null}
        {typeof draft.thanks === 'object' && draft.thanks !== null && isByGroup(draft.thanks) ? (
          <p class="help">{t.byGroup}</p>
        ) : draft.thanks === undefined ? (
          <button
            type="button"
            onClick={() => set('thanks', Object.fromEntries(languages.map((l) => [l, ''])))}
          >
            {t.add}: {STRINGS[lang].fields.thanks?.label}
          </button>
        ) : (
          <div>
            {texts('thanks')}
            <button type="button" onClick={() => set('thanks', undefined)}>
              {t.remove}: {STRINGS[lang].fields.thanks?.label}
            </button>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{t.sectionWhen}</legend>
        <Field
          {...field('trigger')}
          control={(p) => (
            <select
              {...p}
              value={kind}
              onChange={(e) => {
                const made = KINDS.find(([k]) => k === e.currentTarget.value)?.[2] ?? {}
                // A new kind of trigger keeps the wait already set.
                set('trigger', (current: unknown) => {
                  const { delay } = asRecord(current)
                  return delay === undefined ? { ...made } : { ...made, delay }
                })
              }}
            >
              {KINDS.map(([k, key]) => (
                <option key={k} value={k}>
                  {t[key]}
                </option>
              ))}
            </select>
          )}
        />
        {kind === 'post-purchase' ? patternField('trigger.url', '/checkout/thanks*') : null}
        {kind === 'cart-abandonment' ? (
          <Field
            {...field('trigger.idle')}
            label={t.cartIdle}
            control={(p) => (
              <DraftInput
                {...p}
                inputMode="decimal"
                value={trigger.idle}
                format={(v) => shown(v, 1000)}
                parse={(text) => typed(text, 1000)}
                onCommit={(v) => set('trigger.idle', v)}
              />
            )}
          />
        ) : null}
        {kind === 'event' ? textField('trigger.event', 'purchase_completed') : null}
        {kind === 'event' ? (
          <NamedRows
            {...rowsField('trigger.where')}
            help={STRINGS[lang].fields['trigger.where']?.help}
            rows={where}
            nameLabel={t.property}
            addLabel={t.addCondition}
            value={(value, index, commit) => {
              const row = rowOf(value)
              if (!row) return <span class="help">{t.complex}</span>
              return (
                <>
                  <select
                    aria-label={`${t.operator} ${index + 1}`}
                    value={row.op}
                    onChange={(e) =>
                      commit(conditionOf(e.currentTarget.value as Operator, row.text))
                    }
                  >
                    {OPERATORS.map((op) => (
                      <option key={op} value={op}>
                        {op}
                      </option>
                    ))}
                  </select>
                  {row.op === 'exists' ? null : (
                    <DraftInput
                      aria-label={`${t.value} ${index + 1}`}
                      value={value}
                      format={(v) => rowOf(v)?.text ?? ''}
                      parse={(text) => conditionOf(row.op, text)}
                      onCommit={commit}
                    />
                  )}
                </>
              )
            }}
          />
        ) : null}
        {kind === 'pageview' ? patternField('trigger.pageview', '/pricing') : null}
        {kind === 'idle' ? numberField('trigger.idle', 1000) : null}
        {kind === 'timeOnPage' ? numberField('trigger.timeOnPage', 1000) : null}
        {kind === 'scrollDepth' ? numberField('trigger.scrollDepth') : null}
        {numberField('trigger.delay', 1000)}
      </fieldset>

      <fieldset>
        <legend>{t.sectionWho}</legend>
        {numberField('audience.sample')}
        {patternList('audience.url')}
        {patternList('audience.excludeUrl')}
        <Field
          {...field('audience.locale')}
          control={(p) => (
            <DraftInput
              {...p}
              placeholder="ja, en"
              value={get('audience.locale')}
              format={(v) => ((v as string[]) ?? []).join(', ')}
              parse={(text) => {
                const tags = text
                  .split(',')
                  .map((tag) => tag.trim())
                  .filter(Boolean)
                return tags.length ? tags : undefined
              }}
              onCommit={(v) => set('audience.locale', v)}
            />
          )}
        />
        <fieldset class="rows" data-field="audience.device">
          <legend>{STRINGS[lang].fields['audience.device']?.label}</legend>
          {(['mobile', 'tablet', 'desktop'] as const).map((device) => (
            <label class="inline" key={device}>
              <input
                type="checkbox"
                checked={devices.includes(device)}
                onChange={(e) => {
                  const next = e.currentTarget.checked
                    ? [...devices, device]
                    : devices.filter((d) => d !== device)
                  set('audience.device', next.length ? next : undefined)
                }}
              />
              {device}
            </label>
          ))}
        </fieldset>
        <NamedRows
          {...rowsField('audience.attributes')}
          rows={attributes}
          nameLabel={t.attribute}
          addLabel={t.addAttribute}
          value={(value, index, commit) => (
            <>
              <span aria-hidden="true">=</span>
              <DraftInput
                aria-label={`${t.value} ${index + 1}`}
                value={value}
                format={(v) => String(v)}
                parse={typedValue}
                onCommit={commit}
              />
            </>
          )}
        />
      </fieldset>

      <fieldset>
        <legend>{t.sectionOften}</legend>
        {numberField('recontactDays')}
        {numberField('dismissRecontactDays')}
        {numberField('maxDisplays', 1, '1')}
        {numberField('priority')}
      </fieldset>

      <fieldset>
        <legend>{t.sectionLook}</legend>
        <Field
          {...field('display.position')}
          control={(p) => (
            <select
              {...p}
              value={String(get('display.position') ?? '')}
              onChange={(e) => set('display.position', e.currentTarget.value || undefined)}
            >
              <option value="">bottom-right ({t.default})</option>
              {['bottom-left', 'bottom-center', 'top-center', 'center'].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        />
        {textField('display.inline', '#feedback')}
        <Field
          {...field('display.theme.colorScheme')}
          control={(p) => (
            <select
              {...p}
              value={String(get('display.theme.colorScheme') ?? '')}
              onChange={(e) => set('display.theme.colorScheme', e.currentTarget.value || undefined)}
            >
              <option value="">auto ({t.default})</option>
              <option value="light">{t.light}</option>
              <option value="dark">{t.dark}</option>
            </select>
          )}
        />
        {textField('display.theme.accent', '#0b57d0')}
      </fieldset>
    </div>
  )
}

/** Every form field an error can be shown next to, for a survey written in `languages`. */
export function formFields(languages: string[]): Set<string> {
  const fields = new Set([
    'id',
    'type',
    'scale',
    'question',
    'followUp',
    'thanks',
    'trigger',
    'trigger.event',
    'trigger.where',
    'trigger.pageview',
    'trigger.url',
    'trigger.idle',
    'trigger.timeOnPage',
    'trigger.scrollDepth',
    'trigger.delay',
    'audience.sample',
    'audience.url',
    'audience.excludeUrl',
    'audience.locale',
    'audience.device',
    'audience.attributes',
    'recontactDays',
    'dismissRecontactDays',
    'maxDisplays',
    'priority',
    'display.position',
    'display.inline',
    'display.theme.colorScheme',
    'display.theme.accent',
  ])
  for (const name of TEXTS) for (const locale of languages) fields.add(`${name}.${locale}`)
  return fields
}

/** The form field an issue is shown next to: the field itself, or the nearest one holding it. */
export function fieldOf(issueField: string, fields: Set<string>): string | null {
  let at = issueField
  while (at) {
    if (fields.has(at)) return at
    at = at.includes('.') ? at.slice(0, at.lastIndexOf('.')) : ''
  }
  return null
}
