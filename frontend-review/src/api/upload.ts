// A file sent as the request body itself (imports of CSV/XLSX files): the contract describes such bodies as a
// byte array, so openapi-fetch is told to pass the Blob through unserialised, with the file's media type.

/** The body options of a raw file upload for an openapi-fetch call (`...rawFileBody(file, type)`). */
export function rawFileBody(file: Blob, contentType = 'application/octet-stream') {
  return {
    body: file as unknown as number[],
    bodySerializer: (body: number[]) => body as unknown,
    headers: { 'Content-Type': contentType },
  }
}
