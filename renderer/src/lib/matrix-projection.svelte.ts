// The attack matrix shown large for a room, over the window below its header. It is mounted on the
// page itself rather than in the bottom pane, so it stays when presenter mode hides that pane.
import { mount, unmount } from 'svelte';
import MatrixProjection from '../components/MatrixProjection.svelte';

class Projection {
  shown = $state(false);
  private instance: ReturnType<typeof mount> | null = null;
  /** Where the keyboard was before, to go back to on close. */
  private returnFocus: HTMLElement | null = null;
  /** What the layer covers, out of reach of the keyboard and assistive tools while it is shown. */
  private covered: HTMLElement[] = [];

  show(): void {
    if (this.instance) return;
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.instance = mount(MatrixProjection, { target: document.body, props: { onclose: () => this.hide() } });
    this.shown = true;
    // Everything of the app but its header (which stays usable above the layer) becomes inert.
    const app = document.querySelector<HTMLElement>('#app > .app');
    this.covered = app ? [...app.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el.tagName !== 'HEADER' && !el.inert) : [];
    for (const el of this.covered) el.inert = true;
  }

  hide(): void {
    if (!this.instance) return;
    void unmount(this.instance);
    this.instance = null;
    this.shown = false;
    for (const el of this.covered) el.inert = false;
    this.covered = [];
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }
}

export const projection = new Projection();
