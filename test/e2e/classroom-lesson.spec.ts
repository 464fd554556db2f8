// Beside an open lesson on a classroom projector: the lesson pane and the Labs menu, the Send tab
// and the trace toolbar keep every control whole and in reach at 1280x720 and 1440x900, in
// Japanese and English, at 100 % and at the largest text size.
import { LOCALES, SCALES, SHOW_SCROLLBARS, VIEWPORTS, clippedOrWrapped, deliverOne, expect, openAt, setAttack, test, unreachableControls } from './classroom-support.ts';

test.use(SHOW_SCROLLBARS);

// The lesson pane and the Labs menu: with a lab open, every button of the lesson (hints, quiz,
// start again, reset progress, hide) and of the menu is in reach, and the header still fits.
for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      test(`${viewport.width}x${viewport.height} ${locale} ${scale * 100}%: the lesson pane and the Labs menu are in reach`, async ({ page, lab }, testInfo) => {
        await page.setViewportSize(viewport);
        await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
        await openAt(page, lab, locale, scale);
        await page.getByTestId('labs-menu-button').click();
        await expect(page.getByTestId('labs-menu-item')).not.toHaveCount(0);
        expect(await unreachableControls(page, '[data-testid="labs-menu"]')).toEqual([]);
        await page.locator('[data-testid="labs-menu-item"][data-lab="04-starttls-stripping"]').click();
        await expect(page.getByTestId('labs-menu')).toHaveCount(0);
        const pane = page.getByTestId('lesson-pane');
        await expect(pane).toHaveAttribute('data-lab', '04-starttls-stripping');
        await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
        await expect(page.getByTestId('lesson-step')).not.toHaveCount(0);

        // Every hint shown, as a learner who asked for all of them.
        for (let more = pane.getByTestId('step-hint'); (await more.count()) > 0; ) await more.first().click();
        expect(await clippedOrWrapped(page, 'header')).toEqual([]);
        expect(await unreachableControls(page, '[data-testid="lesson-pane"]')).toEqual([]);
        expect(await unreachableControls(page)).toEqual([]);
        if (viewport.width === 1280) await page.screenshot({ path: testInfo.outputPath(`lesson-${locale}-${scale * 100}.png`) });

        // Hidden, the lesson leaves a labelled rail that brings it back.
        await page.getByTestId('lesson-hide').click();
        await expect(pane).toHaveCount(0);
        await page.getByTestId('lesson-show').click();
        await expect(pane).toBeVisible();
      });
    }
  }
}

// The Send tab beside an open lesson: the form and the outbox side by side, so the Send button
// and the message just sent are in sight together, each column scrolling on its own.
for (const locale of LOCALES) {
  test(`1280x720 ${locale}: the Send tab beside the lesson`, async ({ page, lab }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
    await openAt(page, lab, locale, 1, { lab: '01-smtp-by-hand' });
    await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', '01-smtp-by-hand');
    await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
    await page.getByTestId('send-tab').click();

    const sent = await fetch(new URL('/api/send', lab.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Seating plan', body: 'Row 3.\n', policy: 'opportunistic' } }),
    });
    expect(sent.status).toBe(200);
    const { message } = (await sent.json()) as { message: { id: string } };
    const newest = page.locator(`[data-testid="outbox-item"][data-id="${message.id}"]`);
    await expect(newest).toHaveAttribute('data-state', 'delivered');

    await expect(page.getByTestId('compose-send')).toBeInViewport({ ratio: 1 });
    await expect(newest.getByTestId('outbox-state')).toBeInViewport({ ratio: 1 });
    const [formBox, newestBox] = [await page.getByTestId('compose-form').boundingBox(), await newest.boundingBox()];
    expect(newestBox!.x).toBeGreaterThanOrEqual(formBox!.x + formBox!.width);
    expect(await unreachableControls(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`send-beside-lesson-${locale}.png`) });
  });
}

// The trace toolbar beside a lesson and beside its folded rail: every control whole and in view
// (those folded under the ⋯ button once it is opened), no label broken over two lines. The bottom
// tab keeps room for its content; at 200 % beside a lesson its tabs stand in one row that scrolls,
// its arrows bring the last tab and the first back into view, every control of every tab is in
// reach, and the terminal's notice when its shell ends is whole.
for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      for (const lesson of ['open', 'folded'] as const) {
        test(`${viewport.width}x${viewport.height} ${locale} ${scale * 100}% lesson ${lesson}: the trace toolbar and the bottom tabs`, async ({ page, lab }, testInfo) => {
          await page.setViewportSize(viewport);
          await page.addInitScript((collapsed) => localStorage.setItem('smtp-lab.lesson', JSON.stringify({ collapsed })), lesson === 'folded');
          await openAt(page, lab, locale, scale, { lab: '01-smtp-by-hand' });
          await expect(page.getByTestId(lesson === 'open' ? 'lesson-pane' : 'lesson-show')).toBeVisible();
          await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
          await deliverOne(lab, 'Layout check');
          const toolbar = page.getByTestId('trace-toolbar');
          await expect(toolbar.getByTestId('trace-more').or(toolbar.getByTestId('replay-start'))).toBeVisible();
          const more = toolbar.getByTestId('trace-more');
          if (await more.isVisible()) {
            await more.click();
            await expect(more).toHaveAttribute('aria-expanded', 'true');
          }
          await expect(toolbar.getByTestId('replay-start')).toBeEnabled();
          for (const control of ['replay-start', 'export-button', 'trace-clear']) {
            await expect(toolbar.getByTestId(control), control).toBeInViewport({ ratio: 1 });
          }
          expect(await clippedOrWrapped(page, '[data-testid="trace-toolbar"]')).toEqual([]);
          expect(await unreachableControls(page, '[data-testid="trace-toolbar"]')).toEqual([]);
          if (scale === 2) await page.screenshot({ path: testInfo.outputPath(`trace-toolbar-${viewport.width}-${locale}-${lesson}.png`) });
          if (await more.isVisible()) {
            // It closes as a menu does: Escape, or a click elsewhere.
            const panel = toolbar.getByTestId('trace-more-panel');
            await page.keyboard.press('Escape');
            await expect(panel).toHaveCount(0);
            await more.click();
            await expect(panel).toBeVisible();
            await page.getByTestId('terminal').click();
            await expect(panel).toHaveCount(0);
            await expect(more).toHaveAttribute('aria-expanded', 'false');
          }

          const body = await page.locator('[role="tabpanel"]').boundingBox();
          expect(body!.height, 'height of the open tab').toBeGreaterThanOrEqual(150);
          expect(await clippedOrWrapped(page, '[role="tablist"]')).toEqual([]);
          expect(await unreachableControls(page, '[role="tablist"]')).toEqual([]);
          if (scale === 2 && lesson === 'open') {
            const [first, last] = [page.locator('[role="tab"]').first(), page.locator('[role="tab"]').last()];
            const [back, forward] = [page.getByTestId('tabs-back'), page.getByTestId('tabs-forward')];
            await expect(back).toBeDisabled();
            // Each press scrolls smoothly; press again until the last tab is whole in view.
            await expect(async () => {
              if (await forward.isEnabled()) await forward.click({ timeout: 1000 });
              await expect(last).toBeInViewport({ ratio: 1, timeout: 1000 });
            }).toPass();
            await expect(forward).toBeDisabled();
            await last.click();
            await expect(last).toHaveAttribute('aria-selected', 'true');
            await page.screenshot({ path: testInfo.outputPath(`tabs-scrolled-${viewport.width}-${locale}.png`) });
            await expect(async () => {
              if (await back.isEnabled()) await back.click({ timeout: 1000 });
              await expect(first).toBeInViewport({ ratio: 1, timeout: 1000 });
            }).toPass();
            await expect(back).toBeDisabled();

            const problems: string[] = [];
            const tabs = page.locator('[role="tablist"] [role="tab"]');
            for (let i = 0; i < (await tabs.count()); i++) {
              await tabs.nth(i).click();
              await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
              for (const problem of await unreachableControls(page)) problems.push(`${await tabs.nth(i).getAttribute('data-testid')}: ${problem}`);
            }
            expect(problems).toEqual([]);

            // The terminal's notice when its shell ends: whole beside the lesson, its button on one line.
            const newShell = page.getByTestId('new-shell');
            await expect(async () => {
              await page.getByTestId('terminal').click();
              await page.keyboard.type('exit\n');
              await expect(newShell).toBeVisible({ timeout: 2000 });
            }).toPass();
            await expect(page.getByRole('status').filter({ has: newShell })).toBeInViewport({ ratio: 1 });
            expect(await clippedOrWrapped(page, '[data-testid="new-shell"]')).toEqual([]);
            await newShell.click();
            await expect(newShell).toHaveCount(0);

            // The open tab comes back into view when something else opens it: the header's attack indicator.
            await setAttack(lab, 'strip-starttls');
            try {
              await page.getByTestId('attack-indicator').click();
              await expect(page.getByTestId('attacker-tab')).toBeInViewport({ ratio: 1 });
            } finally {
              await setAttack(lab, 'off');
            }
          }
        });
      }
    }
  }
}
