import { Component, h } from 'preact'
import type { PreviewRequest } from '../preview-frame'
import type { Lang } from './describe-trigger'
import { STRINGS } from './editor-strings'
import type { Draft } from './survey-paths'

interface Props {
  /** The survey being edited, when it is valid; `null` shows why there is no preview. */
  survey: Draft | null
  languages: string[]
  lang: Lang
}

interface State {
  step: PreviewRequest['step']
  width: 'desktop' | 'phone'
  scheme: PreviewRequest['scheme']
  locale: string
}

/**
 * The live preview: the survey being edited, drawn by the real `koe.iife.js` in a frame of its
 * own (/dashboard/preview.html), at each step, in each language, at desktop and phone width, light
 * and dark. Every change draws a fresh frame, so nothing of the last one lingers.
 */
export class SurveyPreview extends Component<Props, State> {
  override state: State = { step: 'question', width: 'desktop', scheme: 'light', locale: '' }
  frame: HTMLIFrameElement | null = null

  onMessage = (event: MessageEvent) => {
    if (event.origin !== location.origin || event.source !== this.frame?.contentWindow) return
    if (!(event.data as { koePreviewReady?: boolean })?.koePreviewReady || !this.props.survey)
      return
    const request: PreviewRequest = {
      survey: this.props.survey as PreviewRequest['survey'],
      locale: this.locale(),
      scheme: this.state.scheme,
      step: this.state.step,
    }
    this.frame?.contentWindow?.postMessage({ koePreview: request }, location.origin)
  }

  override componentDidMount() {
    addEventListener('message', this.onMessage)
  }

  override componentWillUnmount() {
    removeEventListener('message', this.onMessage)
  }

  locale() {
    const { languages } = this.props
    return languages.includes(this.state.locale) ? this.state.locale : (languages[0] ?? 'en')
  }

  render({ survey, languages, lang }: Props, state: State) {
    const t = STRINGS[lang].ui
    const choice = <K extends keyof State>(
      key: K,
      label: string,
      options: [State[K], string][],
    ) => (
      <label>
        {label}
        <select
          aria-label={label}
          value={key === 'locale' ? this.locale() : state[key]}
          onChange={(e) => this.setState({ [key]: e.currentTarget.value } as Pick<State, K>)}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
    )
    // A new frame whenever what it shows changes, and only then.
    const key = JSON.stringify([survey, this.locale(), state])
    return (
      <section class="preview" aria-label={t.preview}>
        <h3>{t.preview}</h3>
        <div class="filters">
          {choice('step', t.step, [
            ['question', t.stepQuestion],
            ['followUp', t.stepFollowUp],
            ['thanks', t.stepThanks],
          ])}
          {choice(
            'locale',
            t.language,
            (languages.length ? languages : ['en']).map((l) => [l, l]),
          )}
          {choice('width', t.width, [
            ['desktop', t.desktop],
            ['phone', t.phone],
          ])}
          {choice('scheme', t.scheme, [
            ['light', t.light],
            ['dark', t.dark],
          ])}
        </div>
        {survey ? (
          <iframe
            key={key}
            ref={(frame) => {
              this.frame = frame
            }}
            class={`frame ${state.width}`}
            title={`${t.preview}: ${String(survey.id)}`}
            src="/dashboard/preview.html"
          />
        ) : (
          <p class="help">{t.errorsTitle}</p>
        )}
      </section>
    )
  }
}
