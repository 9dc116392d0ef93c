import type { Role } from '../contract/roles'
import { msg, t } from './i18n/translate'

const NAMES: Record<Role, string> = {
  viewer: msg('viewer'),
  responder: msg('responder'),
  editor: msg('editor'),
  admin: msg('admin'),
}

/** A role as the page's language names it. */
export const roleName = (role: Role) => t(NAMES[role])
