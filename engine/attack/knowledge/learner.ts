// One connection's facts into the attacker's knowledge, each new fact a "learn" row.

import { text } from '../../../common/i18n/text.ts';
import type { LearnedFact } from '../../../common/trace-details.ts';
import type { DecodedEvent } from '../../protocol/decoded-event.ts';
import type { AttackRowInput } from '../attack-rows.ts';
import type { Envelope, KnowledgeBook } from './knowledge-book.ts';
import { KnowledgeReader, type Fact } from './knowledge-reader.ts';
import { messageIdOf } from '../../protocol/message-id.ts';
import { readMessage, unstuff } from './message-text.ts';

export class ConnectionLearner {
  private readonly reader = new KnowledgeReader();
  private envelope: Envelope | null = null;

  constructor(
    private readonly book: KnowledgeBook,
    /** The trace flow of the connection this learner reads. */
    private readonly flow: string,
    private readonly report: (input: AttackRowInput) => void,
  ) {}

  rows(rows: DecodedEvent[]): void {
    for (const row of rows) for (const fact of this.reader.read(row)) this.learn(fact);
  }

  private learn(fact: Fact): void {
    switch (fact.type) {
      case 'mail-from':
        this.envelope = this.book.addEnvelope(fact.address);
        this.report({ action: 'learn', dir: 'c2s', said: text('attack.learnMailFrom', { address: fact.address }), fields: { what: 'mail-from', value: fact.address } satisfies LearnedFact });
        break;
      case 'rcpt-to':
        this.envelope ??= this.book.addEnvelope('');
        this.book.addRecipient(this.envelope, fact.address);
        this.report({ action: 'learn', dir: 'c2s', said: text('attack.learnRcptTo', { address: fact.address }), fields: { what: 'rcpt-to', value: fact.address } satisfies LearnedFact });
        break;
      case 'credential':
        this.book.addCredential({ mechanism: fact.mechanism, user: fact.user, password: fact.password });
        this.report({
          action: 'learn',
          dir: 'c2s',
          said: text('attack.learnCredential', { mechanism: fact.mechanism, user: fact.user, password: fact.password }),
          fields: { what: 'credential', mechanism: fact.mechanism, user: fact.user, password: fact.password } satisfies LearnedFact,
          rule: 'RFC 4954 §4',
        });
        break;
      case 'message':
        this.envelope = null;
        const wire = unstuff(fact.wire, fact.complete);
        // Noted before the bytes go on, so the verdict of this delivery can never miss it.
        this.book.noteRead(this.flow, messageIdOf(wire));
        void readMessage(wire, this.flow).then((message) => {
          this.book.addMessage(message);
          this.report({
            action: 'learn',
            dir: 'c2s',
            said: text('attack.learnMessage', { subject: message.subject, headers: message.headers.length, chars: message.body.length }),
            fields: { what: 'message', subject: message.subject, headerFields: message.headers.length, bodyChars: message.body.length, complete: fact.complete } satisfies LearnedFact,
          });
        });
        break;
    }
  }
}
