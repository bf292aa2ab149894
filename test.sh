#!/usr/bin/env bash
# The whole test suite, as CI runs it: unit tests and the integration suite on WildFly's embedded H2, then the
# integration suite again on PostgreSQL when one answers on 127.0.0.1:5432. Arguments go to both Maven runs:
#   ./test.sh -Dit.port-offset=100 -Dit.management-port=10090     # beside a server already on 8080 / 9990
set -uo pipefail
cd "$(dirname "$0")"

started=$(date +%s)
results=()

say() { printf '\n==> %s\n' "$*"; }

elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# "42 tests, 0 failures, 0 errors, 0 skipped" from the last run's failsafe summary
counts() {
    local file=target/failsafe-reports/failsafe-summary.xml
    [ -f "$file" ] || { echo "no integration test summary"; return; }
    local c e f s
    c=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$file")
    e=$(sed -n 's:.*<errors>\([0-9]*\)</errors>.*:\1:p' "$file")
    f=$(sed -n 's:.*<failures>\([0-9]*\)</failures>.*:\1:p' "$file")
    s=$(sed -n 's:.*<skipped>\([0-9]*\)</skipped>.*:\1:p' "$file")
    echo "${c:-?} integration tests, ${f:-?} failures, ${e:-?} errors, ${s:-?} skipped"
}

# The browser tests drive Debian's headless Chromium through its chromedriver. Elsewhere, point them at your own
# with -Dattest.it.chromium=/path/to/chrome -Dattest.it.chromedriver=/path/to/chromedriver.
browser_given=false
for arg in "$@"; do
    case "$arg" in -Dattest.it.chromium=*|-Dattest.it.chromedriver=*) browser_given=true ;; esac
done
if [ "$browser_given" = false ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
    say "Installing Debian's chromium and chromium-driver for the browser tests"
    sudo=""
    if [ "$(id -u)" != "0" ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="missing"; fi
    fi
    if [ "$sudo" = "missing" ] || ! command -v apt-get >/dev/null 2>&1 \
        || ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver; } \
        || [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        cat >&2 <<'MSG'

The browser tests need Chromium and its chromedriver, and they could not be installed here
(this needs apt-get, as root or through sudo). Either install Debian's packages yourself:
    sudo apt-get install chromium chromium-driver
or point the tests at a Chromium and a matching chromedriver you have:
    ./test.sh -Dattest.it.chromium=/path/to/chrome -Dattest.it.chromedriver=/path/to/chromedriver
MSG
        exit 2
    fi
fi

status=0

say "mvn -B verify $*   (unit tests, then the integration suite on H2)"
run=$(date +%s)
if mvn -B verify "$@"; then
    results+=("H2:         PASSED  $(counts)  in $(elapsed "$run")")
else
    status=1
    results+=("H2:         FAILED  $(counts)  in $(elapsed "$run")  (reports: target/failsafe-reports, target/surefire-reports)")
fi

if [ "$status" != 0 ]; then
    results+=("PostgreSQL: not run, the H2 run failed")
elif (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    say "mvn -B verify -Ppostgresql $*   (the integration suite on PostgreSQL at 127.0.0.1:5432)"
    run=$(date +%s)
    if mvn -B verify -Ppostgresql "$@"; then
        results+=("PostgreSQL: PASSED  $(counts)  in $(elapsed "$run")")
    else
        status=1
        results+=("PostgreSQL: FAILED  $(counts)  in $(elapsed "$run")  (reports: target/failsafe-reports)")
    fi
else
    results+=("PostgreSQL: not run, nothing answers on 127.0.0.1:5432")
fi

printf '\n==================== test summary ====================\n'
printf '%s\n' "${results[@]}"
printf 'total %s: %s\n' "$(elapsed "$started")" "$([ "$status" = 0 ] && echo PASSED || echo FAILED)"
exit $status
