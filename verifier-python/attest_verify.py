#!/usr/bin/env python3
"""A second, independent verifier of Attest's sealed log, in Python 3 with the standard library only.

It recomputes what docs/integrity.md specifies, without the Java code:
  verify-proof FILE TRUSTED_KEYS   one event's proof bundle (as `attest-verify proof` writes it, fields withheld or not)
  export FILE TRUSTED_KEYS         every line of a JSON Lines export with seal data, or of a purge's archive of events
                                   or revisions
  checkpoints FILE TRUSTED_KEYS    a checkpoint file: every signature and the chain of previous hashes
  preimage FILE                    prints the leaf hash of the event in a proof bundle (for cross-checks)

For each event it rebuilds the canonical preimage (RFC 8785 JSON, personal columns as salted HMAC-SHA256
commitments), the RFC 9162 leaf hash, the root from the audit path, and checks the Ed25519 signature of the
checkpoint against the trusted keys (RFC 8032 verification, implemented below). It has no database driver: the
database itself is checked by the Java verifier. It does not check certificate validity dates.

Prints a JSON report like attest-verify and exits 0 when clean, 1 when tampered, 2 for warnings only.
"""
import base64
import hashlib
import hmac
import json
import re
import sys

VERSION = 1
EVENT_TABLE = "attest_event"
PERSONAL_EVENT_COLUMNS = {"actor_id", "on_behalf_of_id", "target_id", "client_address", "user_agent", "reason",
                          "details", "error_message"}
REVISION_TABLE = "attest_revision"
PERSONAL_REVISION_COLUMNS = {"actor_id", "on_behalf_of_id", "client_address", "reason"}
CLEAR_AUD_COLUMNS = {"rev", "revtype"}
EXCLUDED_AUD_COLUMNS = {"revend", "revend_tstmp"}

# --- RFC 8785 (JCS) for strings, integers, booleans, null, arrays and objects ---------------------------------

def _string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\b':
            out.append('\\b')
        elif ch == '\f':
            out.append('\\f')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif ch == '\t':
            out.append('\\t')
        elif c < 0x20:
            out.append('\\u%04x' % c)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def canonical(v):
    if v is None:
        return 'null'
    if v is True:
        return 'true'
    if v is False:
        return 'false'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list):
        return '[' + ','.join(canonical(x) for x in v) + ']'
    if isinstance(v, dict):
        keys = sorted(v.keys(), key=lambda k: k.encode('utf-16-be'))  # UTF-16 code units, as JCS requires
        return '{' + ','.join(_string(k) + ':' + canonical(v[k]) for k in keys) + '}'
    raise ValueError('not encodable: %r' % (v,))

# --- base64url, commitments, preimages ---------------------------------------------------------------------

def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b'=').decode('ascii')


def unb64url(s):
    return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))


def commitment(salt, table, column, value):
    column_key = hmac.new(salt, (table + '.' + column).encode('utf-8'), hashlib.sha256).digest()
    return 'hmac-sha256:' + b64url(hmac.new(column_key, value.encode('utf-8'), hashlib.sha256).digest())


def erased_commitment(entries, table, column, value):
    """The commitment of a value of an erased row (docs/integrity.md section 8): stored, or under its column key."""
    entry = entries.get(table + '.' + column)
    if entry is None:
        return 'unverifiable'
    if entry.startswith('key:'):
        return 'hmac-sha256:' + b64url(hmac.new(unb64url(entry[4:]), value.encode('utf-8'), hashlib.sha256).digest())
    return entry


def _commit(salt, erased, table, column, value):
    """A personal value's commitment: under the leaf's salt, or from what an erasure kept."""
    if erased is not None:
        return erased_commitment(erased, table, column, value)
    return commitment(salt, table, column, value)


def event_preimage(event_id, columns, salt, withheld=None, erased=None):
    """withheld: personal columns a proof gives only as their commitments (docs/integrity.md, section 7);
    erased: what an erasure kept of an erased row, in place of its salt."""
    committed = {}
    for name, value in columns.items():
        committed[name] = value if value is None or name not in PERSONAL_EVENT_COLUMNS \
            else _commit(salt, erased, EVENT_TABLE, name, value)
    for name, value in (withheld or {}).items():
        if name not in PERSONAL_EVENT_COLUMNS or name in columns or not isinstance(value, str) \
                or not value.startswith('hmac-sha256:'):
            raise ValueError('withheld column %s: only a personal column absent from columns, as its commitment' % name)
        committed[name] = value
    leaf = {'v': VERSION, 'kind': 'event', 'table': EVENT_TABLE, 'id': str(event_id), 'columns': committed}
    return canonical(leaf).encode('utf-8')

def _erased_aud(erased, table, columns):
    """The commitments an erasure kept for the emptied columns of this _AUD row (docs/integrity.md section 8)."""
    prefix = 'aud:' + table + ':'
    for name, value in (erased or {}).items():
        if name.startswith(prefix):
            key = json.loads(name[len(prefix):])
            if all(columns.get(column) == v for column, v in key.items()):
                return json.loads(value)
    return {}


def aud_digest(table, columns, salt, erased=None):
    """The hex SHA-256 of one _AUD row: every value but rev and revtype committed, revend and revend_tstmp left out."""
    kept = {k: v for k, v in columns.items() if k not in EXCLUDED_AUD_COLUMNS}
    committed = {k: (v if v is None or k in CLEAR_AUD_COLUMNS else _commit(salt, erased, table, k, v))
                 for k, v in kept.items()}
    for column, kept_commitment in _erased_aud(erased, table, kept).items():
        if column in kept:
            committed[column] = kept_commitment if kept[column] is None else 'erased-value-returned'
    return hashlib.sha256(canonical({'table': table, 'columns': committed}).encode('utf-8')).hexdigest()


def revision_preimage(revision_id, columns, aud_rows, salt, erased=None):
    """A revision leaf: its personal columns committed, and the sorted digests of its _AUD rows."""
    committed = {n: (v if v is None or n not in PERSONAL_REVISION_COLUMNS else _commit(salt, erased, REVISION_TABLE, n, v))
                 for n, v in columns.items()}
    digests = sorted(aud_digest(row['table'], row['columns'], salt, erased) for row in aud_rows)
    leaf = {'v': VERSION, 'kind': 'revision', 'table': REVISION_TABLE, 'id': str(revision_id), 'columns': committed,
            'aud': digests}
    return canonical(leaf).encode('utf-8')

# --- RFC 9162 ------------------------------------------------------------------------------------------------

def leaf_hash(preimage):
    return hashlib.sha256(b'\x00' + preimage).digest()


def node_hash(left, right):
    return hashlib.sha256(b'\x01' + left + right).digest()


def verify_inclusion(leaf, index, size, path, root):
    if index < 0 or index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root

# --- Ed25519 verification (RFC 8032, section 6) ----------------------------------------------------------------

_p = 2 ** 255 - 19
_q = 2 ** 252 + 27742317777372353535851937790883648493


def _inv(x):
    return pow(x, _p - 2, _p)


_d = -121665 * _inv(121666) % _p
_sqrt_m1 = pow(2, (_p - 1) // 4, _p)


def _add(P, Q):
    A = (P[1] - P[0]) * (Q[1] - Q[0]) % _p
    B = (P[1] + P[0]) * (Q[1] + Q[0]) % _p
    C = 2 * P[3] * Q[3] * _d % _p
    D = 2 * P[2] * Q[2] % _p
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F, G * H, F * G, E * H)


def _mul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = _add(Q, P)
        P = _add(P, P)
        s >>= 1
    return Q


def _equal(P, Q):
    return (P[0] * Q[2] - Q[0] * P[2]) % _p == 0 and (P[1] * Q[2] - Q[1] * P[2]) % _p == 0


def _recover_x(y, sign):
    if y >= _p:
        return None
    x2 = (y * y - 1) * _inv(_d * y * y + 1)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_p + 3) // 8, _p)
    if (x * x - x2) % _p != 0:
        x = x * _sqrt_m1 % _p
    if (x * x - x2) % _p != 0:
        return None
    if (x & 1) != sign:
        x = _p - x
    return x


_gy = 4 * _inv(5) % _p
_gx = _recover_x(_gy, 0)
_G = (_gx, _gy, 1, _gx * _gy % _p)


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, 'little')
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _p)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    A = _decompress(public)
    R = _decompress(signature[:32])
    if A is None or R is None:
        return False
    s = int.from_bytes(signature[32:], 'little')
    if s >= _q:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), 'little') % _q
    return _equal(_mul(s, _G), _add(R, _mul(h, A)))

# --- trusted keys and checkpoints ------------------------------------------------------------------------------

_ED25519_SPKI = bytes.fromhex('302a300506032b6570032100')


def trusted_keys(path):
    """Ed25519 keys of PEM PUBLIC KEY and CERTIFICATE blocks, by key id (first 8 bytes of SHA-256 of the SPKI)."""
    text = open(path, encoding='ascii').read()
    keys = {}
    for kind, body in re.findall(r'-----BEGIN ([A-Z ]+)-----([^-]+)-----END \1-----', text):
        der = base64.b64decode(''.join(body.split()))
        at = der.find(_ED25519_SPKI)
        if at < 0:
            continue
        spki = der[at:at + 44]
        keys[hashlib.sha256(spki).hexdigest()[:16]] = spki[12:]
    if not keys:
        raise ValueError('no Ed25519 key in ' + path)
    return keys


def checkpoint_body(cp):
    body = {k: cp.get(k) for k in ('v', 'origin', 'size', 'root', 'time', 'previous')}
    return canonical(body).encode('utf-8')


def checkpoint_hash(cp):
    return hashlib.sha256(checkpoint_body(cp)).hexdigest()


def checkpoint_signed(cp, keys):
    body = checkpoint_body(cp)
    for s in cp.get('signatures', []):
        key = keys.get(s.get('key'))
        if key is not None and s.get('alg') == 'Ed25519' and ed25519_verify(key, body, unb64url(s['sig'])):
            return True
    return False

# --- commands --------------------------------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.findings = []
        self.checked = {}

    def add(self, kind, table, id_, tampered, detail):
        self.findings.append({'kind': kind, 'table': table, 'id': None if id_ is None else str(id_),
                              'severity': 'tampered' if tampered else 'warning', 'detail': detail})

    def exit_code(self):
        if any(f['severity'] == 'tampered' for f in self.findings):
            return 1
        return 2 if self.findings else 0

    def json(self):
        verdict = {0: 'clean', 1: 'tampered', 2: 'warnings'}[self.exit_code()]
        return canonical({'verdict': verdict, 'checked': self.checked, 'findings': self.findings})


def bundle_leaf(bundle):
    if bundle.get('erased') is not None:
        return leaf_hash(event_preimage(int(bundle['id']), bundle['columns'], None, erased=bundle['erased']))
    return leaf_hash(event_preimage(int(bundle['id']), bundle['columns'], unb64url(bundle['salt']),
                                    bundle.get('withheld')))


def verify_bundle(bundle, keys, report):
    event_id = bundle.get('id')
    cp = bundle['checkpoint']
    if not checkpoint_signed(cp, keys):
        report.add('untrusted-checkpoint', EVENT_TABLE, event_id, True, 'not signed by a trusted key')
        return False
    path = [bytes.fromhex(h) for h in bundle['path']]
    try:
        leaf = bundle_leaf(bundle)
    except ValueError as e:
        report.add('unreadable-proof', EVENT_TABLE, event_id, True, str(e))
        return False
    if not verify_inclusion(leaf, bundle['leaf_index'], cp['size'], path, bytes.fromhex(cp['root'])):
        report.add('changed-event', EVENT_TABLE, event_id, True, 'the event does not lead to the signed root')
        return False
    return True


def verify_revision_line(line, keys, report):
    """One line of a purge's revision archive: the revision, its _AUD rows and its salt lead to the signed root."""
    revision_id = line.get('id')
    cp = line.get('checkpoint')
    if not isinstance(cp, dict):
        report.add('unsealed-revision', REVISION_TABLE, revision_id, False, 'the archive line carries no seal')
        return False
    if not checkpoint_signed(cp, keys):
        report.add('untrusted-checkpoint', REVISION_TABLE, revision_id, True, 'not signed by a trusted key')
        return False
    try:
        erased = line.get('erased')
        salt = None if erased is not None else unb64url(line['salt'])
        leaf = leaf_hash(revision_preimage(int(revision_id), line['columns'], line['aud'], salt, erased))
        path = [bytes.fromhex(h) for h in line['path']]
    except (ValueError, KeyError, TypeError) as e:
        report.add('unreadable-proof', REVISION_TABLE, revision_id, True, str(e))
        return False
    if not verify_inclusion(leaf, line['leaf_index'], cp['size'], path, bytes.fromhex(cp['root'])):
        report.add('changed-revision', REVISION_TABLE, revision_id, True,
                   'the revision and its _AUD rows do not lead to the signed root')
        return False
    return True


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 3
    command, target = argv[0], argv[1]
    report = Report()
    if command == 'preimage':
        print(bundle_leaf(json.load(open(target, encoding='utf-8'))).hex())
        return 0
    keys = trusted_keys(argv[2])
    if command == 'verify-proof':
        verify_bundle(json.load(open(target, encoding='utf-8')), keys, report)
        report.checked['events'] = 1
    elif command == 'export':
        n = 0
        revisions = 0
        for line in open(target, encoding='utf-8'):
            if not line.strip():
                continue
            event = json.loads(line)
            if event.get('table') == REVISION_TABLE:
                revisions += 1
                verify_revision_line(event, keys, report)
                continue
            n += 1
            if not isinstance(event.get('seal'), dict):
                report.add('unsealed-event', EVENT_TABLE, event.get('id'), False, 'the export line carries no seal')
                continue
            verify_bundle(event['seal'], keys, report)
        report.checked['events'] = n
        if revisions:
            report.checked['revisions'] = revisions
    elif command == 'checkpoints':
        previous = None
        n = 0
        for number, line in enumerate(open(target, encoding='utf-8'), start=1):
            if not line.strip():
                continue
            n += 1
            cp = json.loads(line)
            if not checkpoint_signed(cp, keys):
                report.add('untrusted-checkpoint', 'checkpoint-file', number, True, 'not signed by a trusted key')
                continue
            if previous is not None and (cp.get('previous') != checkpoint_hash(previous) or cp['size'] < previous['size']):
                report.add('broken-chain', 'checkpoint-file', number, True, 'does not extend the previous checkpoint')
            previous = cp
        report.checked['checkpoints'] = n
    else:
        print('unknown command ' + command, file=sys.stderr)
        return 3
    print(report.json())
    return report.exit_code()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
