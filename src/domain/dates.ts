// Listing dates as calendar days. Papers carry their listing date as the source gives it: an ISO
// date ("2024-03-17", maybe with a time) or a page label without a year ("Mar 17"). The graph also
// stores the day as a real, indexed Neo4j date (Paper.listedOn) so filters, sorting and trending
// are index range scans instead of string parsing in every query. A label without a year becomes
// year 0000: it sorts before every dated paper (as the label's unknown year must be treated by an
// ISO bound) and keeps its month and day for label bounds ("Mar 1" compares month and day only).

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ISO = /^(\d{4})-(\d{2})-(\d{2})/;
const LABEL = /^([a-z]{3})[a-z]*\.? (\d{1,2})(?:, (\d{4}))?$/;

/** The year that marks a listing label without one ("Mar 17" is 0000-03-17). */
export const UNKNOWN_YEAR = "0000";

/**
 * The sortable key "YYYY-MM-DD" of a listing date (year 0000 for labels without a year), or null
 * when it is neither an ISO date nor a "Mon D[, YYYY]" label. Month and day are not range-checked.
 */
export function dateKey(value: string): string | null {
  const d = value.trim().toLowerCase();
  const iso = ISO.exec(d);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const label = LABEL.exec(d);
  if (!label) return null;
  const month = MONTHS.indexOf(label[1]!);
  if (month < 0) return null;
  return `${label[3] ?? UNKNOWN_YEAR}-${String(month + 1).padStart(2, "0")}-${label[2]!.padStart(2, "0")}`;
}

/** The calendar day of a listing date ("YYYY-MM-DD", year 0000 for labels), or null when there is no valid one. */
export function listingDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const key = dateKey(value);
  return key && isCalendarDay(key) ? key : null;
}

/** True for "YYYY-MM-DD" naming a real day of the proleptic Gregorian calendar (0000-02-29 included). */
export function isCalendarDay(key: string): boolean {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/**
 * The moment an ISO 8601 day ("2026-12-05": its start in UTC) or instant with a zone names, for text
 * whose shape the caller has checked; null when it names no real moment ("2026-02-30", which Date
 * would roll over to March 2).
 */
export function momentOf(text: string): Date | null {
  if (!isCalendarDay(text.slice(0, 10))) return null;
  const d = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(d.getTime()) ? null : d;
}
