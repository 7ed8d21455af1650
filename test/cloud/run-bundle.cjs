// Child process of the cloud tier: loads ONE compiled cloud function (dist/cloudfunctions/<fn>/index.js,
// which requires the real wx-server-sdk from node_modules) and runs `main(event)` for each message.
// The platform passes the caller through the environment (WX_OPENID, TRIGGER_SRC …); the SDK reads
// process.env at call time (getWXContext and the node-sdk's getCloudbaseContext), so the env of each
// call is set here before main runs — calls are sequential, as in one function instance.
const path = require('node:path');

const file = path.resolve(process.argv[2]);

// A fixed "today" for the tier (CLOUD_TIER_NOW, ms): the clock moves on from it at real speed, so the
// results do not depend on the day the suite runs (reminder windows, working days, quarters).
if (process.env.CLOUD_TIER_NOW) {
  const realNow = Date.now.bind(Date);
  const offset = Number(process.env.CLOUD_TIER_NOW) - realNow();
  // CLOUD_TIER_SHIFT (ms, set per call by the tier): days passing between calls (a publicity period)
  Date.now = () => realNow() + offset + Number(process.env.CLOUD_TIER_SHIFT || 0);
}
let main = null;

process.on('message', async (msg) => {
  const { id, event, env } = msg;
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v === null) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    main ??= require(file).main;
    const result = await main(event, {});
    process.send({ id, result });
  } catch (e) {
    process.send({ id, error: String(e?.stack ?? e) });
  }
});
process.send({ ready: true });
