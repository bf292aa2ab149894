#!/usr/bin/env bash
# The whole test suite, as CI runs it: unit tests and the integration suite on WildFly's embedded H2, then the
# integration suite again on PostgreSQL when one answers on 127.0.0.1:5432, then the same suite on Payara Server 6
# (-Ppayara, from Maven Central), on H2 and on PostgreSQL (ATTEST_PAYARA=0 leaves Payara out). Arguments go to
# every Maven run:
#   ./test.sh -Dit.port-offset=100 -Dit.management-port=10090     # beside a server already on 8080 / 9990
#   ./test.sh -Dpayara.portbase=21000 -Dpayara.admin-port=21048   # Payara's ports elsewhere than 20000 + n
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
pg_up=false
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then pg_up=true; fi

# run LABEL DESCRIPTION MAVEN-ARGS...: one Maven run and its summary line
run() {
    local label=$1 what=$2; shift 2
    say "mvn -B verify $*   ($what)"
    local run_start
    run_start=$(date +%s)
    if mvn -B verify "$@"; then
        results+=("$(printf '%-19s' "$label:") PASSED  $(counts)  in $(elapsed "$run_start")")
    else
        status=1
        results+=("$(printf '%-19s' "$label:") FAILED  $(counts)  in $(elapsed "$run_start")  (reports: target/failsafe-reports)")
    fi
}

# the integration suite only: the unit tests ran in the first run
no_unit_tests=(-Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false)

run "WildFly/H2" "unit tests, then the integration suite on WildFly and H2" "$@"
if [ "$status" != 0 ]; then
    results+=("other runs:         not run, the WildFly/H2 run failed")
else
    if [ "$pg_up" = true ]; then
        run "WildFly/PostgreSQL" "the integration suite on WildFly and PostgreSQL at 127.0.0.1:5432" \
            -Ppostgresql "${no_unit_tests[@]}" "$@"
    else
        results+=("WildFly/PostgreSQL: not run, nothing answers on 127.0.0.1:5432")
    fi
    if [ "${ATTEST_PAYARA:-1}" != 0 ]; then
        run "Payara/H2" "the integration suite on Payara Server 6 and H2" -Ppayara "${no_unit_tests[@]}" "$@"
        if [ "$pg_up" = true ]; then
            run "Payara/PostgreSQL" "the integration suite on Payara Server 6 and PostgreSQL" \
                -Ppayara,postgresql "${no_unit_tests[@]}" "$@"
        else
            results+=("Payara/PostgreSQL:  not run, nothing answers on 127.0.0.1:5432")
        fi
    else
        results+=("Payara:             not run (ATTEST_PAYARA=0)")
    fi
fi

printf '\n==================== test summary ====================\n'
printf '%s\n' "${results[@]}"
printf 'total %s: %s\n' "$(elapsed "$started")" "$([ "$status" = 0 ] && echo PASSED || echo FAILED)"
exit $status
