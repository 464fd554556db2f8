// Which tab of the bottom pane is open; the header's attack indicator opens the Attacker tab.

export const BOTTOM_TABS = ['mailbox', 'hosts', 'dns', 'send', 'mta-sts', 'tlsrpt', 'dmarc', 'attacker', 'main-cf', 'checker', 'matrix'] as const;
export type BottomTab = (typeof BOTTOM_TABS)[number];

class BottomTabs {
  current = $state<BottomTab>('mailbox');

  open(tab: BottomTab): void {
    this.current = tab;
  }
}

export const bottomTabs = new BottomTabs();
