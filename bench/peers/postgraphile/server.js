// PostGraphile v4 peer: library mode so plugin options can be set (relation filters on). Args: <db-url> <port>.
// Production settings as the PostGraphile docs recommend: no graphiql, no watch, dynamic JSON, prepared statements
// (default), simplify inflector + connection-filter. Two worker processes (node cluster) like the perf anchors.
const cluster = require("cluster");
const http = require("http");
const { postgraphile } = require("postgraphile");
const SimplifyInflector = require("@graphile-contrib/pg-simplify-inflector");
const ConnectionFilter = require("postgraphile-plugin-connection-filter");

const [dbUrl, port] = process.argv.slice(2);
const workers = Number(process.env.POSTGRAPHILE_WORKERS || 2);
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGTERM", () => { for (const w of Object.values(cluster.workers)) w.kill(); process.exit(0); });
} else {
  const handler = postgraphile(dbUrl, "public", {
    appendPlugins: [SimplifyInflector, ConnectionFilter],
    graphileBuildOptions: { connectionFilterRelations: true },
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    disableQueryLog: true,
    graphiql: false,
    retryOnInitFail: false,
  });
  http.createServer(handler).listen(Number(port), "127.0.0.1");
}
