import type { ConfigIssue } from '../../../../../src/config/config-error'
import type { Lang } from './describe-trigger'

/** The editor's buttons, headings and choices, in English. */
const EN_UI = {
  surveys: 'Surveys',
  sectionTexts: 'What to ask',
  sectionWhen: 'When to ask',
  sectionWho: 'Who is asked',
  sectionOften: 'How often',
  sectionLook: 'How it looks',
  newSurvey: 'New survey',
  fromTemplate: 'Start from a template',
  status: 'Status',
  trigger: 'Trigger',
  last30: 'Last 30 days',
  displays: 'displays',
  answers: 'answers',
  score: 'score',
  edit: 'Edit',
  save: 'Save',
  saved: 'Saved as version',
  publish: 'Publish',
  pause: 'Pause',
  archive: 'Archive',
  rollBack: 'Make this version live',
  action: 'Action',
  previewLink: 'Preview link',
  previewLinkHelp:
    'Opens your site with this draft shown to you only, for 24 hours. Customers never see it.',
  siteUrl: 'Page of your site to open',
  makeLink: 'Make a preview link',
  savedAs: 'Saved, published and paused as',
  readOnly: 'Your role reads surveys; an editor or admin changes them.',
  form: 'Form',
  json: 'JSON',
  jsonHelp: 'The survey exactly as sites receive it. Changes here update the form.',
  jsonInvalid: 'This is not JSON yet: the form keeps the last valid version.',
  languages: 'Languages',
  addLanguage: 'Add a language',
  add: 'Add',
  remove: 'Remove',
  missing: 'Missing',
  everyLanguage: 'every language',
  history: 'History',
  compare: 'Compare',
  with: 'with',
  noChanges: 'No differences.',
  back: 'All surveys',
  preview: 'Preview',
  step: 'Step',
  stepQuestion: 'Question',
  stepFollowUp: 'Follow-up',
  stepThanks: 'Thanks',
  width: 'Width',
  desktop: 'Desktop',
  phone: 'Phone',
  scheme: 'Scheme',
  light: 'Light',
  dark: 'Dark',
  language: 'Language',
  errorsTitle: 'Fix these before saving:',
  conflict: 'Someone saved a newer version.',
  default: 'default',
  defaultWording: 'Yes, default wording',
  ownWording: 'Yes, our wording',
  noComment: 'No',
  byGroup: 'Worded by score group: edit it in the JSON view.',
  property: 'Property',
  operator: 'Condition',
  value: 'Value',
  addCondition: 'Add a condition',
  addAttribute: 'Add an attribute',
  attribute: 'Attribute',
  complex: 'edit in the JSON view',
  draft: 'Draft',
  live: 'Live',
  paused: 'Paused',
  archived: 'Archived',
  unpublished: 'changes not published',
  version: 'Version',
  none: 'No surveys yet.',
  kindPostPurchase: 'After a purchase (preset)',
  kindCart: 'Cart abandoned (preset)',
  kindEvent: 'After an event',
  kindPageview: 'On a page',
  kindExit: 'About to leave',
  kindIdle: 'After idle time',
  kindTime: 'After time on page',
  kindScroll: 'After scrolling',
  cartIdle: 'Seconds idle that count as abandoning',
}

/** A label and its one line of plain words. */
interface FieldText {
  label: string
  help: string
}

/** The editor's words in one language. */
interface EditorStrings {
  fields: Record<string, FieldText>
  ui: Record<keyof typeof EN_UI, string>
  /** Why a field is refused, by field (indices and languages as `*`). */
  errors: Record<string, string>
  /** When no plain message is known: the validator's own words. */
  fallback: (issue: ConfigIssue) => string
}

const EN: EditorStrings = {
  fields: {
    id: {
      label: 'Survey id',
      help: 'A stable name that every answer carries; letters, digits and . _ : -',
    },
    type: {
      label: 'Question type',
      help: 'NPS asks 0–10 how likely they recommend you; CES asks how easy it was.',
    },
    scale: { label: 'CES scale', help: 'How many points the ease scale has: 7 (default) or 5.' },
    question: {
      label: 'Question',
      help: 'What customers read. Leave a language empty to use the built-in question.',
    },
    followUp: { label: 'Follow-up', help: 'Ask for a comment after the score.' },
    thanks: {
      label: 'Thank-you text',
      help: 'Shown after sending; empty uses the built-in thanks.',
    },
    trigger: { label: 'When to ask', help: 'The moment the prompt appears.' },
    'trigger.event': {
      label: 'Event name',
      help: 'The name your site passes to koe.track(), e.g. purchase_completed.',
    },
    'trigger.where': {
      label: 'Only when the event has',
      help: 'Conditions on the event’s properties; all must hold.',
    },
    'trigger.pageview': {
      label: 'Page path',
      help: 'A path like /pricing or /docs/* (* matches anything).',
    },
    'trigger.url': {
      label: 'Thank-you page (optional)',
      help: 'A purchase also counts when this page is viewed, e.g. /checkout/thanks*.',
    },
    'trigger.idle': {
      label: 'Seconds without input',
      help: 'How long the customer does nothing before the prompt.',
    },
    'trigger.timeOnPage': {
      label: 'Seconds on the page',
      help: 'How long the customer has been on the page.',
    },
    'trigger.scrollDepth': {
      label: 'Share of the page scrolled',
      help: 'From 0 to 1: 0.5 is half the page.',
    },
    'trigger.delay': {
      label: 'Wait before showing (seconds)',
      help: 'Give the customer a moment: 2 is a good start.',
    },
    'audience.sample': {
      label: 'Share of visitors asked',
      help: 'From 0 to 1: 0.25 asks a quarter of visitors (always the same ones).',
    },
    'audience.url': {
      label: 'Only on these paths',
      help: 'One path per line; * matches anything; a line starting re: is a regular expression.',
    },
    'audience.excludeUrl': {
      label: 'Never on these paths',
      help: 'One path per line, like above.',
    },
    'audience.locale': {
      label: 'Only in these languages',
      help: 'Language tags separated by commas, e.g. ja, en. Empty: every language.',
    },
    'audience.device': { label: 'Only on these devices', help: 'None ticked: every device.' },
    'audience.attributes': {
      label: 'Only for customers with',
      help: 'Attributes your site passes to koe.identify(), e.g. plan = pro.',
    },
    recontactDays: { label: 'Days before asking again after an answer', help: 'Default 90.' },
    dismissRecontactDays: {
      label: 'Days before asking again after a dismiss',
      help: 'Default 14.',
    },
    maxDisplays: { label: 'Show at most this many times per visitor', help: 'Empty: no limit.' },
    priority: {
      label: 'Priority',
      help: 'When two surveys could show at once, the higher goes first (default 0).',
    },
    'display.position': {
      label: 'Position',
      help: 'Where the prompt floats; on phones it is a bottom sheet.',
    },
    'display.inline': {
      label: 'Inside the element (CSS selector)',
      help: 'Render in the page’s flow, e.g. #feedback; empty floats.',
    },
    'display.theme.colorScheme': {
      label: 'Colour scheme',
      help: 'Light, dark, or follow the customer’s setting.',
    },
    'display.theme.accent': {
      label: 'Accent colour',
      help: 'Selected score and send button, e.g. #0b57d0.',
    },
    author: {
      label: 'Your name',
      help: 'Kept with each version, so the team knows who changed what.',
    },
    note: { label: 'What changed', help: 'One line for the history.' },
  },
  ui: EN_UI,

  errors: {
    id: 'Give the survey an id: 1 to 128 letters, digits or . _ : - (no spaces).',
    type: 'Choose NPS or CES.',
    scale: 'The scale is 5 or 7, and only for CES.',
    question: 'Write the question, or remove it to use the built-in one.',
    'question.*': 'Write the question in this language, or remove the language.',
    'followUp.*': 'Write the follow-up in this language, or remove the language.',
    'thanks.*': 'Write the thanks in this language, or remove the language.',
    trigger: 'Choose when to ask.',
    'trigger.event': 'Type the event name your site tracks.',
    'trigger.pageview':
      'Type a path like /pricing or /docs/*, or a valid regular expression without a repeated (group).',
    'trigger.url':
      'Type a path like /checkout/thanks*, or a valid regular expression without a repeated (group).',
    'trigger.idle': 'Seconds without input must be more than 0 and at most a day.',
    'trigger.timeOnPage': 'Seconds on the page must be more than 0 and at most a day.',
    'trigger.scrollDepth': 'The share scrolled is more than 0 and at most 1.',
    'trigger.delay': 'The wait is from 0 to 3600 seconds (an hour).',
    'trigger.where': 'Each condition needs a property name.',
    'audience.sample': 'The share of visitors is from 0 to 1, e.g. 0.25 for a quarter.',
    'audience.url.*':
      'This path is not valid: use /path/* or a valid regular expression without a repeated (group).',
    'audience.excludeUrl.*':
      'This path is not valid: use /path/* or a valid regular expression without a repeated (group).',
    'audience.locale': 'Use language tags like ja or pt-BR.',
    'audience.device': 'Choose among phone, tablet and desktop.',
    recontactDays: 'Days from 0 to 3650.',
    dismissRecontactDays: 'Days from 0 to 3650.',
    maxDisplays: 'A whole number, 1 or more.',
    priority: 'A number.',
    'display.position': 'Choose a position from the list.',
    'display.inline': 'A CSS selector like #feedback, at most 200 characters.',
    'display.theme.accent': 'A colour like #0b57d0.',
    author: 'Type your name: it is kept with the version.',
    note: 'At most 500 characters.',
  },
  fallback: (issue) => `${issue.field} ${issue.message}`,
}

const JA: EditorStrings = {
  fields: {
    id: {
      label: 'アンケート ID',
      help: 'すべての回答に付く固定の名前。英数字と . _ : - が使えます。',
    },
    type: { label: '質問の種類', help: 'NPS は 0〜10 で推奨度を、CES は手間の少なさを尋ねます。' },
    scale: { label: 'CES の段階', help: '7 段階（既定）または 5 段階。' },
    question: {
      label: '質問文',
      help: 'お客様が読む文です。空の言語には組み込みの質問が表示されます。',
    },
    followUp: { label: '追加の質問', help: 'スコアの後にコメントを尋ねます。' },
    thanks: { label: 'お礼の文', help: '送信後に表示されます。空なら組み込みのお礼です。' },
    trigger: { label: '表示するタイミング', help: 'プロンプトが現れる瞬間です。' },
    'trigger.event': {
      label: 'イベント名',
      help: 'サイトが koe.track() に渡す名前（例: purchase_completed）。',
    },
    'trigger.where': {
      label: 'イベントの条件',
      help: 'イベントのプロパティの条件。すべて満たすときだけ表示します。',
    },
    'trigger.pageview': {
      label: 'ページのパス',
      help: '/pricing や /docs/* のようなパス（* は任意の文字列）。',
    },
    'trigger.url': {
      label: 'サンクスページ（任意）',
      help: 'このページの表示も購入とみなします（例: /checkout/thanks*）。',
    },
    'trigger.idle': {
      label: '無操作の秒数',
      help: 'お客様が何もしない時間がこれを超えると表示します。',
    },
    'trigger.timeOnPage': { label: 'ページ滞在の秒数', help: 'ページに滞在した時間です。' },
    'trigger.scrollDepth': {
      label: 'スクロールした割合',
      help: '0〜1 で指定します。0.5 はページの半分です。',
    },
    'trigger.delay': {
      label: '表示までの待ち時間（秒）',
      help: '少し間を置くと自然です。まずは 2 秒から。',
    },
    'audience.sample': {
      label: '質問する訪問者の割合',
      help: '0〜1 で指定します。0.25 は 4 人に 1 人（毎回同じ人）。',
    },
    'audience.url': {
      label: 'このパスでのみ表示',
      help: '1 行に 1 つ。* は任意の文字列、re: で始まる行は正規表現です。',
    },
    'audience.excludeUrl': {
      label: 'このパスでは表示しない',
      help: '1 行に 1 つ。書き方は上と同じです。',
    },
    'audience.locale': {
      label: 'この言語でのみ表示',
      help: 'カンマ区切りの言語タグ（例: ja, en）。空ならすべての言語。',
    },
    'audience.device': {
      label: 'このデバイスでのみ表示',
      help: '何も選ばなければすべてのデバイス。',
    },
    'audience.attributes': {
      label: 'この属性のお客様のみ',
      help: 'サイトが koe.identify() に渡す属性（例: plan = pro）。',
    },
    recontactDays: { label: '回答後、再び尋ねるまでの日数', help: '既定は 90 日。' },
    dismissRecontactDays: { label: '閉じられた後、再び尋ねるまでの日数', help: '既定は 14 日。' },
    maxDisplays: { label: '1 人あたりの最大表示回数', help: '空なら上限なし。' },
    priority: {
      label: '優先度',
      help: '同時に表示できるアンケートが複数あれば、大きい方が先です（既定 0）。',
    },
    'display.position': {
      label: '表示位置',
      help: 'プロンプトの位置。スマートフォンでは下からのシートになります。',
    },
    'display.inline': {
      label: '埋め込む要素（CSS セレクタ）',
      help: 'ページ内に表示します（例: #feedback）。空なら浮かせて表示。',
    },
    'display.theme.colorScheme': {
      label: '配色',
      help: 'ライト、ダーク、またはお客様の設定に合わせる。',
    },
    'display.theme.accent': {
      label: 'アクセントカラー',
      help: '選んだスコアと送信ボタンの色（例: #0b57d0）。',
    },
    author: {
      label: 'あなたの名前',
      help: '各バージョンに記録され、誰が何を変えたかが分かります。',
    },
    note: { label: '変更内容', help: '履歴に残す一言です。' },
  },
  ui: {
    surveys: 'アンケート',
    sectionTexts: '尋ねる内容',
    sectionWhen: '尋ねるタイミング',
    sectionWho: '尋ねる相手',
    sectionOften: '頻度',
    sectionLook: '見た目',
    newSurvey: '新しいアンケート',
    fromTemplate: 'テンプレートから作成',
    status: '状態',
    trigger: 'タイミング',
    last30: '直近 30 日',
    displays: '表示',
    answers: '回答',
    score: 'スコア',
    edit: '編集',
    save: '保存',
    saved: '保存しました: バージョン',
    publish: '公開',
    pause: '一時停止',
    archive: 'アーカイブ',
    rollBack: 'このバージョンを公開',
    action: '操作',
    previewLink: 'プレビューリンク',
    previewLinkHelp:
      'この下書きをあなたにだけ表示した状態でサイトを開きます（24 時間有効）。お客様には表示されません。',
    siteUrl: '開くサイトのページ',
    makeLink: 'プレビューリンクを作成',
    savedAs: '保存・公開・停止の記録者:',
    readOnly: 'あなたのロールはアンケートの閲覧のみです。変更は編集者か管理者が行います。',
    form: 'フォーム',
    json: 'JSON',
    jsonHelp: 'サイトが受け取るそのままの形です。ここでの変更はフォームに反映されます。',
    jsonInvalid: 'まだ JSON として読めません。フォームは最後に有効だった内容のままです。',
    languages: '言語',
    addLanguage: '言語を追加',
    add: '追加',
    remove: '削除',
    missing: '未入力',
    everyLanguage: 'すべての言語',
    history: '履歴',
    compare: '比較',
    with: 'と',
    noChanges: '違いはありません。',
    back: 'アンケート一覧',
    preview: 'プレビュー',
    step: '段階',
    stepQuestion: '質問',
    stepFollowUp: '追加の質問',
    stepThanks: 'お礼',
    width: '幅',
    desktop: 'デスクトップ',
    phone: 'スマートフォン',
    scheme: '配色',
    light: 'ライト',
    dark: 'ダーク',
    language: '言語',
    errorsTitle: '保存する前に次を直してください:',
    conflict: '他の人が新しいバージョンを保存しました。',
    default: '既定',
    defaultWording: 'はい（既定の文）',
    ownWording: 'はい（独自の文）',
    noComment: 'いいえ',
    byGroup: 'スコアの区分ごとの文です。JSON 表示で編集してください。',
    property: 'プロパティ',
    operator: '条件',
    value: '値',
    addCondition: '条件を追加',
    addAttribute: '属性を追加',
    attribute: '属性',
    complex: 'JSON 表示で編集',
    draft: '下書き',
    live: '公開中',
    paused: '一時停止中',
    archived: 'アーカイブ',
    unpublished: '未公開の変更あり',
    version: 'バージョン',
    none: 'アンケートはまだありません。',
    kindPostPurchase: '購入後（プリセット）',
    kindCart: 'カート放棄（プリセット）',
    kindEvent: 'イベントの後',
    kindPageview: 'ページの表示',
    kindExit: '離脱しそうなとき',
    kindIdle: '無操作の後',
    kindTime: 'ページ滞在の後',
    kindScroll: 'スクロールの後',
    cartIdle: '放棄とみなす無操作の秒数',
  },
  errors: {
    id: 'ID を入力してください。英数字と . _ : - で 1〜128 文字（空白なし）です。',
    type: 'NPS か CES を選んでください。',
    scale: '段階は 5 か 7 で、CES のみです。',
    question: '質問文を入力するか、削除して組み込みの質問を使ってください。',
    'question.*': 'この言語の質問文を入力するか、言語を削除してください。',
    'followUp.*': 'この言語の追加の質問を入力するか、言語を削除してください。',
    'thanks.*': 'この言語のお礼の文を入力するか、言語を削除してください。',
    trigger: '表示するタイミングを選んでください。',
    'trigger.event': 'サイトが送るイベント名を入力してください。',
    'trigger.pageview':
      '/pricing や /docs/* のようなパス、またはグループ（…）を繰り返さない正しい正規表現を入力してください。',
    'trigger.url':
      '/checkout/thanks* のようなパス、またはグループ（…）を繰り返さない正しい正規表現を入力してください。',
    'trigger.idle': '無操作の秒数は 0 より大きく、1 日以内です。',
    'trigger.timeOnPage': '滞在の秒数は 0 より大きく、1 日以内です。',
    'trigger.scrollDepth': 'スクロールの割合は 0 より大きく 1 以下です。',
    'trigger.delay': '待ち時間は 0〜3600 秒（1 時間）です。',
    'trigger.where': '各条件にプロパティ名が必要です。',
    'audience.sample': '訪問者の割合は 0〜1 です（例: 4 人に 1 人なら 0.25）。',
    'audience.url.*':
      'このパスは使えません。/path/* か、グループ（…）を繰り返さない正しい正規表現にしてください。',
    'audience.excludeUrl.*':
      'このパスは使えません。/path/* か、グループ（…）を繰り返さない正しい正規表現にしてください。',
    'audience.locale': 'ja や pt-BR のような言語タグを使ってください。',
    'audience.device': 'スマートフォン、タブレット、デスクトップから選んでください。',
    recontactDays: '0〜3650 日です。',
    dismissRecontactDays: '0〜3650 日です。',
    maxDisplays: '1 以上の整数です。',
    priority: '数値を入力してください。',
    'display.position': '一覧から表示位置を選んでください。',
    'display.inline': '#feedback のような CSS セレクタ（200 文字以内）です。',
    'display.theme.accent': '#0b57d0 のような色です。',
    author: '名前を入力してください。バージョンと一緒に記録されます。',
    note: '500 文字以内です。',
  },
  fallback: (issue) => `この値は使えません（${issue.field} ${issue.message}）`,
}

export const STRINGS: Record<Lang, EditorStrings> = { en: EN, ja: JA }

/** The form field a validator issue belongs to: `audience.url.0` → `audience.url.*`. */
const pattern = (field: string) =>
  field
    .replace(/^(question|followUp|thanks)\.[^.]+$/, '$1.*')
    .replace(/^(audience\.(?:url|excludeUrl))\.\d+$/, '$1.*')

/** A validator issue in plain words of the editor's language. */
export function issueText(issue: ConfigIssue, lang: Lang): string {
  const strings = STRINGS[lang]
  return (
    strings.errors[issue.field] ?? strings.errors[pattern(issue.field)] ?? strings.fallback(issue)
  )
}
