/**
 * What git printed when a fetch failed → one sentence a user understands. git's messages (LC_ALL=C) and curl's are
 * matched here, once; anything unknown is passed on as git's own last line, cleaned of control characters and
 * credentials. `offline` marks the failures that say nothing about the repository (no network, host down, too slow):
 * only those let an earlier fetch of the same branch stand in.
 */
export interface Failure {
  reason: string;
  offline: boolean;
}

/** What was asked of the repository, for the sentence. */
export interface Asked {
  /** The repository's address, without credentials. */
  shown: string;
  sha?: string;
  ref?: string;
  timeoutMs: number;
}

/** Control characters out, user names and passwords out of URLs, at most 300 characters. */
export function cleanLine(text: string): string {
  const clean = text
    .replace(/[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1')
    .trim();
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

/** The line of stderr that says what went wrong: the last `fatal:` or `error:`, else the last line. */
function lastWord(stderr: string): string {
  const lines = stderr.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /^(fatal|error):/.test(l));
  return cleanLine((telling.at(-1) ?? lines.at(-1) ?? '').replace(/^(fatal|error):\s*/, ''));
}

export function explain(stderr: string, asked: Asked, run: { timedOut?: boolean; spawnError?: string } = {}): Failure {
  const where = asked.shown;
  if (run.spawnError === 'ENOENT') return { reason: 'git is not installed (or not on PATH), so plugins cannot be fetched: install git.', offline: false };
  if (run.spawnError) return { reason: `git could not be started (${cleanLine(run.spawnError)}).`, offline: false };
  if (run.timedOut) return { reason: `Fetching ${where} took longer than ${Math.round(asked.timeoutMs / 1000)} s, the limit, so it was stopped.`, offline: true };
  const host = /Could not resolve host: ([^\s;,']+)/i.exec(stderr)?.[1];
  if (host) return { reason: `The host "${cleanLine(host)}" of ${where} could not be found: there is no network, or the address is mistyped.`, offline: true };
  if (/Failed to connect|Couldn't connect to server|Connection refused|Network is unreachable|Connection timed out|Operation timed out|Connection reset|Empty reply from server|Recv failure/i.test(stderr)) {
    return { reason: `Could not connect to ${where}: there is no network, or the server is down.`, offline: true };
  }
  if (/SSL certificate problem|server certificate verification failed|SSL_ERROR|certificate has expired/i.test(stderr)) {
    return { reason: `The server of ${where} has a certificate that cannot be verified, so nothing was fetched from it.`, offline: false };
  }
  // A redirect to another protocol (https → file, ftp) is refused by GIT_ALLOW_PROTOCOL.
  if (/transport '[^']*' not allowed|Maximum \(?\d*\)? ?redirects followed|too many redirects/i.test(stderr)) {
    return { reason: `${where} leads to an address that is not allowed (another protocol, or redirects without end), so nothing was fetched.`, offline: false };
  }
  const fsck = /(?:error|fatal): object [0-9a-f]+: (\w+): (.*)/.exec(stderr);
  if (fsck || /fsck error/i.test(stderr)) {
    return { reason: `${where} sent objects git refuses${fsck ? ` (${fsck[1]}: ${cleanLine(fsck[2]!)})` : ''}: the repository is malformed, or made to attack git.`, offline: false };
  }
  if (/not our ref|unadvertised object|no such remote ref|couldn't find remote ref|bad object|not a valid object/i.test(stderr) && asked.sha) {
    return { reason: `${where} has no commit ${asked.sha}: the sha is mistyped, or the history was rewritten (force-pushed) since it was pinned.`, offline: false };
  }
  if (/couldn't find remote ref|no such remote ref/i.test(stderr) && asked.ref) {
    return { reason: `${where} has no branch or tag "${cleanLine(asked.ref)}".`, offline: false };
  }
  if (/Authentication failed|could not read Username|could not read Password|terminal prompts disabled|returned error: 40[13]/i.test(stderr)) {
    return { reason: `${where} asks for a login: the repository is private or does not exist. Only public repositories are fetched.`, offline: false };
  }
  if (/returned error: 404|not found|does not appear to be a git repository|not a git repository|No such file or directory/i.test(stderr)) {
    return { reason: `There is no git repository at ${where}.`, offline: false };
  }
  if (/returned error: 30\d/i.test(stderr)) {
    return { reason: `${where} redirects to another address, and redirects are not followed (one could lead into the build machine's own network): use the address it moved to.`, offline: false };
  }
  if (/returned error: 5\d\d/i.test(stderr)) return { reason: `The server of ${where} failed (${lastWord(stderr)}); the next build may succeed.`, offline: true };
  const said = lastWord(stderr).replace(/\.+$/, '');
  return { reason: `git could not fetch ${where}${said ? `: ${said}` : ''}.`, offline: false };
}
