// Counting drawn pixels in a screenshot: proof that text is really on screen, not only in the DOM.
import type { Page } from '@playwright/test';

/** Pixels of a PNG brighter than the terminal's dark background, counted in the page's own canvas. */
export function inkOf(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64: string) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 240) ink++;
    return ink;
  }, png.toString('base64'));
}
