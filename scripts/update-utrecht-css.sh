#!/usr/bin/env bash
# Refresh the vendored NL Design System CSS (Utrecht component library) in static/vendor/utrecht.
# Usage: scripts/update-utrecht-css.sh [version]   (default: latest). Needs npm; the site does not.
set -euo pipefail
version="${1:-latest}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@utrecht/component-library-css@${version}" >/dev/null && tar xzf ./*.tgz)
target="$here/static/vendor/utrecht"
cp "$work/package/dist/index.css" "$target/component-library.css"
cp "$work/package/LICENSE.md" "$target/LICENSE.md"
installed="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$work/package/package.json")"
sed -i -E "s/^version [0-9.]+, licensed/version ${installed}, licensed/" "$target/README.md"
echo "@utrecht/component-library-css ${installed} -> static/vendor/utrecht/"
