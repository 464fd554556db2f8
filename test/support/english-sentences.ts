// Finds English sentences left in text meant to be Japanese. What may stay as it is, is taken
// out first: protocol bytes (SMTP replies, RFC 3464 field lines), RFC citations, quoted data
// (subjects, policy text, record data), links between lab nodes, lab commands ("lab dkim"), host
// names, addresses and cipher names (they are not words of letters only). What is left must not hold four English words in a row.

/** RFC 3464 / RFC 5322 field lines of a notice: "Reporting-MTA: dns; ...", "Status: 2.0.0". */
const FIELD_LINE = /^(?:Reporting-MTA|X-Queue-ID|Arrival-Date|Final-Recipient|Action|Status|Remote-MTA|Last-Attempt-Date|X-Next-Retry-Date):.*$/gm;
/** The field name and type of a Diagnostic-Code line; its free text stays to be checked. */
const DIAGNOSTIC_PREFIX = /^Diagnostic-Code: X-SMTP-Lab;/gm;
/** An SMTP reply as the server sent it: code, optional enhanced status, text up to a bracket or the line end. */
const SMTP_REPLY = /\b[2-5]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?[^[\]()（）「」\n]*/g;
const RFC_CITATION = /RFC \d+(?: §[\d.]+)?|§[\d.]+/g;
const QUOTED = /"[^"\n]*"|「[^」\n]*」|“[^”\n]*”/g;
/** A lab command as the learner types it, e.g. "lab dkim" of "lab dkim record current"; its arguments stay to be checked. */
const LAB_COMMAND = /\b(?:smtp-)?lab (?:hosts|mailbox|mailq|send|tlsrpt|attack|postconf|checker|dns|policy|receiver|dkim|isp|list|reset|solve)\b/g;
/** A link between two lab nodes by their ids, e.g. "terminal → mx.example.jp:25". */
const LINK = /[\w.-]+ → [\w.:-]+/g;
const WORD = /^[A-Za-z][A-Za-z'’-]*$/;
const JAPANESE = /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/;

export function withoutProtocol(text: string): string {
  return text.replace(FIELD_LINE, ' ').replace(DIAGNOSTIC_PREFIX, ' ').replace(QUOTED, ' ').replace(RFC_CITATION, ' ').replace(SMTP_REPLY, ' ').replace(LINK, ' ').replace(LAB_COMMAND, ' ');
}

/** Runs of four or more English words in `text`, once protocol text is taken out. */
export function englishRuns(text: string): string[] {
  const runs: string[] = [];
  for (const line of withoutProtocol(text).split('\n')) {
    let run: string[] = [];
    const flush = () => {
      if (run.length >= 4) runs.push(run.join(' '));
      run = [];
    };
    for (const raw of line.split(/\s+/)) {
      const token = raw.replace(/^[(（[<"'“‘]+|[)）\],.;:!?>"'”’、。：]+$/g, '');
      // Japanese ends a run; a name, number or symbol inside an English sentence does not
      // ("the policy for example.jp is enforce and" is one run).
      if (WORD.test(token)) run.push(token);
      else if (JAPANESE.test(token)) flush();
    }
    flush();
  }
  return runs;
}

/**
 * Problems of a text meant for a Japanese reader: an English sentence outside protocol text, or
 * words (two or more outside protocol text) without any Japanese. A lone code such as
 * "try-next-mx", a name or a number is not a sentence.
 */
export function japaneseProblems(text: string): string[] {
  const problems = englishRuns(text).map((run) => `English: "${run}"`);
  const words = withoutProtocol(text)
    .split(/\s+/)
    .map((raw) => raw.replace(/^[(（[<"'“‘]+|[)）\],.;:!?>"'”’、。：]+$/g, ''))
    .filter((token) => WORD.test(token));
  if (words.length >= 2 && !JAPANESE.test(text)) problems.push(`no Japanese in "${text.slice(0, 80)}"`);
  return problems;
}
