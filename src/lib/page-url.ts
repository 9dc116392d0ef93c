/** The page URL as sent with answers: origin and path, without query string and fragment. */
export function pageUrl(location: Location): string {
  return location.origin + location.pathname
}
