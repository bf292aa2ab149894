#!/usr/bin/env bash
# The demo on Payara (`mvn -Pdemo,payara package`), in the foreground until Ctrl-C:
#   run-demo.sh PAYARA_HOME PORTBASE WAR SEAL_DIR
# The domain attest-demo (HTTP on PORTBASE + 80) gets the demo users (prepare-domain.sh), the WAR goes to its
# autodeploy folder, and a fresh Ed25519 demo key seals the trail (a real deployment takes the key store password
# from its own secret store; MicroProfile Config reads these ATTEST_* variables).
set -euo pipefail

home=$1 portbase=$2 war=$3 seal=$4
here=$(cd "$(dirname "$0")" && pwd)
domain=attest-demo

bash "$here/prepare-domain.sh" "$home" "$domain" "$portbase" $((portbase + 48))

rm -rf "$seal"
mkdir -p "$seal"
keytool -genkeypair -keyalg Ed25519 -alias attest-demo -dname CN=attest-demo -validity 365 -storetype PKCS12 \
    -keystore "$seal/seal.p12" -storepass demo-seal-password
keytool -exportcert -rfc -alias attest-demo -keystore "$seal/seal.p12" -storepass demo-seal-password \
    -file "$seal/trusted-keys.pem"

autodeploy="$home/glassfish/domains/$domain/autodeploy"
rm -rf "$autodeploy"/attest-demo.war*
cp "$war" "$autodeploy/attest-demo.war"

export ATTEST_SEAL_ENABLED=true
export ATTEST_SEAL_KEY_STORE="$seal/seal.p12"
export ATTEST_SEAL_KEY_STORE_PASSWORD=demo-seal-password
export ATTEST_SEAL_KEY_ALIAS=attest-demo
export ATTEST_SEAL_CHECKPOINT_FILE="$seal/checkpoints.log"
echo "Attest demo on Payara: http://localhost:$((portbase + 80))/attest-demo/ once the log says it is ready"
exec "$home/bin/asadmin" start-domain --verbose "$domain"
