// Which server names (SNI, RFC 6066 §3) an HTTPS lab host presents a certificate of that name
// for. Only the lab's own names: minting a lab-CA certificate for any name asked would make the
// lab CA vouch for www.google.com, and write a key pair to the data directory per name tried.

import { LAB_ADDRESSES } from '../../dns/zone/lab-zones.ts';

export type ServesName = (servername: string) => boolean;

const ZONE_HOSTS: ReadonlySet<string> = new Set(Object.keys(LAB_ADDRESSES));

/** The host's own name, the host names in the lab's zone data, and whatever `also` accepts. */
export function labServerNames(defaultHostname: string, also: ServesName = () => false): ServesName {
  const own = defaultHostname.toLowerCase();
  return (servername) => {
    const name = servername.toLowerCase();
    return name === own || ZONE_HOSTS.has(name) || also(name);
  };
}
