// Preloaded into a measured `asn` process (NODE_OPTIONS=--import): prints its peak RSS at exit.
process.on('exit', () => process.stderr.write(`\nASN_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`));
