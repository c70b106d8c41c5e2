/** Which cores (`taskset -c`) the server and the load sender may use. */
export interface Placement {
  server: string;
  load: string;
}
// Server on core 1, sender on core 0: neither steals the other's CPU, and the
// service's threads (webhook, writer, analysis, V8's helpers) share one core.
export const ONE_CORE: Placement = { server: '1', load: '0' };
// As the service runs on this machine: both cores, shared with the sender.
export const BOTH_CORES: Placement = { server: '0,1', load: '0,1' };
