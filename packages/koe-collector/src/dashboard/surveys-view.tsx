import { Component, Fragment, h } from 'preact'
import { atLeast, type Me } from '../contract/roles'
import { describeTrigger } from './editor/describe-trigger'
import { STRINGS } from './editor/editor-strings'
import { SurveyEditor } from './editor/survey-editor'
import { TEMPLATES } from './editor/survey-templates'
import type { Lang } from './i18n/lang'
import { type ListedSurvey, library } from './library-client'
import { Wide } from './wide'

interface Props {
  /** What follows `#surveys` in the address: `""`, `/new/<template>` or `/edit/<id>`. */
  route: string
  /** Who is signed in: an editor or admin edits; a viewer or responder reads. */
  me: Me
  /** The dashboard's language (the header's switch), the editor's too. */
  lang: Lang
}

interface State {
  surveys: ListedSurvey[] | null
  error: string
}

const score = (survey: ListedSurvey) =>
  survey.stats.score === null
    ? '—'
    : survey.definition.type === 'nps'
      ? String(Math.round(survey.stats.score))
      : survey.stats.score.toFixed(2)

/** The question in the editor's language, or any. */
function questionOf(survey: ListedSurvey, lang: Lang): string {
  const q = survey.definition.question
  if (typeof q === 'string') return q
  return q?.[lang] ?? Object.values(q ?? {})[0] ?? ''
}

/**
 * The Surveys page (issue 14): every survey at a glance (status, trigger in words, the last 30
 * days), templates to start from, and the editor. English or Japanese, as the header's switch chooses.
 */
export class SurveysView extends Component<Props, State> {
  override state: State = {
    surveys: null,
    error: '',
  }

  override componentDidMount() {
    void this.load()
  }

  async load() {
    try {
      this.setState({ surveys: await library.list(), error: '' })
    } catch (error) {
      this.setState({ error: String((error as Error).message ?? error) })
    }
  }

  render({ route, me, lang }: Props, { surveys, error }: State) {
    const t = STRINGS[lang].ui
    const canEdit = atLeast(me.role, 'editor')
    const edit = /^\/edit\/(.+)$/.exec(route)
    const make = /^\/new\/(.+)$/.exec(route)
    if (edit || (make && canEdit)) {
      const id = edit ? decodeURIComponent(edit[1] as string) : undefined
      return (
        <section lang={lang}>
          <p class="breadcrumb">
            <a href="#surveys">← {t.back}</a>
          </p>
          <SurveyEditor
            key={route}
            id={id}
            template={make?.[1]}
            takenIds={(surveys ?? []).map((s) => s.id)}
            lang={lang}
            canEdit={canEdit}
            signedInAs={me.local ? undefined : me.name}
            onCreated={(created) => {
              void this.load()
              location.hash = `#surveys/edit/${encodeURIComponent(created)}`
            }}
            onChanged={() => void this.load()}
          />
        </section>
      )
    }
    return (
      <section lang={lang}>
        <div class="breadcrumb">
          <h2>{t.surveys}</h2>
        </div>
        {error ? <p role="alert">{error}</p> : null}
        {canEdit ? (
          <>
            <h3>{t.fromTemplate}</h3>
            <ul class="templates">
              {TEMPLATES.map((template) => (
                <li key={template.id}>
                  <a href={`#surveys/new/${template.id}`}>{template.name[lang]}</a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="hint">{t.readOnly}</p>
        )}
        {surveys === null ? null : surveys.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <Wide label={t.surveys}>
            <table class="survey-list">
              <thead>
                <tr>
                  <th>{t.surveys}</th>
                  <th>{t.status}</th>
                  <th>{t.trigger}</th>
                  <th>
                    {t.last30}: {t.displays} / {t.answers} / {t.score}
                  </th>
                </tr>
              </thead>
              <tbody>
                {surveys.map((survey) => (
                  <tr key={survey.id} data-survey={survey.id}>
                    <td>
                      <a href={`#surveys/edit/${encodeURIComponent(survey.id)}`}>{survey.id}</a>
                      <br />
                      <small>{questionOf(survey, lang)}</small>
                    </td>
                    <td>
                      <span class={`status ${survey.status}`}>{t[survey.status]}</span>
                      {survey.publishedVersion !== null &&
                      survey.latestVersion !== survey.publishedVersion ? (
                        <small> · {t.unpublished}</small>
                      ) : null}
                    </td>
                    <td>{describeTrigger(survey.definition.trigger, lang)}</td>
                    <td class="numbers">
                      {survey.stats.displays} / {survey.stats.responses} / {score(survey)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Wide>
        )}
      </section>
    )
  }
}
