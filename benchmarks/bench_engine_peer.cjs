// Runs one benchmark job with aws-local-stepfunctions; prints {"seconds", "status"} as JSON.
// Usage: node --require ./node_polyfills.cjs bench_engine_peer.cjs JOB.json
const fs = require("fs");
const path = require("path");
const peer = path.join(__dirname, ".peers", "node", "node_modules", "aws-local-stepfunctions");
const { StateMachine } = require(peer);

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const handlers = {};
  for (const [state, result] of Object.entries(job.handlers || {})) {
    handlers[state] = async () => result;
  }
  const machine = new StateMachine(job.definition, {
    validationOptions: { checkPaths: false, checkArn: false },
  });
  // One warm-up run, then the best of three (as bench_engine.py does for our engine).
  let best = Infinity;
  let status = "SUCCEEDED";
  for (let round = 0; round < 4; round++) {
    const start = process.hrtime.bigint();
    try {
      const execution = machine.run(job.input, {
        overrides: { taskResourceLocalHandlers: handlers },
        context: job.context,
      });
      await execution.result;
    } catch (err) {
      status = "FAILED: " + (err && err.message ? err.message : String(err));
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (round > 0) best = Math.min(best, seconds);
  }
  const seconds = best;
  process.stdout.write(JSON.stringify({ seconds, status }) + "\n");
}

main();
