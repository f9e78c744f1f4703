/**
 * Display formatting that gives the same string on every machine. `Intl` output depends on the host's
 * ICU data and time zone, and a server/browser difference would be a hydration mismatch.
 */

/** 123456 → "$1,234.56" */
export function formatPrice(cents: number): string {
  const dollars = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `$${dollars}.${String(cents % 100).padStart(2, '0')}`;
}

/** 1234 → "19.99" for structured data (schema.org wants a plain decimal). */
export function decimalPrice(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-03-14" → "14 Mar 2025", with no time zone involved. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ''} ${year}`;
}
