#!/bin/sh
# Grammar authors only (never at install time): fetch Debian trixie's tree-sitter CLI with apt
# into .cache/tree-sitter-cli. npm's tree-sitter-cli downloads from GitHub (unreachable here) and
# bookworm has no package. The trixie binary needs glibc >= 2.39, so trixie's libc6 is unpacked
# beside it and the CLI runs through that libc's dynamic loader. Nothing is installed system-wide.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D="$ROOT/.cache/tree-sitter-cli"
if [ -x "$D/tree-sitter" ] && "$D/tree-sitter" --version >/dev/null 2>&1; then "$D/tree-sitter" --version; exit 0; fi
mkdir -p "$D/apt/lists/partial" "$D/apt/cache/archives/partial" "$D/debs" "$D/root"
MIRROR=$(grep -h '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)
[ -n "$MIRROR" ] || MIRROR=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -1)
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" > "$D/apt/sources.list"
APT="-o Dir::Etc::SourceList=$D/apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$D/apt/lists -o Dir::Cache=$D/apt/cache -o APT::Sandbox::User=root"
apt-get $APT -qq update
cd "$D/debs"
apt-get $APT -qq download tree-sitter-cli/trixie libc6/trixie libgcc-s1/trixie
for f in *.deb; do dpkg-deb -x "$f" "$D/root"; done
L="$D/root/usr/lib/x86_64-linux-gnu"
printf '#!/bin/sh\nexec "%s/ld-linux-x86-64.so.2" --library-path "%s" "%s/root/usr/bin/tree-sitter" "$@"\n' "$L" "$L" "$D" > "$D/tree-sitter"
chmod +x "$D/tree-sitter"
"$D/tree-sitter" --version
