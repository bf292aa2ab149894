package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 9162 tree hashing and proofs, with the Certificate Transparency reference vectors. */
class MerkleTest {

    /** The eight leaves of the CT reference tests. */
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    /** The roots of the trees of the first 1..8 leaves. */
    static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    static List<byte[]> leaves() {
        List<byte[]> leaves = new ArrayList<>();
        for (String l : LEAVES) {
            leaves.add(Merkle.leafHash(Hashes.unhex(l)));
        }
        return leaves;
    }

    @Test
    void emptyTreeIsTheHashOfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Hashes.hex(Merkle.root(List.of())));
    }

    @Test
    void rootsMatchTheReferenceVectors() {
        List<byte[]> leaves = leaves();
        Merkle.Tree tree = new Merkle.Tree(leaves);
        Merkle.Frontier frontier = new Merkle.Frontier();
        for (int n = 1; n <= 8; n++) {
            frontier.append(leaves.get(n - 1));
            assertEquals(ROOTS[n - 1], Hashes.hex(tree.root(n)), "tree of " + n);
            assertEquals(ROOTS[n - 1], Hashes.hex(frontier.root()), "frontier of " + n);
            assertEquals(ROOTS[n - 1], Hashes.hex(Merkle.Frontier.decode(n, frontier.encode()).root()));
        }
    }

    @Test
    void inclusionProofOfTheFirstLeafOfEightMatchesTheReferenceVector() {
        List<byte[]> path = new Merkle.Tree(leaves()).inclusionProof(0, 8);
        assertEquals(List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"), hex(path));
    }

    @Test
    void everyInclusionProofVerifiesAndOnlyForItsLeaf() {
        List<byte[]> leaves = leaves();
        Merkle.Tree tree = new Merkle.Tree(leaves);
        for (int size = 1; size <= 8; size++) {
            byte[] root = tree.root(size);
            for (int i = 0; i < size; i++) {
                List<byte[]> path = tree.inclusionProof(i, size);
                assertTrue(Merkle.verifyInclusion(leaves.get(i), i, size, path, root), i + " in " + size);
                int other = (i + 1) % size;
                if (other != i) {
                    assertFalse(Merkle.verifyInclusion(leaves.get(other), i, size, path, root));
                }
            }
        }
    }

    @Test
    void inclusionProofWithWrongSizeFails() {
        Merkle.Tree tree = new Merkle.Tree(leaves());
        List<byte[]> path = tree.inclusionProof(2, 5);
        byte[] root = tree.root(5);
        assertTrue(Merkle.verifyInclusion(leaves().get(2), 2, 5, path, root));
        assertFalse(Merkle.verifyInclusion(leaves().get(2), 2, 3, path, root));
        assertFalse(Merkle.verifyInclusion(leaves().get(2), 2, 4, path, root));
    }

    @Test
    void inclusionProofWithIndexBeyondSizeFails() {
        Merkle.Tree tree = new Merkle.Tree(leaves());
        List<byte[]> path = tree.inclusionProof(4, 5);
        assertFalse(Merkle.verifyInclusion(leaves().get(4), 5, 5, path, tree.root(5)));
        assertFalse(Merkle.verifyInclusion(leaves().get(4), 9, 5, path, tree.root(5)));
        assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(5, 5));
    }

    @Test
    void overlongOrShortenedInclusionPathFails() {
        Merkle.Tree tree = new Merkle.Tree(leaves());
        List<byte[]> path = new ArrayList<>(tree.inclusionProof(3, 7));
        byte[] root = tree.root(7);
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(tree.root(1));
        assertFalse(Merkle.verifyInclusion(leaves().get(3), 3, 7, longer, root));
        assertFalse(Merkle.verifyInclusion(leaves().get(3), 3, 7, path.subList(0, path.size() - 1), root));
        assertFalse(Merkle.verifyInclusion(leaves().get(3), 3, 7, List.of(), root));
    }

    @Test
    void consistencyProofsVerifyBetweenEveryPairOfSizes() {
        Merkle.Tree tree = new Merkle.Tree(leaves());
        for (int m = 1; m <= 8; m++) {
            for (int n = m; n <= 8; n++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertTrue(Merkle.verifyConsistency(m, n, tree.root(m), tree.root(n), proof), m + " to " + n);
                if (m < n) {
                    assertFalse(Merkle.verifyConsistency(m, n, tree.root(n), tree.root(n), proof), "wrong first root " + m + "->" + n);
                    if (m + 1 < n || m > 1) {
                        assertFalse(Merkle.verifyConsistency(m, n - 1, tree.root(m), tree.root(n - 1), proof), "wrong size " + m + "->" + n);
                    }
                }
            }
        }
    }

    @Test
    void consistencyProofOfOneToEightMatchesTheReferenceVector() {
        // RFC 6962 reference: from 1 to 8 the proof is the three right-hand subtree roots
        assertEquals(List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                hex(new Merkle.Tree(leaves()).consistencyProof(1, 8)));
    }

    @Test
    void overlongConsistencyProofFails() {
        Merkle.Tree tree = new Merkle.Tree(leaves());
        List<byte[]> proof = new ArrayList<>(tree.consistencyProof(3, 7));
        proof.add(tree.root(1));
        assertFalse(Merkle.verifyConsistency(3, 7, tree.root(3), tree.root(7), proof));
        assertFalse(Merkle.verifyConsistency(7, 3, tree.root(7), tree.root(3), List.of()));
        assertFalse(Merkle.verifyConsistency(4, 4, tree.root(4), tree.root(4), List.of(tree.root(1))));
    }

    @Test
    void appendingLeavesOneByOneGivesTheSameRootsAsTheWholeTree() {
        List<byte[]> leaves = new ArrayList<>();
        Merkle.Frontier frontier = new Merkle.Frontier();
        for (int i = 0; i < 300; i++) {
            byte[] leaf = Merkle.leafHash(new byte[] {(byte) i, (byte) (i >> 8)});
            leaves.add(leaf);
            frontier.append(leaf);
            assertArrayEquals(Merkle.root(leaves), frontier.root(), "size " + (i + 1));
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Hashes::hex).toList();
    }
}
