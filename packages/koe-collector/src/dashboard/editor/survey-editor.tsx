import { Component, Fragment, h } from 'preact'
import type { ConfigIssue } from '../../../../../src/config/config-error'
import { validateLibrarySurvey } from '../../../../../src/config/validate-library-survey'
import { ApiError } from '../api-call'
import { library, type SurveyDetail } from '../library-client'
import type { Lang } from './describe-trigger'
import { issueText, STRINGS } from './editor-strings'
import { fieldId } from './fields'
import { fieldOf, formFields, languagesOf, SurveyForm } from './survey-form'
import { SurveyHistory } from './survey-history'
import { type Draft, setPath } from './survey-paths'
import { SurveyPreview } from './survey-preview'
import { TEMPLATES } from './survey-templates'

interface Props {
  /** The survey to edit, or `undefined` for a new one. */
  id?: string
  /** The template a new survey starts from. */
  template?: string
  /** Ids in use, so a new survey's id starts unique. */
  takenIds: string[]
  lang: Lang
  /** Whether the signed-in role may save, publish and preview (editor, admin). */
  canEdit: boolean
  /**
   * The signed-in user, the author of what they save (the server records them whatever is sent).
   * `undefined` for the operator on loopback without a token, who types a name.
   */
  signedInAs?: string
  /** A new survey was saved: the list shows it, the address names it. */
  onCreated: (id: string) => void
  onChanged: () => void
}

interface State {
  detail: SurveyDetail | null
  draft: Draft
  /** The draft as last saved or loaded: unsaved changes are the difference. */
  saved: string
  view: 'form' | 'json'
  json: string
  jsonError: boolean
  /** Languages added that no text holds yet. */
  added: string[]
  /** Shown after the first save attempt, then kept current as the draft changes. */
  showErrors: boolean
  serverErrors: ConfigIssue[]
  author: string
  note: string
  status: string
  failure: string
  conflict: boolean
  siteUrl: string
  previewLink: string
}

const AUTHOR_KEY = 'koe-editor-author'

/** A new survey's id: the template's, numbered when a survey has it already. */
function uniqueId(id: string, taken: string[]): string {
  if (!id || !taken.includes(id)) return id
  let n = 2
  while (taken.includes(`${id}-${n}`)) n++
  return `${id}-${n}`
}

/**
 * Edits one survey: the form and the JSON view of the same object, the live preview, save (a new
 * version, refused when someone saved in between), publish, pause, roll back, preview links and
 * the history. Errors come from the SDK's own validator, next to the field they belong to.
 */
export class SurveyEditor extends Component<Props, State> {
  constructor(props: Props) {
    super(props)
    const template = TEMPLATES.find((t) => t.id === props.template) ?? TEMPLATES[0]
    const draft = props.id
      ? {}
      : { ...template?.survey, id: uniqueId(template?.survey.id ?? '', props.takenIds) }
    this.state = {
      detail: null,
      draft,
      saved: props.id ? '' : JSON.stringify(draft),
      view: 'form',
      json: '',
      jsonError: false,
      added: props.id ? [] : languagesOf(draft, ['en', 'ja']),
      showErrors: false,
      serverErrors: [],
      author: props.signedInAs ?? localStorage.getItem(AUTHOR_KEY) ?? '',
      note: '',
      status: '',
      failure: '',
      conflict: false,
      siteUrl: `${location.origin}/shop/`,
      previewLink: '',
    }
  }

  override componentDidMount() {
    if (this.props.id) void this.load()
  }

  async load() {
    if (!this.props.id) return
    try {
      const detail = await library.get(this.props.id)
      this.setState({
        detail,
        draft: detail.definition as unknown as Draft,
        saved: JSON.stringify(detail.definition),
        added: [],
        conflict: false,
        failure: '',
        serverErrors: [],
      })
    } catch (error) {
      this.setState({ failure: String((error as Error).message ?? error) })
    }
  }

  /** The validator's verdict on the draft, with the author's name checked too. */
  issues(): ConfigIssue[] {
    const result = validateLibrarySurvey(this.state.draft)
    const issues = result.ok ? [] : [...result.errors]
    if (!this.state.author.trim()) issues.push({ field: 'author', message: 'must be your name' })
    return issues.concat(this.state.serverErrors)
  }

  /** The name typed on this machine, for next time (a signed-in user's name is the account's). */
  rememberAuthor(author: string) {
    if (!this.props.signedInAs) localStorage.setItem(AUTHOR_KEY, author)
  }

  /** Applies a change to the latest draft (two events may come before one render). */
  change(update: (draft: Draft) => Draft) {
    this.setState((state) => {
      const draft = update(state.draft)
      return { draft, serverErrors: [], json: JSON.stringify(draft, null, 2) }
    })
  }

  async save() {
    const issues = this.issues()
    if (issues.length) {
      this.setState({ showErrors: true, status: '' }, () => {
        const first = document.querySelector<HTMLElement>('[aria-invalid="true"]')
        first?.focus()
      })
      return
    }
    const { draft, author, note, detail } = this.state
    this.rememberAuthor(author)
    const t = STRINGS[this.props.lang].ui
    try {
      if (!detail) {
        await library.create(draft, author, note)
        this.setState({ status: `${t.saved} 1`, note: '' })
        this.props.onCreated(String(draft.id))
        return
      }
      const { version } = await library.save(detail.id, draft, author, note, detail.latestVersion)
      await this.load()
      this.setState({ status: `${t.saved} ${version}`, note: '', showErrors: false })
      this.props.onChanged()
    } catch (error) {
      this.refused(error)
    }
  }

  refused(error: unknown) {
    if (error instanceof ApiError && Array.isArray(error.data.errors)) {
      const errors = error.data.errors as ConfigIssue[]
      // The validator's field errors, next to their fields like the editor's own.
      this.setState({ serverErrors: errors, showErrors: true, status: '' })
    } else
      this.setState({
        failure: String((error as Error).message ?? error),
        // A save based on an old version; a new survey's taken id is a 409 too, with no reload.
        conflict: error instanceof ApiError && error.status === 409 && !!this.state.detail,
        status: '',
      })
  }

  async act(run: () => Promise<unknown>, done: string) {
    const { author } = this.state
    if (!author.trim()) {
      this.setState({ showErrors: true })
      return
    }
    this.rememberAuthor(author)
    try {
      await run()
      await this.load()
      this.setState({ status: done, failure: '' })
      this.props.onChanged()
    } catch (error) {
      this.refused(error)
    }
  }

  async makePreviewLink() {
    const { detail, siteUrl } = this.state
    if (!detail) return
    try {
      const { key } = await library.preview(detail.id)
      const url = new URL(siteUrl, location.href)
      url.searchParams.set('koe-preview', key)
      this.setState({ previewLink: url.href, failure: '' })
    } catch (error) {
      this.refused(error)
    }
  }

  render({ lang }: Props, state: State) {
    const t = STRINGS[lang].ui
    const f = STRINGS[lang].fields
    const { draft, detail } = state
    const languages = languagesOf(draft, state.added)
    const issues = state.showErrors ? this.issues() : []
    const fields = formFields(languages)
    fields.add('author')
    fields.add('note')
    const errorsAt = (field: string) => issues.filter((i) => fieldOf(i.field, fields) === field)
    const unplaced = issues.filter((i) => fieldOf(i.field, fields) === null)
    const dirty = JSON.stringify(draft) !== state.saved
    const valid = validateLibrarySurvey(draft).ok
    const id = detail?.id
    const act = (run: () => Promise<unknown>, done: string) => () => void this.act(run, done)
    // An existing survey's form appears once it has loaded: typed into before, it would be lost.
    if (this.props.id && !detail)
      return state.failure ? <p role="alert">{state.failure}</p> : <p role="status">…</p>

    return (
      <div class="editor">
        <h2>
          {detail ? `${id}` : t.newSurvey}
          {detail ? <span class={`status ${detail.status}`}> · {t[detail.status]}</span> : null}
        </h2>
        {state.failure ? (
          <div role="alert" class="failure">
            <p>{state.failure}</p>
            {state.conflict ? (
              <button type="button" onClick={() => void this.load()}>
                {t.conflict} ↻
              </button>
            ) : null}
          </div>
        ) : null}
        {issues.length ? (
          <div role="alert" class="failure">
            <p>{t.errorsTitle}</p>
            <ul>
              {issues.map((issue) => (
                <li key={`${issue.field}:${issue.message}`}>
                  <a href={`#${fieldId(fieldOf(issue.field, fields) ?? '')}`}>
                    {f[fieldOf(issue.field, fields) ?? '']?.label ?? issue.field}
                  </a>
                  : {issueText(issue, lang)}
                </li>
              ))}
            </ul>
            {unplaced.length ? (
              <p>{unplaced.map((i) => `${i.field} ${i.message}`).join('; ')}</p>
            ) : null}
          </div>
        ) : null}
        <div class="editor-columns">
          <div>
            <div class="tabs">
              <button
                type="button"
                aria-pressed={state.view === 'form'}
                onClick={() => this.setState({ view: 'form' })}
              >
                {t.form}
              </button>
              <button
                type="button"
                aria-pressed={state.view === 'json'}
                onClick={() =>
                  this.setState({
                    view: 'json',
                    json: JSON.stringify(draft, null, 2),
                    jsonError: false,
                  })
                }
              >
                {t.json}
              </button>
            </div>
            {state.view === 'form' ? (
              <SurveyForm
                draft={draft}
                onChange={(next) => this.change(next)}
                lang={lang}
                errorsAt={errorsAt}
                isNew={!detail}
                languages={languages}
                onAddLanguage={(locale) => this.setState({ added: [...state.added, locale] })}
                onRemoveLanguage={(locale) => {
                  this.setState({ added: state.added.filter((l) => l !== locale) })
                  this.change((current) => {
                    let next = current
                    for (const name of ['question', 'followUp', 'thanks']) {
                      const value = next[name]
                      if (typeof value === 'object' && value !== null && locale in value)
                        next = setPath(next, `${name}.${locale}`, undefined)
                    }
                    return next
                  })
                }}
              />
            ) : (
              <div class="field" data-field="json">
                <label for="survey-json">{t.json}</label>
                <textarea
                  id="survey-json"
                  class="json"
                  rows={24}
                  spellcheck={false}
                  aria-describedby="survey-json-help"
                  value={state.json}
                  onInput={(e) => {
                    const text = e.currentTarget.value
                    try {
                      const parsed = JSON.parse(text)
                      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                        throw new Error('not an object')
                      this.setState({
                        draft: parsed,
                        json: text,
                        jsonError: false,
                        serverErrors: [],
                      })
                    } catch {
                      this.setState({ json: text, jsonError: true })
                    }
                  }}
                />
                <p class="help" id="survey-json-help">
                  {state.jsonError ? t.jsonInvalid : t.jsonHelp}
                </p>
              </div>
            )}
            {this.props.canEdit ? (
              <>
                <fieldset>
                  <legend>{t.save}</legend>
                  {this.props.signedInAs ? (
                    <p class="help" data-field="author">
                      {t.savedAs} <strong>{this.props.signedInAs}</strong>
                    </p>
                  ) : (
                    <div class="field" data-field="author">
                      <label for="f-author">{f.author?.label}</label>
                      <input
                        id="f-author"
                        type="text"
                        autoComplete="name"
                        value={state.author}
                        aria-invalid={errorsAt('author').length ? 'true' : undefined}
                        onInput={(e) => this.setState({ author: e.currentTarget.value })}
                      />
                      {errorsAt('author').length ? (
                        <p class="field-error">
                          {issueText({ field: 'author', message: '' }, lang)}
                        </p>
                      ) : null}
                    </div>
                  )}
                  <div class="field" data-field="note">
                    <label for="f-note">{f.note?.label}</label>
                    <input
                      id="f-note"
                      type="text"
                      value={state.note}
                      onInput={(e) => this.setState({ note: e.currentTarget.value })}
                    />
                  </div>
                  <div class="actions">
                    <button type="button" class="primary" onClick={() => void this.save()}>
                      {t.save}
                    </button>
                    {detail ? (
                      <>
                        <button
                          type="button"
                          disabled={
                            dirty ||
                            (detail.status === 'live' &&
                              detail.publishedVersion === detail.latestVersion)
                          }
                          onClick={act(
                            () => library.publish(detail.id, state.author),
                            `${t.publish} ✓`,
                          )}
                        >
                          {t.publish}
                        </button>
                        <button
                          type="button"
                          disabled={detail.status !== 'live'}
                          onClick={act(
                            () => library.pause(detail.id, state.author),
                            `${t.pause} ✓`,
                          )}
                        >
                          {t.pause}
                        </button>
                        <button
                          type="button"
                          disabled={detail.status === 'archived'}
                          onClick={act(
                            () => library.archive(detail.id, state.author),
                            `${t.archive} ✓`,
                          )}
                        >
                          {t.archive}
                        </button>
                      </>
                    ) : null}
                  </div>
                  <p role="status" class="saved">
                    {state.status}
                  </p>
                </fieldset>
                {detail ? (
                  <fieldset>
                    <legend>{t.previewLink}</legend>
                    <p class="help">{t.previewLinkHelp}</p>
                    <div class="field">
                      <label for="f-site">{t.siteUrl}</label>
                      <input
                        id="f-site"
                        type="url"
                        value={state.siteUrl}
                        onInput={(e) => this.setState({ siteUrl: e.currentTarget.value })}
                      />
                    </div>
                    <button
                      type="button"
                      disabled={dirty}
                      onClick={() => void this.makePreviewLink()}
                    >
                      {t.makeLink}
                    </button>
                    {state.previewLink ? (
                      <p>
                        <a
                          href={state.previewLink}
                          target="_blank"
                          rel="noopener"
                          data-testid="preview-link"
                        >
                          {state.previewLink}
                        </a>
                      </p>
                    ) : null}
                  </fieldset>
                ) : null}
              </>
            ) : (
              <p class="hint">{t.readOnly}</p>
            )}
          </div>
          <SurveyPreview survey={valid ? draft : null} languages={languages} lang={lang} />
        </div>
        {detail ? (
          <SurveyHistory
            detail={detail}
            lang={lang}
            onRollBack={
              this.props.canEdit
                ? (version) =>
                    void this.act(
                      () => library.publish(detail.id, state.author, version),
                      `${t.rollBack} ✓`,
                    )
                : undefined
            }
          />
        ) : null}
      </div>
    )
  }
}
