/** The multipart/form-data body wx.uploadFile sends: text fields and files, split by the boundary. */
export interface Multipart {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Parses a body; null when it is not multipart with a boundary. */
export function parseMultipart(contentType: string, body: Buffer): Multipart | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType) || !m || !Buffer.isBuffer(body)) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const out: Multipart = { fields: {}, files: {} };
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return out; // the closing delimiter
    const next = body.indexOf(delimiter, start);
    if (next < 0) return null;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before the CRLF ending the part
    const headEnd = part.indexOf(HEAD_END);
    if (headEnd < 0) return null;
    const head = part.subarray(0, headEnd).toString('utf8');
    const content = part.subarray(headEnd + HEAD_END.length);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name !== undefined) {
      if (/filename="/i.test(head)) out.files[name] = Buffer.from(content);
      else out.fields[name] = content.toString('utf8');
    }
    at = next;
  }
}
