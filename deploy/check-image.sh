#!/usr/bin/env bash
# Builds deploy/Dockerfile and runs the image on a machine without a Docker engine, with buildah
# (daemonless, Debian's package): how the Dockerfile is checked where Docker cannot run.
#
# The base image node:20-bookworm-slim comes from Docker Hub, which such a machine may not reach;
# it is then stood in for by Debian bookworm (mmdebstrap, minbase) with this machine's Node 20
# where the official image keeps it (/usr/local: binary, npm, headers), its `node` user (uid 1000)
# and this machine's CA certificates, tagged with the official name so the Dockerfile's FROM finds it.
# Then, from a clean export of HEAD (git archive) with the Dockerfile's ignore file: the image
# builds (apt-get, npm ci compiling better-sqlite3, npm run build, prune); it runs as its user;
# /healthz answers; the HEALTHCHECK command passes; /data holds the database, its key file (0600)
# and a backup; SIGTERM stops it cleanly. Root; about 5 minutes the first time. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "Run as root: buildah and mmdebstrap need it." >&2; exit 1; }
need=()
command -v buildah >/dev/null 2>&1 || need+=(buildah)
command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

BASE=docker.io/library/node:20-bookworm-slim
work=$(mktemp -d /tmp/pitch-image-XXXXXX)
containers=()
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if ! buildah inspect --type image "$BASE" >/dev/null 2>&1; then
  echo "Making a stand-in for $BASE (Debian bookworm + this machine's Node $(node --version))…"
  mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$work/rootfs.tar" http://deb.debian.org/debian
  c=$(buildah from scratch)
  containers+=("$c")
  root=$(buildah mount "$c")
  tar -C "$root" -xf "$work/rootfs.tar"
  node_bin=$(command -v node)
  node_prefix=$(dirname "$(dirname "$(readlink -f "$node_bin")")")
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules" "$root/usr/local/include"
  cp "$(readlink -f "$node_bin")" "$root/usr/local/bin/node"
  cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  cp -a "$node_prefix/include/node" "$root/usr/local/include/node"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  # npm inside the build trusts what this machine trusts (a proxy's CA, where there is one).
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  chroot "$root" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node'
  buildah umount "$c" >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt --cmd node "$c"
  buildah commit --quiet "$c" "$BASE" >/dev/null
fi

echo "Building deploy/Dockerfile from HEAD…"
mkdir "$work/context"
git archive HEAD | tar -x -C "$work/context"
# Things a working tree has that must stay out of the image: the ignore file's job.
mkdir -p "$work/context/node_modules/left-behind" "$work/context/dist" "$work/context/data"
touch "$work/context/node_modules/left-behind/x" "$work/context/dist/left-behind" "$work/context/data/pitch.db"
(cd "$work/context" && buildah bud --quiet --format docker --isolation chroot --network host --layers=false \
  --ignorefile deploy/Dockerfile.dockerignore -f deploy/Dockerfile -t pitch-match .) >/dev/null

c=$(buildah from pitch-match)
containers+=("$c")
root=$(buildah mount "$c")
for leftover in app/node_modules/left-behind app/dist/left-behind app/data; do
  [ ! -e "$root/$leftover" ] || { echo "FAIL: /$leftover is in the image (Dockerfile.dockerignore)" >&2; exit 1; }
done
[ ! -e "$root/app/node_modules/vite" ] || { echo "FAIL: dev dependencies are in the image" >&2; exit 1; }
buildah umount "$c" >/dev/null

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
echo "Running the image on port $port…"
buildah run --isolation chroot --network host --env PORT="$port" --env PUBLIC_URL="http://127.0.0.1:$port" \
  "$c" -- node dist/server/index.js >"$work/run.log" 2>&1 &
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
server_pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$server_pid" ] || { echo "FAIL: the server did not start:" >&2; cat "$work/run.log" >&2; exit 1; }
# The HEALTHCHECK's own command (exec form), run inside the container as Docker would.
mapfile -t check < <(buildah inspect --type image pitch-match | node -e "
  let json = '';
  process.stdin.on('data', (d) => (json += d)).on('end', () => {
    const [form, ...command] = JSON.parse(json).Docker.config.Healthcheck.Test;
    if (form !== 'CMD') throw new Error('HEALTHCHECK is not in exec form: ' + form);
    for (const part of command) console.log(part);
  });")
[ ${#check[@]} -gt 0 ] || { echo "FAIL: the image has no HEALTHCHECK" >&2; exit 1; }
buildah run --isolation chroot --network host --env PORT="$port" "$c" -- "${check[@]}"
buildah run --isolation chroot "$c" -- sh -c '
  set -e
  [ "$(id -un)" = node ]
  [ "$(stat -c %a /data/pitch.db.key)" = 600 ]
  ls /data/backups/pitch-*.db >/dev/null'
kill "$server_pid"
for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
server_pid=
grep -q 'SIGTERM: closing' "$work/run.log" || { echo "FAIL: no clean stop:" >&2; cat "$work/run.log" >&2; exit 1; }
echo "OK: the image builds, runs as node, answers /healthz, passes its HEALTHCHECK, keeps /data, stops on SIGTERM."
