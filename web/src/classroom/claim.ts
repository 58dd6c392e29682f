// The instructor URL (http://HOST:PORT/instructor#claim=SECRET) carries a one-time secret in its
// fragment: browsers never send a fragment to the server, so it stays out of logs and Referer.

/** The secret in `#claim=SECRET`, if the fragment holds one. */
export function claimSecret(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const secret = params.get('claim')?.trim();
  return secret ? secret : undefined;
}
