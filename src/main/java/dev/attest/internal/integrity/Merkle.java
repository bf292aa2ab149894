package dev.attest.internal.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 9162 Merkle tree over SHA-256: {@code leaf = H(0x00 || preimage)}, {@code node = H(0x01 || left || right)},
 * inclusion and consistency proofs (RFC 9162 section 2.1.3 and 2.1.4) and their verification.
 */
public final class Merkle {

    private Merkle() {
    }

    public static byte[] leafHash(byte[] preimage) {
        MessageDigest d = Hashes.sha256();
        d.update((byte) 0);
        d.update(preimage);
        return d.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = Hashes.sha256();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The root of the tree of these leaf hashes ({@code SHA-256("")} for none). */
    public static byte[] root(List<byte[]> leaves) {
        return new Tree(leaves).root(leaves.size());
    }

    /**
     * The right edge of a tree: the roots of its perfect subtrees, largest first. Appending a leaf and reading
     * the root cost O(log n), so the sealer never reads old leaves.
     */
    public static final class Frontier {
        private final List<byte[]> hashes = new ArrayList<>();
        private long size;

        public Frontier() {
        }

        /** The frontier of a tree of {@code size} leaves from its {@link #encode()} form. */
        public static Frontier decode(long size, String encoded) {
            Frontier f = new Frontier();
            f.size = size;
            int expected = Long.bitCount(size);
            if (encoded.length() != expected * 64) {
                throw new IllegalArgumentException("frontier of size " + size + " needs " + expected + " hashes");
            }
            for (int i = 0; i < expected; i++) {
                f.hashes.add(Hashes.unhex(encoded.substring(i * 64, i * 64 + 64)));
            }
            return f;
        }

        public String encode() {
            StringBuilder out = new StringBuilder();
            hashes.forEach(h -> out.append(Hashes.hex(h)));
            return out.toString();
        }

        public long size() {
            return size;
        }

        public void append(byte[] leafHash) {
            hashes.add(leafHash);
            size++;
            // each trailing 1-bit of the old size is a perfect subtree of the new leaf's size to merge with
            long merges = Long.numberOfTrailingZeros(size);
            for (long i = 0; i < merges; i++) {
                byte[] right = hashes.remove(hashes.size() - 1);
                byte[] left = hashes.remove(hashes.size() - 1);
                hashes.add(nodeHash(left, right));
            }
        }

        public byte[] root() {
            if (hashes.isEmpty()) {
                return Hashes.sha256(new byte[0]);
            }
            byte[] r = hashes.get(hashes.size() - 1);
            for (int i = hashes.size() - 2; i >= 0; i--) {
                r = nodeHash(hashes.get(i), r);
            }
            return r;
        }
    }

    /** All leaf hashes of a log with its perfect subtrees precomputed, for roots and proofs at any size. */
    public static final class Tree {
        private final List<byte[][]> levels = new ArrayList<>();

        public Tree(List<byte[]> leaves) {
            byte[][] level = leaves.toArray(new byte[0][]);
            levels.add(level);
            while (level.length > 1) {
                byte[][] up = new byte[level.length / 2][];
                for (int i = 0; i < up.length; i++) {
                    up[i] = nodeHash(level[2 * i], level[2 * i + 1]);
                }
                levels.add(up);
                level = up;
            }
        }

        public int size() {
            return levels.get(0).length;
        }

        /** MTH(D[from:to]). */
        byte[] hash(int from, int to) {
            int n = to - from;
            if (n == 0) {
                return Hashes.sha256(new byte[0]);
            }
            if (Integer.bitCount(n) == 1 && from % n == 0) {
                return levels.get(Integer.numberOfTrailingZeros(n))[from / n];
            }
            int k = Integer.highestOneBit(n - 1);
            return nodeHash(hash(from, from + k), hash(from + k, to));
        }

        public byte[] root(int size) {
            check(size);
            return hash(0, size);
        }

        /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
        public List<byte[]> inclusionProof(int index, int size) {
            check(size);
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
            }
            List<byte[]> path = new ArrayList<>();
            path(index, 0, size, path);
            return path;
        }

        private void path(int m, int from, int to, List<byte[]> out) {
            int n = to - from;
            if (n <= 1) {
                return;
            }
            int k = Integer.highestOneBit(n - 1);
            if (m < k) {
                path(m, from, from + k, out);
                out.add(hash(from + k, to));
            } else {
                path(m - k, from + k, to, out);
                out.add(hash(from, from + k));
            }
        }

        /** The consistency proof from the tree of {@code first} leaves to that of {@code second}. */
        public List<byte[]> consistencyProof(int first, int second) {
            check(second);
            if (first < 0 || first > second) {
                throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
            }
            List<byte[]> proof = new ArrayList<>();
            if (first > 0 && first < second) {
                subproof(first, 0, second, true, proof);
            }
            return proof;
        }

        private void subproof(int m, int from, int to, boolean whole, List<byte[]> out) {
            int n = to - from;
            if (m == n) {
                if (!whole) {
                    out.add(hash(from, to));
                }
                return;
            }
            int k = Integer.highestOneBit(n - 1);
            if (m <= k) {
                subproof(m, from, from + k, whole, out);
                out.add(hash(from + k, to));
            } else {
                subproof(m - k, from + k, to, false, out);
                out.add(hash(from, from + k));
            }
        }

        private void check(int size) {
            if (size < 0 || size > size()) {
                throw new IllegalArgumentException("the log has " + size() + " leaves, not " + size);
            }
        }
    }

    /** RFC 9162 2.1.3.2: whether {@code path} proves leaf {@code index} of a tree of {@code size} with this root. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 2.1.4.2: whether {@code proof} shows the tree of {@code second} leaves extends that of {@code first}. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first < 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }
}
