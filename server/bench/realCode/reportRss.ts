/** Preloaded (`node -r`) into the CLI process of a smoke run: report its peak RSS on stderr at exit. */
process.on('exit', () => {
  process.stderr.write(`\nmaxRSS ${process.resourceUsage().maxRSS}\n`);
});
