// Web mode is a shell behind a token: without it, no API, no WebSocket, no terminal.
import WebSocket from 'ws';
import { test, expect } from './lab-fixture.ts';

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', (error) => reject(error));
  });
}

test('the API and the WebSocket refuse requests without the token, a foreign Origin or Host', async ({ lab, request }) => {
  const base = new URL(lab.url);
  expect(await upgradeStatus(lab.ws)).toBe(403);
  expect(await upgradeStatus(`${lab.ws}?token=wrong-${lab.token}`)).toBe(403);
  expect(await upgradeStatus(`${lab.ws}?token=${lab.token}`, { Origin: 'http://evil.example' })).toBe(403);
  expect(await upgradeStatus(`${lab.ws}?token=${lab.token}`, { Host: `evil.example:${base.port}` })).toBe(403);
  expect(await upgradeStatus(`${lab.ws}?token=${lab.token}`, { Origin: base.origin })).toBe(101);

  expect((await request.get(`${base.origin}/api/hosts`)).status()).toBe(403);
  const allowed = await request.get(`${base.origin}/api/hosts?token=${lab.token}`);
  expect(allowed.status()).toBe(200);
});

test('the UI opened without the token says so and opens no terminal', async ({ page, lab }) => {
  const base = new URL(lab.url);
  await page.goto(`${base.origin}/`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'unauthorized');
  await expect(page.locator('.xterm-rows')).toHaveCount(0);
});
