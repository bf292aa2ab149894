package dev.attest.internal.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the client's address: the connection's peer, or, only when that peer is a trusted proxy, the
 * nearest address in {@code X-Forwarded-For} that is not itself a trusted proxy. A forged header from an
 * untrusted peer changes nothing.
 */
public final class ClientAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Range> trusted;

    /** @param trustedProxies addresses ({@code 10.0.0.1}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    public ClientAddresses(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            ranges.add(Range.parse(entry));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client address of a request from {@code peer} carrying {@code forwardedFor} (may be {@code null}). */
    public String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (literal(hop) == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal, or {@code null}; never a DNS lookup. */
    static byte[] literal(String address) {
        if (address == null || address.isEmpty() || address.length() > 45) {
            return null;
        }
        // InetAddress looks up anything it cannot parse that has no colon ("cafe", "1.2.3.4.5"), and reads
        // "127.1" as 127.0.0.1: only a dotted quad, or text with a colon (an IPv6 literal or nothing), goes to it
        boolean ipv4 = IPV4.matcher(address).matches();
        boolean ipv6 = address.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(address).matches();
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            String[] parts = entry.trim().split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("attest.trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
            }
            int prefix = network.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("attest.trusted-proxies: bad prefix length in '" + entry + "'");
                }
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
