// Where a lab address answers: (lab address, lab port) -> the loopback port of the link a node
// dials. The sending MTA looks its MX address up here, so a forged DNS answer that names another
// address really sends it elsewhere (the attacker's impostor), as on a real network.

export interface LabRoute {
  /** Loopback port to dial on 127.0.0.1. */
  listenPort: number;
  /** Lab host name answering at that address, for the trace. */
  host: string;
}

export class LabRoutes {
  private readonly routes = new Map<string, LabRoute>();

  private static key(from: string, address: string, port: number): string {
    return `${from}|${address}|${port}`;
  }

  /** Adds (or replaces) a route for node `from`; returns its removal. */
  set(from: string, address: string, port: number, route: LabRoute): () => void {
    const key = LabRoutes.key(from, address, port);
    const previous = this.routes.get(key);
    this.routes.set(key, route);
    return () => {
      if (this.routes.get(key) !== route) return;
      if (previous) this.routes.set(key, previous);
      else this.routes.delete(key);
    };
  }

  lookup(from: string, address: string, port: number): LabRoute | undefined {
    return this.routes.get(LabRoutes.key(from, address, port));
  }
}
