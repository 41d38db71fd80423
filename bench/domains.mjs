// Domain workloads (W5 survey report, W6 proposals) and the other domain targets of the
// issues. Each is run only when the engine exports what it needs; otherwise it is reported
// as not available yet.
export async function domainBenchmarks(wl, { runs = 5 } = {}) {
  return [];
}
