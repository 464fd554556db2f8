// The learner switches the attacker on from the lab terminal and sees 250-STARTTLS vanish from
// the EHLO reply of their own hand-typed session; then runs a headless-style delivery with
// `lab send --attack` and reads the outcome.
import { test, expect, openLab, terminalText, typeLine, waitForReply } from './lab-fixture.ts';

test.use({ viewport: { width: 1600, height: 1200 } });

test('lab attack strip-starttls in the terminal hides STARTTLS from the hand-typed session', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'lab attack strip-starttls --param mode=rewrite-ehlo');
  await expect.poll(() => terminalText(page)).toContain('attacker ON: strip-starttls');
  await expect(page.getByTestId('attack-indicator')).toBeVisible();

  await typeLine(page, 'smtp mx.example.jp');
  let seq = await waitForReply(page, '220');
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, /250/, seq);
  await expect.poll(() => terminalText(page)).toContain('250-XXXXXXXA');
  const attackRow = page.locator('[data-testid="trace-row"][data-layer="attack"]').filter({ hasText: 'XXXXXXXA' });
  await expect(attackRow.first()).toBeVisible();
  await typeLine(page, 'QUIT');
  await waitForReply(page, '221', seq);

  await typeLine(page, 'clear');
  await typeLine(page, 'lab send --from alice@sender.example --to bob@example.jp --policy mta-sts --subject guarded');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/stoppedBy=RFC 8461 §5/);
  await typeLine(page, 'lab attack off');
  await expect.poll(() => terminalText(page)).toContain('attacker off');
  await expect(page.getByTestId('attack-indicator')).toHaveCount(0);
});

test('the impostor answers the learner too once the attacker runs it', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'lab attack impostor');
  await expect.poll(() => terminalText(page)).toContain('attacker ON: impostor');
  await typeLine(page, 'smtp mail.attacker.example');
  await expect.poll(() => terminalText(page)).toContain('220 mail.attacker.example');
  await typeLine(page, 'EHLO learner.example');
  await typeLine(page, 'MAIL FROM:<alice@sender.example>');
  await typeLine(page, 'RCPT TO:<bob@example.jp>');
  // The impostor accepts mail for example.jp: the row of its reply is on the terminal's link to it.
  const accepted = page.locator('[data-testid="trace-row"][data-layer="smtp"][data-dir="s2c"]').filter({ hasText: /250 Accepted/ });
  await expect(accepted).toHaveCount(2);
  await typeLine(page, 'QUIT');
  await expect.poll(() => terminalText(page)).toContain('221');
});
