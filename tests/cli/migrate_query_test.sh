#!/usr/bin/env bash
# railgun migrate + railgun query on a scratch SQLite file: tables are created (and a second migrate is a no-op),
# a nested create mutation writes rows, a query reads them back in one statement, a validation failure changes
# nothing, and --explain lists the statements. Usage: migrate_query_test.sh <railgun binary>
set -euo pipefail
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="sqlite:///$dir/blog.sqlite3"
models=examples/blog/models.yaml
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect <name> <actual> <expected>
  [[ "$2" == "$3" ]] || fail "$1: got $2, expected $3"
}

"$bin" migrate --models "$models" --database "$db" >/dev/null
plan=$("$bin" migrate --models "$models" --database "$db" --plan)
grep -q 'CREATE TABLE' <<<"$plan" && fail "second migrate plans tables again: $plan"

q() { "$bin" query --models "$models" --database "$db" "$@"; }
user=$(q 'mutation { createUser(input: {username: "ada", email: "ada@example.org"}) { ok user { id } errors { field code } } }')
expect "create user" "$user" '{"data":{"createUser":{"ok":true,"user":{"id":"1"},"errors":[]}}}'
author=$(q 'mutation { createAuthor(input: {userId: "1", bio: "Bio with \"quotes\" and \u00e9"}) { ok author { bio } } }')
expect "create author" "$author" '{"data":{"createAuthor":{"ok":true,"author":{"bio":"Bio with \"quotes\" and é"}}}}'
post=$(q 'mutation { createPost(input: {title: "Hello", content: "World", authorId: "1", category: {name: "Tech"}, tags: [{name: "GraphQL"}, {name: "C++"}]}) { ok post { title category { name } tags { name } } errors { field message } } }')
expect "nested create" "$post" '{"data":{"createPost":{"ok":true,"post":{"title":"Hello","category":{"name":"Tech"},"tags":[{"name":"GraphQL"},{"name":"C++"}]},"errors":[]}}}'
bad=$(q 'mutation { createPost(input: {title: "", content: "x", authorId: "99", categoryId: "1"}) { ok errors { field code } } }')
expect "invalid create" "$bad" '{"data":{"createPost":{"ok":false,"errors":[{"field":"title","code":"blank"},{"field":"authorId","code":"does_not_exist"}]}}}'
count=$(q '{ posts { totalCount } }')
expect "rows after the failed create" "$count" '{"data":{"posts":{"totalCount":1}}}'
explain=$(q --explain '{ posts { edges { node { title author { bio } tags { name } } } } }')
n=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(len(d["statements"]))' "$explain")
expect "statements for a nested query" "$n" "1"
plan=$("$bin" explain --models "$models" --database "$db" '{ posts(first: 1) { edges { node { title } } } tags { totalCount } }')
fields=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(",".join(f["field"] + ":" + str(bool(f["sql"]) and len(f["plan"]) > 0) for f in d["fields"]))' "$plan")
expect "explain" "$fields" "posts:True,tags:True"
"$bin" explain --models "$models" --database "$db" 'mutation { deleteTag(id: "1") { ok } }' 2>/dev/null && fail "explain ran a mutation"
echo "cli_migrate_query: ok"
