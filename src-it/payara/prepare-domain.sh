#!/usr/bin/env bash
# Prepares the Payara domain the integration suite runs in (called by `mvn verify -Ppayara`):
#   prepare-domain.sh PAYARA_HOME DOMAIN PORTBASE ADMIN_PORT
# - the domain, with every port at PORTBASE + Payara's standard offsets (admin + 48, HTTP + 80);
# - the file realm ApplicationRealm (the realm the test WARs name) as the default realm, with the users of
#   src-it/wildfly/configuration (alice: user, audit-viewer; bob and carol: user), groups mapped to roles of the
#   same name;
# - the default ContextService propagating Attest's context (context-info with Remaining, as the README says);
# - Hazelcast off (one instance, and no cluster ports to collide with).
# A domain prepared by this same script is kept; a changed script prepares it anew.
set -euo pipefail

home=$1 domain=$2 portbase=$3 admin_port=$4
if [ "$admin_port" != $((portbase + 48)) ]; then
    echo "payara.admin-port=$admin_port must be payara.portbase + 48 = $((portbase + 48))" >&2
    exit 1
fi
asadmin="$home/bin/asadmin"
domain_dir="$home/glassfish/domains/$domain"
marker="$domain_dir/.prepared-by"
script_sum=$(cat "$0" | sha256sum | cut -c1-16)
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$script_sum $portbase" ]; then
    echo "Payara domain $domain already prepared (portbase $portbase)"
    exit 0
fi

"$asadmin" stop-domain "$domain" >/dev/null 2>&1 || true
rm -rf "$domain_dir"
"$asadmin" --user admin create-domain --nopassword --portbase "$portbase" --checkports=true "$domain"

admin() { "$asadmin" --user admin --port "$admin_port" "$@"; }
"$asadmin" start-domain "$domain"
trap '"$asadmin" stop-domain "$domain" >/dev/null 2>&1 || true' EXIT

admin set-hazelcast-configuration --enabled=false --dynamic=true
admin create-auth-realm --classname com.sun.enterprise.security.auth.realm.file.FileRealm \
    --property 'file=${com.sun.aas.instanceRoot}/config/application-keyfile:jaas-context=fileRealm' ApplicationRealm
admin set configs.config.server-config.security-service.default-realm=ApplicationRealm
admin set configs.config.server-config.security-service.activate-default-principal-to-role-mapping=true

passwords=$(mktemp)
trap 'rm -f "$passwords"; "$asadmin" stop-domain "$domain" >/dev/null 2>&1 || true' EXIT
add_user() {
    printf 'AS_ADMIN_USERPASSWORD=%s\n' "$3" > "$passwords"
    admin --passwordfile "$passwords" create-file-user --authrealmname ApplicationRealm --groups "$2" "$1"
}
add_user alice 'user:audit-viewer' alice-pw
add_user bob user bob-pw
add_user carol user carol-pw

# the default ContextService propagates third-party contexts (Attest's) only with Remaining (README, Payara); the
# domain creates its default resources at the first deployment, so it is created here first, with that context-info
admin create-context-service --contextinfo=Classloader,JNDI,Security,WorkArea,Remaining \
    concurrent/__defaultContextService \
    || echo "WARNING: the default ContextService keeps Payara's context-info: contextual tasks lose Attest's context" >&2

# the HTTP port as a system property of the server's own config (Payara defines HTTP_LISTENER_PORT only in
# default-config, the template of new instances): the demo's ready line names it
admin create-system-properties --target server-config "HTTP_LISTENER_PORT=$((portbase + 80))"

admin delete-jvm-options '-Xmx512m' || true
admin create-jvm-options '-Xmx1g:-Djava.net.preferIPv4Stack=true'

"$asadmin" stop-domain "$domain"
trap - EXIT
rm -f "$passwords"

echo "$script_sum $portbase" > "$marker"
echo "Payara domain $domain prepared at $domain_dir (HTTP $((portbase + 80)), admin $admin_port)"
