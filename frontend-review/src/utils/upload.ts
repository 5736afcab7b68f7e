// Spreadsheet uploads (CSV or XLSX): what the file picker offers and the media type the body is sent with.

/** The `accept` of a file input for the imports: CSV and XLSX files. */
export const SPREADSHEET_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The body's media type for an uploaded file, by its name (the server accepts CSV, XLSX and plain bytes). */
export function uploadContentType(fileName: string): string {
  const name = fileName.toLowerCase()
  if (name.endsWith('.csv')) return 'text/csv'
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  return 'application/octet-stream'
}
