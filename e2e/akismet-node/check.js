// Drives CommentShield's Akismet door with the npm package "akismet" (2.0.7), as a Node site
// would: verify-key, a ham and a spam comment-check, submit-spam and submit-ham.
//
// Environment: CS_HOST, CS_PORT (the service), CS_KEY (a 12-character API key), CS_BLOG (the
// site's URL), CS_RUN (a marker that makes this run's comments unique).
//
// akismet 2.0.7 posts verify-key to host:port with the key in the body, but the other calls to
// "KEY.host", which needs DNS for a name like KEY.127.0.0.1. So endPoint is set to the host too
// and the key goes in the api_key field, as Akismet documents it for every call.
"use strict";

const akismet = require("akismet");

const host = process.env.CS_HOST || "127.0.0.1";
const port = Number(process.env.CS_PORT);
const key = process.env.CS_KEY;
const blog = process.env.CS_BLOG || "http://node.example/";
const run = process.env.CS_RUN || String(Date.now());

const client = akismet.client({ blog, apiKey: key, host, port, endPoint: host });

function comment(content) {
  return {
    api_key: key,
    user_ip: "203.0.113.20",
    user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
    permalink: blog + "posts/1",
    comment_type: "comment",
    comment_author: "Node Reader",
    comment_author_email: "reader@node.example",
    comment_content: content,
  };
}

const ham = comment(`Thanks for the recipe, the bread came out great with a little more salt. (${run})`);
const spam = comment(
  `BUY CHEAP CIALIS and VIAGRA online, best canadian pharmacy, no prescription http://bit.ly/pills (${run})`
);
const missed = comment(`Earn 5000 dollars a week from home, message me on whatsapp now (${run})`);

function step(name, fn) {
  return new Promise((resolve, reject) =>
    fn((err, value) => {
      if (err) {
        reject(new Error(`${name}: ${err.message || err}`));
      } else {
        console.log(`${name}: ${value}`);
        resolve(value);
      }
    })
  );
}

async function main() {
  const valid = await step("verify-key", (cb) => client.verifyKey((e, v) => cb(e, v ? "valid" : "invalid")));
  const hamIsSpam = await step("comment-check ham", (cb) => client.checkComment(ham, cb));
  const spamIsSpam = await step("comment-check spam", (cb) => client.checkComment(spam, cb));
  await step("submit-spam", (cb) => client.submitSpam(missed, (e) => cb(e, "sent")));
  // the queued spam comment, reported back as a false positive: it resolves the queued item
  await step("submit-ham", (cb) => client.submitHam(spam, (e) => cb(e, "sent")));
  if (valid !== "valid" || hamIsSpam !== false || spamIsSpam !== true) {
    throw new Error("unexpected answers");
  }
  console.log("akismet-node: all checks passed");
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
